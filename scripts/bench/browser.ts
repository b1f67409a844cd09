/**
 * The browser half of `npm run bench`, in Debian's headless Chromium (SwiftShader WebGPU: no GPU here): the
 * compute benchmarks inside the app's engine worker on each backend (`?backend=`), then the UI's own
 * performance measures (src/ui/interactionTiming.ts) over 200 interactions, memory before and after, a cold
 * load and a shared link opened in a fresh context.
 */
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { BenchmarkRequest, BenchmarkResult } from '../../src/engine/benchmarks';
import type { DatasetScanRequest, DatasetScanResult } from '../../src/engine/datasetScanTypes';
import { launchChromium } from '../../test/e2e/helpers/browser';
import { CYCLE, firstColoredMolecule, interact, measures } from '../../test/e2e/helpers/interactions';
import { computeBenchmarks } from './plan';

type AnalysisHandle = {
  maExplorer: {
    engine: {
      scanDataset(r: DatasetScanRequest): Promise<DatasetScanResult>;
      info(): Promise<{ wasm: { threads: number } | null }>;
    };
  };
};

type Handle = {
  maExplorer: {
    engine: {
      benchmark(r: BenchmarkRequest): Promise<BenchmarkResult>;
      memory(): Promise<{ backend: string; numTensors: number; numBytes: number }>;
      info(): Promise<{ name: string }>;
    };
  };
};

export interface UiRun {
  backend: string;
  coldLoadMs: number;
  /** ms of every measure, by interaction name. */
  measures: Record<string, number[]>;
  urlRestoredMs: number;
  memoryStart: { numTensors: number; numBytes: number };
  memoryEnd: { numTensors: number; numBytes: number };
  pageHeapStartBytes: number;
  pageHeapEndBytes: number;
  interactions: number;
}

export interface AnalysisRun {
  /**
   * ms of the first analysis with the base model run (model and base), then of a second model whose base is kept,
   * then of the first analysis in a fresh page as a person gets it: the base from its checkpoint's record.
   */
  firstMs: number;
  baseKeptMs: number;
  recordedBaseMs: number;
  wasmThreads: number;
  statisticsWorkers: number;
}

export interface BrowserRun {
  chromium: string;
  compute: BenchmarkResult[];
  ui: UiRun[];
  analysis?: AnalysisRun;
}

const log = (line: string) => process.stderr.write(`  ${line}\n`);

async function openApp(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext(); // a fresh context: empty HTTP cache, so loads are cold
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(url);
  await firstColoredMolecule(page, 300_000);
  return page;
}

const heapBytes = (page: Page) =>
  page.evaluate(() => {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
  });
const engineMemory = (page: Page) => page.evaluate(() => (window as unknown as Handle).maExplorer.engine.memory());

async function computeOn(browser: Browser, baseUrl: string, backend: string, quick: boolean) {
  const page = await openApp(browser, `${baseUrl}?backend=${backend}`);
  const active = await page.evaluate(async () => (await (window as unknown as Handle).maExplorer.engine.info()).name);
  if (active !== backend) throw new Error(`asked for ${backend}, the engine started ${active}`);
  const results: BenchmarkResult[] = [];
  for (const request of computeBenchmarks({ env: 'chromium', slowBackend: backend === 'webgpu', quick })) {
    results.push(await page.evaluate((r) => (window as unknown as Handle).maExplorer.engine.benchmark(r), request));
    log(JSON.stringify(results.at(-1)));
  }
  await page.context().close();
  return results;
}

/**
 * The dataset analysis a person starts from the panel: the shipped trained GT over the 1000 ZINC test molecules,
 * with its base model (forwards, Gamma fits, KS, heatmaps, curvature), timed around the engine call; then the EBT
 * twin, whose base scan is kept. Both with the base run live; then, in a fresh page, the trained GT as the panel
 * runs it, with the base's numbers from its checkpoint's record.
 */
async function analysisOn(browser: Browser, baseUrl: string): Promise<AnalysisRun> {
  const run = (page: Page, modelEntry: string, liveBase: boolean) =>
    page.evaluate(
      async ([entry, live]) => {
        const { engine } = (window as unknown as AnalysisHandle).maExplorer;
        const started = performance.now();
        const result = await engine.scanDataset({
          dataset: 'zinc',
          split: 'test',
          modelEntry: entry,
          threshold: 1000,
          liveBase: live,
        });
        const info = await engine.info();
        return {
          ms: performance.now() - started,
          workers: result.statisticsWorkers ?? 0,
          threads: info.wasm?.threads ?? 0,
        };
      },
      [modelEntry, liveBase] as const,
    );
  const page = await openApp(browser, `${baseUrl}?backend=wasm`);
  const first = await run(page, 'ckpt:gt-zinc-trained', true);
  const second = await run(page, 'ckpt:gt-zinc-ebt', true);
  await page.context().close();
  const fresh = await openApp(browser, `${baseUrl}?backend=wasm`);
  const recorded = await run(fresh, 'ckpt:gt-zinc-trained', false);
  await fresh.context().close();
  return {
    firstMs: first.ms,
    baseKeptMs: second.ms,
    recordedBaseMs: recorded.ms,
    wasmThreads: first.threads,
    statisticsWorkers: first.workers,
  };
}

async function uiOn(browser: Browser, baseUrl: string, backend: string, interactions: number): Promise<UiRun> {
  const page = await openApp(browser, `${baseUrl}?backend=${backend}`);
  const coldLoadMs = (await measures(page, 'first-colored-molecule'))[0];
  await interact(page, CYCLE.length); // warm-up round, not counted below
  const warm = Object.fromEntries(
    await Promise.all(
      ['bond-click', 'ablation-toggle', 'next-molecule', 'next-molecule-colored'].map(
        async (n) => [n, (await measures(page, n)).length] as const,
      ),
    ),
  );
  const memoryStart = await engineMemory(page);
  const pageHeapStartBytes = await heapBytes(page);
  await interact(page, interactions);
  const memoryEnd = await engineMemory(page);
  const pageHeapEndBytes = await heapBytes(page);
  const byName: Record<string, number[]> = {};
  for (const n of Object.keys(warm)) byName[n] = (await measures(page, n)).slice(warm[n]);
  // A shared link (the hash the page keeps in step) with a bond selected, opened in a fresh context.
  await page.getByTestId('bond-1').click();
  await page.waitForFunction(() => window.location.hash.includes('bond=1'));
  const link = page.url();
  await page.context().close();
  const restored = await openApp(browser, link);
  await restored.waitForFunction(() => performance.getEntriesByName('ma:url-restored').length > 0, null, {
    timeout: 120_000,
  });
  const urlRestoredMs = (await measures(restored, 'url-restored'))[0];
  await restored.context().close();
  return {
    backend,
    coldLoadMs,
    measures: byName,
    urlRestoredMs,
    memoryStart,
    memoryEnd,
    pageHeapStartBytes,
    pageHeapEndBytes,
    interactions,
  };
}

export async function runBrowserBenchmarks({
  quick,
  computeBackends,
}: {
  quick: boolean;
  computeBackends: string[];
}): Promise<BrowserRun> {
  const outDir = 'dist-bench';
  await build({ logLevel: 'warn', build: { outDir } });
  const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir }, logLevel: 'warn' });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('vite preview did not report a URL');
  const browser = await launchChromium({ webgpu: true, args: ['--js-flags=--expose-gc'] });
  try {
    const compute: BenchmarkResult[] = [];
    for (const backend of computeBackends) {
      log(`chromium ${backend}: compute`);
      compute.push(...(await computeOn(browser, baseUrl, backend, quick)));
    }
    log('chromium wasm: UI, 200 interactions');
    const ui = [await uiOn(browser, baseUrl, 'wasm', quick ? 8 : 200)];
    log('chromium webgpu: UI, 8 interactions');
    ui.push(await uiOn(browser, baseUrl, 'webgpu', 8));
    log('chromium wasm: dataset analysis');
    const analysis = await analysisOn(browser, baseUrl);
    log(JSON.stringify(analysis));
    return { chromium: browser.version(), compute, ui, analysis };
  } finally {
    await browser.close();
    await server.close();
  }
}
