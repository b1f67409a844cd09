/**
 * The robustness attack (docs/METHOD.md §11) on a tiny GT: GAIN against a hand-run of one Adam step (Adam's first
 * step is lr · g / (|g| + eps) whatever the moments' decay), the noise's standard deviation, optimised ≥ random,
 * seeded determinism, the lr floor, and no leaked tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import { attack, randomDelta, scaledNoise } from '../../../src/explain/attack';
import { DATASET_INPUTS, preset } from '../../../src/gnn/config';
import { taskLoss } from '../../../src/gnn/metrics';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { useBackend } from '../helpers/backends';
import { randomZincGraph } from '../gnn/helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };
const graphs = [5, 6, 7, 8, 9].map((n, i) => randomZincGraph(40 + i, n));

/** σ · δ / std(δ) in double precision, unbiased std, written out. */
function noiseOf(delta: ArrayLike<number>, sigma: number): Float32Array {
  const n = delta.length;
  const mean = Array.from(delta).reduce((a, b) => a + b, 0) / n;
  const variance = Array.from(delta).reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return Float32Array.from(delta, (x) => (sigma * x) / Math.sqrt(variance));
}

describe('robustness attack (docs/METHOD.md §11)', () => {
  let model: Model;
  beforeAll(async () => {
    await useBackend('wasm');
    model = createModel({ ...preset('small-gt-zinc', { seed: 3 }), layers: 2, hidden: 8, heads: 2 });
  });
  afterAll(() => disposeParams(model.params));

  const lossWith = (nodeNoise: ArrayLike<number>, edgeNoise: ArrayLike<number>) =>
    tf.tidy(() => {
      const batch = batchGraphs(graphs, spec);
      const { output } = forward(model, batch, {
        embeddings: ({ h0, e0 }) => ({
          h0: tf.add(h0, tf.tensor1d(Float32Array.from(nodeNoise))) as tf.Tensor2D,
          e0: tf.add(e0, tf.tensor1d(Float32Array.from(edgeNoise))) as tf.Tensor2D,
        }),
      });
      return taskLoss('zinc', output, batch.targets, batch.targetMask).dataSync()[0];
    });

  it('noise has standard deviation σ (unbiased) whatever δ is', () => {
    for (const delta of [randomDelta(64, 5).node, Float32Array.from({ length: 16 }, (_, i) => 3 + i * i)]) {
      for (const sigma of [0.01, 0.0316, 0.1]) {
        const noise = Array.from(tf.tidy(() => scaledNoise(tf.tensor1d(delta), sigma).dataSync()));
        const n = noise.length;
        const mean = noise.reduce((a, b) => a + b, 0) / n;
        const std = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        expect(std).toBeCloseTo(sigma, 6);
        // and it is δ rescaled: the same pattern
        expect(noise[1] / noise[0]).toBeCloseTo(delta[1] / delta[0], 4);
      }
    }
  });

  it('GAIN equals a hand-run of one epoch (one batch, one Adam step)', async () => {
    const [sigma, lr, seed] = [0.1, 0.05, 9];
    const [result] = await attack(model, graphs, spec, { sigmas: [sigma], maxEpochs: 1, lr, seed, batchSize: 64 });
    // by hand: δ0 from the same stream (seed · 1000 + index of σ), the loss, its gradient, Adam's first step
    const start = randomDelta(8, seed * 1000);
    const lossRandom = lossWith(noiseOf(start.node, sigma), noiseOf(start.edge, sigma));
    const gradients = tf.tidy(() => {
      const batch = batchGraphs(graphs, spec);
      const lossOf = (dn: tf.Tensor, de: tf.Tensor) => {
        const scale = (d: tf.Tensor) => {
          const { variance } = tf.moments(d);
          return tf.mul(tf.div(d, tf.sqrt(tf.mul(variance, d.size / (d.size - 1)))), sigma);
        };
        const { output } = forward(model, batch, {
          embeddings: ({ h0, e0 }) => ({
            h0: tf.add(h0, scale(dn)) as tf.Tensor2D,
            e0: tf.add(e0, scale(de)) as tf.Tensor2D,
          }),
        });
        return taskLoss('zinc', output, batch.targets, batch.targetMask);
      };
      const [gn, ge] = tf.grads(lossOf)([tf.tensor1d(start.node), tf.tensor1d(start.edge)]);
      return [gn.dataSync() as Float32Array, ge.dataSync() as Float32Array];
    });
    // the gradient itself, checked against central differences on two entries
    for (const i of [0, 5]) {
      const h = 1e-2;
      const plus = Float32Array.from(start.node, (x, j) => (j === i ? x + h : x));
      const minus = Float32Array.from(start.node, (x, j) => (j === i ? x - h : x));
      const fd =
        (lossWith(noiseOf(plus, sigma), noiseOf(start.edge, sigma)) -
          lossWith(noiseOf(minus, sigma), noiseOf(start.edge, sigma))) /
        (2 * h);
      expect(Math.abs(fd - gradients[0][i])).toBeLessThan(2e-3 + 0.05 * Math.abs(gradients[0][i]));
    }
    const step = (x: Float32Array, g: Float32Array) =>
      Float32Array.from(x, (v, i) => v + (lr * g[i]) / (Math.abs(g[i]) + 1e-8));
    const lossOptimised = lossWith(
      noiseOf(step(start.node, gradients[0]), sigma),
      noiseOf(step(start.edge, gradients[1]), sigma),
    );
    expect(result.lossRandom).toBeCloseTo(lossRandom, 5);
    expect(result.lossOptimised).toBeCloseTo(lossOptimised, 5);
    const gain = lossOptimised / lossRandom - 1;
    expect(Math.abs(gain)).toBeGreaterThan(1e-3); // the step moved the loss: the comparison below means something
    expect(Math.abs(result.gain - gain)).toBeLessThan(1e-4 + 1e-3 * Math.abs(gain));
    expect(result.epochs).toBe(1);
  });

  it('optimised noise raises the loss above random noise of the same σ', async () => {
    const results = await attack(model, graphs, spec, { sigmas: [0.0316, 0.1], maxEpochs: 6, lr: 0.02, batchSize: 2 });
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.lossOptimised).toBeGreaterThan(r.lossRandom);
      expect(r.gain).toBeGreaterThan(0);
      expect(r.epochs).toBe(6);
      expect(r.stopReason).toBe('max-epochs');
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const options = { sigmas: [0.1], maxEpochs: 2, lr: 0.01, batchSize: 3, seed: 4 };
    const a = await attack(model, graphs, spec, options);
    const b = await attack(model, graphs, spec, options);
    const c = await attack(model, graphs, spec, { ...options, seed: 5 });
    expect(b).toEqual(a);
    expect(c[0].lossRandom).not.toBe(a[0].lossRandom);
  });

  it('stops at once when the lr is already under the floor: GAIN 0', async () => {
    const [r] = await attack(model, graphs, spec, { sigmas: [0.01], lr: 1e-7, minLr: 1e-6 });
    expect(r.epochs).toBe(0);
    expect(r.stopReason).toBe('min-lr');
    expect(r.gain).toBe(0);
  });

  it("keeps PyTorch's plateau rule on a negative objective, and can be cancelled", async () => {
    // A step of 1e-20 leaves float32 δ unchanged, so every epoch's objective (−loss < 0) equals the first. PyTorch's
    // relative rule a < best · (1 − 1e-4) counts that as an improvement when best < 0: the lr never halves.
    const [r] = await attack(model, graphs, spec, { sigmas: [0.1], lr: 1e-20, minLr: 0, maxEpochs: 4, patience: 1 });
    expect(r.finalLr).toBe(1e-20);
    expect(r.gain).toBe(0);
    let batches = 0;
    const cancelled = await attack(model, graphs, spec, {
      sigmas: [0.01, 0.1],
      batchSize: 1,
      shouldStop: () => ++batches > 3,
    });
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].stopReason).toBe('cancelled');
  });

  it('reports the share of MA edges per layer under both noises', async () => {
    const [r] = await attack(model, graphs, spec, { sigmas: [0.1], maxEpochs: 1, maThreshold: 2 });
    expect(r.maShare?.random).toHaveLength(2);
    expect(r.maShare?.optimised).toHaveLength(2);
    for (const share of [...r.maShare!.random, ...r.maShare!.optimised]) expect(share).toBeGreaterThanOrEqual(0);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await attack(model, graphs, spec, { sigmas: [0.01, 0.1], maxEpochs: 2, batchSize: 2, maThreshold: 100 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
