/**
 * The layer-statistics pool (statsPool.ts) over real MessageChannels (every job and summary goes through the
 * structured clone, and the scores are transferred): its summaries equal summarizeLayer's in this thread, a
 * dataset analysis with the pool equals one without it, and a worker that cannot start or that fails is handled.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import { createEngine, type Engine } from '../../src/engine/api';
import { folderCheckpointSource } from '../../src/engine/folderCheckpoints';
import { nodeWasmDir } from '../../src/engine/node';
import {
  forwardSplit,
  ScanCancelled,
  startScan,
  statisticsOf,
  type LayerJob,
  type LayerSummarizer,
  type SplitCaptures,
} from '../../src/engine/scan';
import { answerLayerJobs, createStatsPool, JOB_CANCELLED, type StatsPort } from '../../src/engine/statsPool';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { summarizeLayer } from '../../src/ma/layerSummary';
import { useBackend } from './helpers/backends';
import { createServedEngine } from './helpers/engines';

const ports: MessagePort[] = [];
/** A "worker": the far end of a MessageChannel answers jobs as statsWorker.ts does. */
function channelWorker(): StatsPort {
  const { port1, port2 } = new MessageChannel();
  answerLayerJobs(port2 as unknown as StatsPort);
  ports.push(port1, port2);
  return Object.assign(port1 as unknown as StatsPort, { terminate: () => port1.close() });
}
afterAll(() => ports.forEach((p) => p.close()));

let captures: SplitCaptures;
const copyOf = (c: SplitCaptures): SplitCaptures => ({ ...c, edgeScores: c.edgeScores.map((s) => s.slice()) });
const jobOf = (c: SplitCaptures, layer: number): LayerJob => ({
  acts: { values: c.edgeScores[layer], numEdges: c.edges, dim: c.hidden },
  graphOfEdge: c.graphOfEdge,
  numGraphs: c.graphs,
  options: { threshold: 100, histogramBins: 50, bondTypeOfEdge: c.bondTypeOfEdge, heads: c.heads },
});

beforeAll(async () => {
  await useBackend('wasm');
  const zinc = await loadBundledDataset('zinc', folderBundleSource());
  const model = createModel({ ...preset('small-gt-zinc', { seed: 7 }), layers: 3 });
  captures = await forwardSplit(model, zinc.splits.test.slice(0, 60), zinc.spec);
  disposeParams(model.params);
}, 60_000);

describe('the statistics pool', () => {
  it('gives every layer the summary summarizeLayer gives in this thread, layers in order', async () => {
    const pool = createStatsPool(2, channelWorker);
    const inline = await statisticsOf(copyOf(captures), { threshold: 100, histogramBins: 50 });
    const pooled = copyOf(captures);
    const progress: number[] = [];
    const result = await statisticsOf(pooled, {
      threshold: 100,
      histogramBins: 50,
      summarizer: pool,
      onStatistics: (done) => progress.push(done),
    });
    expect(result.layers).toEqual(inline.layers);
    expect(progress).toEqual([0, 1, 2, 3]);
    // the scores went to the workers (transferred), not copied
    expect(pooled.edgeScores.every((s) => s.length === 0)).toBe(true);
    expect(pool.workers).toBe(2);
    pool.dispose();
  });

  it('computes in this thread when no worker can start, and says it has none', async () => {
    const pool = createStatsPool(2, () => {
      throw new Error('workers are blocked here');
    });
    const job = jobOf(copyOf(captures), 1);
    const want = summarizeLayer(job.acts, job.graphOfEdge, job.numGraphs, job.options);
    await expect(pool.summarize(job)).resolves.toEqual(want);
    expect(pool.workers).toBe(0);
  });

  it('fails the layers a crashed worker held, in words, and sends the next ones to the other worker', async () => {
    const made: StatsPort[] = [];
    const crashing = (): StatsPort => {
      // a worker that never answers, then reports an error, as a crashed Web Worker does
      const { port1 } = new MessageChannel();
      ports.push(port1);
      const listeners: ((event: Event) => void)[] = [];
      const port: StatsPort = {
        postMessage: () => setTimeout(() => listeners.forEach((l) => l(new Event('error')))),
        addEventListener: (type, listener) => void (type === 'error' && listeners.push(listener)),
      };
      made.push(port);
      return port;
    };
    let calls = 0;
    const pool = createStatsPool(2, () => (calls++ === 0 ? crashing() : channelWorker()));
    const c = copyOf(captures);
    const [first, second] = [pool.summarize(jobOf(c, 0)), pool.summarize(jobOf(c, 1))];
    await expect(first).rejects.toThrow(/a statistics worker stopped .*run the analysis again/);
    const job = jobOf(copyOf(captures), 1);
    const want = summarizeLayer(job.acts, job.graphOfEdge, job.numGraphs, job.options);
    await expect(second).resolves.toEqual(want);
    expect(pool.workers).toBe(1);
    await expect(pool.summarize(jobOf(copyOf(captures), 1))).resolves.toEqual(want);
    expect(made).toHaveLength(1);
    pool.dispose();
  });

  it('drops the layers of a stopped analysis before a worker starts them', async () => {
    // One worker; count what it answers: summaries computed, and jobs it was told to drop.
    const answers: string[] = [];
    const pool = createStatsPool(1, () => {
      const port = channelWorker();
      port.addEventListener('message', (event) =>
        answers.push('summary' in (event as MessageEvent).data ? 'summary' : (event as MessageEvent).data.error),
      );
      return port;
    });
    const stopped = new AbortController();
    const c = copyOf(captures);
    const jobs = [0, 1, 2].map((layer) => pool.summarize(jobOf(c, layer), stopped.signal));
    stopped.abort();
    for (const job of jobs) await expect(job).rejects.toThrow(JOB_CANCELLED);
    await expect(pool.summarize(jobOf(copyOf(captures), 0), stopped.signal)).rejects.toThrow(JOB_CANCELLED);
    // a job of another analysis still gets its summary, after the dropped ones
    const job = jobOf(copyOf(captures), 1);
    const want = summarizeLayer(job.acts, job.graphOfEdge, job.numGraphs, job.options);
    await expect(pool.summarize(job, new AbortController().signal)).resolves.toEqual(want);
    expect(answers).toEqual([JOB_CANCELLED, JOB_CANCELLED, JOB_CANCELLED, 'summary']);
    pool.dispose();
  });

  it('is told to drop them when a scan stops', async () => {
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const model = createModel({ ...preset('small-gt-zinc', { seed: 7 }), layers: 3 });
    const signals: (AbortSignal | undefined)[] = [];
    const summarizer: LayerSummarizer = {
      concurrency: Infinity,
      workers: 1,
      summarize: (_job, signal) => {
        signals.push(signal);
        return new Promise(() => {}); // a worker busy for as long as the test runs
      },
    };
    let layersDone = 0;
    const run = startScan(model, zinc.splits.test.slice(0, 20), zinc.spec, {
      summarizer,
      onProgress: () => layersDone++,
      shouldStop: () => signals.length >= 1,
    });
    await expect(run.forwarded).rejects.toThrow(ScanCancelled);
    await expect(run.result).rejects.toThrow(ScanCancelled);
    disposeParams(model.params);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s?.aborted)).toBe(true);
    expect(layersDone).toBeGreaterThan(0);
  });
});

describe('a dataset analysis with the pool', () => {
  let plain: Engine;
  let pooled: Engine;
  beforeAll(async () => {
    const models = join(process.cwd(), 'public/models');
    plain = createServedEngine(models);
    pooled = createEngine({
      host: 'node',
      defaultOrder: ['wasm'],
      wasmPaths: nodeWasmDir(),
      datasets: folderBundleSource(),
      checkpoints: folderCheckpointSource(models),
      statisticsWorkers: { count: 2, create: channelWorker },
    });
    await Promise.all([plain.init(), pooled.init()]);
  });

  it('equals the same analysis in one thread (trained model scored against its base), and names its workers', async () => {
    const request = {
      dataset: 'zinc',
      split: 'test',
      modelEntry: 'ckpt:gt-zinc-trained',
      threshold: 1000,
      limit: 30,
    } as const;
    const want = await plain.scanDataset(request);
    const got = await pooled.scanDataset(request);
    expect(got.layers).toEqual(want.layers);
    expect(got.base).toEqual(want.base);
    expect([got.statisticsWorkers, want.statisticsWorkers]).toEqual([2, 0]);
  }, 120_000);
});
