/** The compute benchmarks (src/engine/benchmarks.ts) time what they say, on the graphs they say, and leak nothing. */
import { describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { runBenchmark } from '../../src/engine/benchmarks';
import { useBackend } from './helpers/backends';

describe('runBenchmark', async () => {
  const zinc = await loadBundle('zinc', folderBundleSource());
  const data = { test: zinc.splits.test, train: zinc.splits.train, spec: zinc.spec };

  it('forward: a median and a minimum over the repeats, no tensor growth', async () => {
    await useBackend('wasm');
    const r = await runBenchmark({ kind: 'forward', preset: 'small-san-zinc', graphIndex: 3, repeats: 3 }, data);
    expect(r.backend).toBe('wasm');
    expect(r.minMs).toBeGreaterThan(0);
    expect(r.minMs).toBeLessThanOrEqual(r.medianMs!);
    expect(r.tensorGrowth).toBe(0);
  });

  it('scan: the first `limit` test graphs, batched or one at a time', async () => {
    await useBackend('wasm');
    for (const batchSize of [1, 64]) {
      const r = await runBenchmark({ kind: 'scan', preset: 'small-gt-zinc', limit: 12, batchSize }, data);
      expect(r.graphs).toBe(12);
      expect(r.forwardSeconds).toBeGreaterThan(0);
      expect(r.seconds).toBeGreaterThanOrEqual(r.forwardSeconds!);
      expect(r.tensorGrowth).toBe(0);
    }
  });

  it('train: graphs per second over the timed steps, no tensor growth', async () => {
    await useBackend('wasm');
    const r = await runBenchmark({ kind: 'train', preset: 'small-gt-zinc', batchSize: 8, steps: 2 }, data);
    expect(r.graphsPerSecond).toBeGreaterThan(0);
    expect(r.tensorGrowth).toBe(0);
  });

  it('names an unknown preset', async () => {
    await expect(
      runBenchmark({ kind: 'forward', preset: 'small-nothing', graphIndex: 0, repeats: 1 }, data),
    ).rejects.toThrow(/small-nothing/);
  });
});
