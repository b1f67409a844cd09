/** Dataset scans: batching must not change anything, and per-graph maxima must match single-graph forwards. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs } from '../../src/data/graphBatch';
import { ScanCancelled, scanSplit } from '../../src/engine/scan';
import { preset } from '../../src/gnn/config';
import { createModel, forwardTidy, type Model } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from './helpers/backends';

describe('scanSplit on ZINC test graphs', () => {
  let model: Model;
  beforeAll(async () => {
    await useBackend('wasm');
    model = createModel({ ...preset('small-gt-zinc'), layers: 2 });
  });
  afterAll(() => disposeParams(model.params));

  it('gives the same statistics in batches of 7 as in one batch, and reports progress', async () => {
    const data = await loadBundle('zinc', folderBundleSource());
    const graphs = data.splits.test.slice(0, 40);
    const progress: number[] = [];
    const small = await scanSplit(model, graphs, data.spec, {
      batchSize: 7,
      onProgress: (done) => progress.push(done),
    });
    const whole = await scanSplit(model, graphs, data.spec, { batchSize: 64 });
    expect(progress).toEqual([7, 14, 21, 28, 35, 40]);
    expect(small.edges).toBe(graphs.reduce((n, g) => n + 2 * g.bondBegin.length, 0));
    small.layers.forEach((layer, i) => {
      const other = whole.layers[i];
      Array.from(layer.perGraphMax).forEach((m, g) => expect(m).toBeCloseTo(other.perGraphMax[g], 3));
      expect(layer.fractionEdgesMassive).toBe(other.fractionEdgesMassive);
    });
  });

  it('stops before the next batch when asked, with ScanCancelled and no tensors left behind', async () => {
    const data = await loadBundle('zinc', folderBundleSource());
    const tensors = tf.memory().numTensors;
    const done: number[] = [];
    const scan = scanSplit(model, data.splits.test.slice(0, 30), data.spec, {
      batchSize: 10,
      onProgress: (n) => done.push(n),
      shouldStop: () => done.length === 2,
    });
    await expect(scan).rejects.toBeInstanceOf(ScanCancelled);
    expect(done).toEqual([10, 20]);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it("matches each graph's own maximum ratio max|s| / median|s| computed from a single-graph forward", async () => {
    const data = await loadBundle('zinc', folderBundleSource());
    const graphs = data.splits.test.slice(100, 105);
    const scan = await scanSplit(model, graphs, data.spec);
    for (let g = 0; g < graphs.length; g++) {
      const result = forwardTidy(model, batchGraphs([graphs[g]], data.spec), { capture: true });
      const scores = result.captures[1].edgeScore;
      const values = await scores.data();
      const [E, D] = scores.shape;
      let best = 0;
      for (let e = 0; e < E; e++) {
        const row = Array.from(values.subarray(e * D, (e + 1) * D), Math.abs).sort((a, b) => a - b);
        best = Math.max(best, row[D - 1] / ((row[D / 2 - 1] + row[D / 2]) / 2));
      }
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
      expect(scan.layers[1].perGraphMax[g]).toBeCloseTo(best, 3);
    }
  });
});
