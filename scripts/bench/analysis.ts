/**
 * Before/after for the dataset analysis: built apps (vite build output folders) served side by side and timed
 * interleaved in one headless Chromium, wasm backend: gt-zinc-trained with its base over the 1000 ZINC test
 * molecules, in a fresh page each round (so the base is scanned too), then gt-zinc-ebt (base kept).
 *
 *   npx tsx scripts/bench/analysis.ts <distA> <distB> [rounds=3]
 *
 * Prints one JSON line per round and app, then the medians and the load average.
 */
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { launchChromium } from '../../test/e2e/helpers/browser';
import { firstColoredMolecule } from '../../test/e2e/helpers/interactions';
import type { DatasetScanRequest, DatasetScanResult } from '../../src/engine/datasetScanTypes';

type Handle = {
  maExplorer: {
    engine: {
      scanDataset(r: DatasetScanRequest): Promise<DatasetScanResult>;
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
const times: Record<string, { first: number[]; baseKept: number[] }> = {};
try {
  for (let round = 0; round < rounds; round++)
    for (const [i, server] of servers.entries()) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.resolvedUrls!.local[0]}?backend=wasm`);
      await firstColoredMolecule(page, 300_000);
      // one evaluate per model: tsx wraps named inner functions in a helper the page does not have
      const time = (modelEntry: string) =>
        page.evaluate(async (entry) => {
          const { engine } = (window as unknown as Handle).maExplorer;
          const started = performance.now();
          const scan = await engine.scanDataset({ dataset: 'zinc', split: 'test', modelEntry: entry, threshold: 1000 });
          const threads = (await engine.info()).wasm?.threads ?? 0;
          return { ms: performance.now() - started, workers: scan.statisticsWorkers ?? 0, threads };
        }, modelEntry);
      const result = { first: await time('ckpt:gt-zinc-trained'), baseKept: await time('ckpt:gt-zinc-ebt') };
      await page.context().close();
      const t = (times[folders[i]] ??= { first: [], baseKept: [] });
      t.first.push(result.first.ms);
      t.baseKept.push(result.baseKept.ms);
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
      Object.entries(times).map(([app, t]) => [app, { first: median(t.first), baseKept: median(t.baseKept) }]),
    ),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
  }),
);
