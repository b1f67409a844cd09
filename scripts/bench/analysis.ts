/**
 * Before/after for the dataset analysis: built apps (vite build output folders) served side by side and timed
 * interleaved in one headless Chromium, wasm backend: gt-zinc-trained with its base over the 1000 ZINC test
 * molecules, in a fresh page each round, the base run (`liveBase`; builds before it run the base anyway), then
 * gt-zinc-ebt (base kept), then gt-zinc-trained in another fresh page as the panel asks for it (`recorded`: the
 * base's numbers from its checkpoint's record where the build has one).
 *
 *   npx tsx scripts/bench/analysis.ts <distA> <distB> [rounds=3]
 *
 * Prints one JSON line per round and app, then the medians and the load average.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { launchChromium } from '../../test/e2e/helpers/browser';
import { firstColoredMolecule } from '../../test/e2e/helpers/interactions';
import type { DatasetScanRequest, DatasetScanResult } from '../../src/engine/datasetScanTypes';

type Handle = {
  maExplorer: {
    engine: {
      scanDataset(r: DatasetScanRequest & { liveBase?: boolean }): Promise<DatasetScanResult>;
      info(): Promise<{ wasm: { threads: number } | null }>;
    };
  };
};

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const folders = args.filter((a) => !/^\d+$/.test(a));
if (folders.length === 0) throw new Error('usage: analysis.ts <distA> [distB ...] [rounds]');

const servers = await Promise.all(
  folders.map((outDir) => preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir }, logLevel: 'warn' })),
);
const browser = await launchChromium({ webgpu: false });
const times: Record<string, { first: number[]; baseKept: number[]; recorded: number[] }> = {};
try {
  for (let round = 0; round < rounds; round++)
    for (const [i, server] of servers.entries()) {
      const open = async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.resolvedUrls!.local[0]}?backend=wasm`);
        await firstColoredMolecule(page, 300_000);
        return page;
      };
      // one evaluate per model: tsx wraps named inner functions in a helper the page does not have
      const time = (page: Page, modelEntry: string, liveBase: boolean) =>
        page.evaluate(
          async ([entry, live]) => {
            const { engine } = (window as unknown as Handle).maExplorer;
            const started = performance.now();
            const request = { dataset: 'zinc', split: 'test', modelEntry: entry, threshold: 1000, liveBase: live };
            const scan = await engine.scanDataset(request as DatasetScanRequest);
            const threads = (await engine.info()).wasm?.threads ?? 0;
            return { ms: performance.now() - started, workers: scan.statisticsWorkers ?? 0, threads };
          },
          [modelEntry, liveBase] as const,
        );
      const page = await open();
      const first = await time(page, 'ckpt:gt-zinc-trained', true);
      const baseKept = await time(page, 'ckpt:gt-zinc-ebt', true);
      await page.context().close();
      const fresh = await open();
      const recorded = await time(fresh, 'ckpt:gt-zinc-trained', false);
      await fresh.context().close();
      const result = { first, baseKept, recorded };
      const t = (times[folders[i]] ??= { first: [], baseKept: [], recorded: [] });
      t.first.push(result.first.ms);
      t.baseKept.push(result.baseKept.ms);
      t.recorded.push(result.recorded.ms);
      console.log(JSON.stringify({ round, app: folders[i], ...result }));
    }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    medianMs: Object.fromEntries(
      Object.entries(times).map(([app, t]) => [
        app,
        { first: median(t.first), baseKept: median(t.baseKept), recorded: median(t.recorded) },
      ]),
    ),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
  }),
);
