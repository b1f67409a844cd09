/**
 * Dataset scans: batching must not change anything, the layer-by-layer forward must give exactly what whole
 * forwards give, and per-graph maxima must match single-graph forwards.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs } from '../../src/data/graphBatch';
import { forwardSplit, ScanCancelled, scanSplit, startScan } from '../../src/engine/scan';
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
    expect(progress).toEqual([1, 2]); // layers
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
    let asked = 0;
    const layersDone: number[] = [];
    // 3 batches: 3 checks before the first layer starts, 3 in layer 1, then stop inside layer 2
    const scan = scanSplit(model, data.splits.test.slice(0, 30), data.spec, {
      batchSize: 10,
      onProgress: (n) => layersDone.push(n),
      shouldStop: () => ++asked === 8,
    });
    await expect(scan).rejects.toBeInstanceOf(ScanCancelled);
    expect(layersDone).toEqual([1]);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('captures, layer by layer over batches, exactly what a whole forward of each batch captures', async () => {
    const data = await loadBundle('zinc', folderBundleSource());
    const graphs = data.splits.test.slice(200, 230);
    const tensors = tf.memory().numTensors;
    const layersSeen: number[] = [];
    const captures = await forwardSplit(model, graphs, data.spec, {
      batchSize: 12,
      onLayer: (layer, c) => {
        layersSeen.push(layer);
        // a layer's scores are complete when it is announced, the next layer's not yet written
        expect(c.edgeScores[layer].some((v) => v !== 0)).toBe(true);
        if (layer + 1 < c.edgeScores.length) expect(c.edgeScores[layer + 1].every((v) => v === 0)).toBe(true);
      },
    });
    expect(layersSeen).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(tensors);
    let offset = 0;
    for (let start = 0; start < graphs.length; start += 12) {
      const batch = batchGraphs(graphs.slice(start, start + 12), data.spec);
      const whole = forwardTidy(model, batch, { capture: true });
      for (let layer = 0; layer < 2; layer++) {
        const want = await whole.captures[layer].edgeScore.data();
        const got = captures.edgeScores[layer].subarray(offset * 64, offset * 64 + want.length);
        expect(Array.from(got)).toEqual(Array.from(want)); // bit for bit: the same ops on the same batch
      }
      tf.dispose([whole.output, ...whole.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
      offset += batch.numEdges;
      for (let e = 0; e < batch.numEdges; e++)
        expect(captures.graphOfEdge[offset - batch.numEdges + e]).toBe(start + batch.graphOfEdge[e]);
    }
    expect(offset).toBe(captures.edges);
  });

  it("starts each layer's statistics before the forward has finished", async () => {
    const data = await loadBundle('zinc', folderBundleSource());
    const events: string[] = [];
    const run = startScan(model, data.splits.test.slice(0, 20), data.spec, {
      batchSize: 10,
      onProgress: (done) => events.push(`forward ${done}`),
      onStatistics: (done, total) => events.push(`statistics ${done}/${total}`),
      summarizer: {
        concurrency: 1,
        workers: 0,
        summarize: async (job) => {
          events.push(`summarize layer with ${job.acts.numEdges} edges`);
          return (await import('../../src/ma/layerSummary')).summarizeLayer(
            job.acts,
            job.graphOfEdge,
            job.numGraphs,
            job.options,
          );
        },
      },
    });
    const result = await run.result;
    expect(result.layers).toHaveLength(2);
    // layer 1's job was handed out before layer 2's forward ended; the statistics report comes after the forward
    expect(events.indexOf('forward 1')).toBeLessThan(events.findIndex((e) => e.startsWith('summarize')));
    expect(events.findIndex((e) => e.startsWith('summarize'))).toBeLessThan(events.indexOf('forward 2'));
    expect(events.findIndex((e) => e.startsWith('statistics'))).toBeGreaterThan(events.indexOf('forward 2'));
    expect(events.at(-1)).toBe('statistics 2/2');
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
