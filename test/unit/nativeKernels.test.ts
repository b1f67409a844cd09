/**
 * Node training's matrix products through OpenBLAS (src/cli/nativeKernels.ts, src/gnn/kernels/matMulBlas.ts) against
 * tfjs's own wasm kernels: plain, transposed and fused (bias, ReLU) products, a batched product that stays on the
 * stock kernel, and two training steps of a small GT. Needs gcc, Node's headers and Debian's libopenblas-dev
 * (.ci/run installs them); skipped with the compiler's message where they are missing, as `train --native-blas`
 * then trains on tfjs's kernels. The kernels replace the stock ones only in this file's worker.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNativeAddon, useNativeKernels } from '../../src/cli/nativeKernels';
import { ATTEND_NODES, ATTEND_NODES_GRAD } from '../../src/gnn/kernels/attendNodes';
import { ATTENTION_WEIGHTS } from '../../src/gnn/kernels/attentionWeights';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../../src/gnn/kernels/batchNorm';
import { EDGE_SCORE, EDGE_SCORE_GRAD } from '../../src/gnn/kernels/edgeScore';
import { nativeKernels, type NativeAddon } from '../../src/gnn/kernels/native';
import { runOurKernel } from '../../src/gnn/kernels/run';
import { trainCommand } from '../../src/cli/trainCommand';
import { folderBundleSource } from '../../src/data/bundleNode';
import { batchGraphs } from '../../src/data/graphBatch';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import { preset } from '../../src/gnn/config';
import { createModel, forward } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { createOptimizer, trainStep } from '../../src/gnn/train';
import { useBackend } from './helpers/backends';

/** Largest |x - y| over max(1, |y|). */
function relativeGap(x: ArrayLike<number>, y: ArrayLike<number>): number {
  expect(x.length).toBe(y.length);
  let gap = 0;
  for (let i = 0; i < x.length; i++) gap = Math.max(gap, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
  return gap;
}

/** The products under test, on fixed seeded inputs: one array of values per product. */
function products(): Float32Array[] {
  return tf.tidy(() => {
    const a = tf.randomNormal([300, 48], 0, 1, 'float32', 1);
    const b = tf.randomNormal([48, 20], 0, 1, 'float32', 2);
    const bias = tf.randomNormal([20], 0, 1, 'float32', 3);
    const batchedA = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 4);
    const batchedB = tf.randomNormal([3, 4, 6], 0, 1, 'float32', 5);
    return [
      tf.matMul(a, b),
      tf.matMul(tf.transpose(a), tf.randomNormal([300, 7], 0, 1, 'float32', 6)),
      tf.matMul(a, tf.transpose(b), false, true),
      tf.matMul(tf.transpose(a), b, true, false),
      tf.fused.matMul({ a, b, bias }),
      tf.fused.matMul({ a, b, bias, activation: 'relu' }),
      tf.matMul(batchedA, batchedB),
    ].map((t) => t.dataSync() as Float32Array);
  });
}

/**
 * Every fused kernel (forward and gradient, attention with and without mask and EBT's value bias) on seeded inputs
 * scaled so that some attention logits pass the ±5 clamp, and the column sum: one array per output, by name.
 */
function fusedOutputs(): Record<string, Float32Array> {
  return tf.tidy(() => {
    const [N, E, H, d] = [7, 40, 3, 4];
    const W = H * d;
    const normal = (shape: number[], seed: number, scale = 1) => tf.randomNormal(shape, 0, scale, 'float32', seed);
    const index = (seed: number) => tf.randomUniform([E], 0, N, 'int32', seed);
    const [src, dst] = [index(21), index(22)];
    const [q, k, p] = [normal([N, W], 23), normal([N, W], 24), normal([E, W], 25)];
    const score = normal([E, H, d], 26, 2.5);
    const v = normal([N, W], 27);
    const mask = tf.cast(tf.greater(tf.randomUniform([E], 0, 1, 'float32', 28), 0.3), 'float32');
    const vBias = normal([W], 29);
    const x = tf.add(normal([50, 16], 30, 3), 1.5);
    const [gamma, beta] = [normal([16], 31), normal([16], 32)];
    const out: Record<string, tf.Tensor> = {};
    const named = (prefix: string, tensors: tf.Tensor[]) => tensors.forEach((t, i) => (out[`${prefix}.${i}`] = t));
    named('edgeScore', runOurKernel(EDGE_SCORE, { q, k, p, src, dst }, { scale: 2 }));
    named('edgeScoreGrad', runOurKernel(EDGE_SCORE_GRAD, { ds: normal([E, W], 33), q, k, p, src, dst }, { scale: 2 }));
    const variants: [string, tf.NamedTensorMap][] = [
      ['plain', {}],
      ['masked', { mask }],
      ['ebt', { mask, vBias }],
    ];
    for (const [name, extra] of variants) {
      const [o, den] = runOurKernel(ATTEND_NODES, { score, v, src, dst, ...extra }, { numNodes: N });
      named(`attend.${name}`, [o, den]);
      const dy = normal([N, H, d], 34);
      const inputs = { dy, out: o, den, score, v, src, dst, ...extra };
      named(`attendGrad.${name}`, runOurKernel(ATTEND_NODES_GRAD, inputs, { numNodes: N }));
      const weightsInputs = { score, dst, den, ...(extra.mask ? { mask } : {}) };
      named(`attentionWeights.${name}`, runOurKernel(ATTENTION_WEIGHTS, weightsInputs));
    }
    const norm = runOurKernel(BATCH_NORM_TRAIN, { x, gamma, beta });
    named('batchNorm', norm);
    const [, mean, variance] = norm;
    named('batchNormGrad', runOurKernel(BATCH_NORM_TRAIN_GRAD, { dy: normal([50, 16], 35), x, gamma, mean, variance }));
    named('columnSum', [tf.sum(x, 0), tf.sum(x, -2, true)]);
    return Object.fromEntries(Object.entries(out).map(([name, t]) => [name, t.dataSync() as Float32Array]));
  });
}

/** Eval forwards with captures (which use the fused attention once it is native): GT and SAN with EBT, a removed bond. */
async function evalCaptures(): Promise<Float32Array[]> {
  const zinc = await loadBundledDataset('zinc', folderBundleSource());
  const batch = batchGraphs(zinc.splits.test.slice(0, 16), zinc.spec);
  const values: Float32Array[] = [];
  for (const [name, ebt] of [
    ['gt', false],
    ['san', true],
  ] as const) {
    const model = createModel(preset(`small-${name}-zinc`, { seed: 7, ebt }));
    tf.tidy(() => {
      const result = forward(model, batch, { capture: true, ablation: { removeBonds: [0, 3] } });
      values.push(result.output.dataSync() as Float32Array);
      for (const c of result.captures)
        values.push(...[c.edgeScore, c.attention, c.nodeAttn].map((t) => t.dataSync() as Float32Array));
    });
    disposeParams(model.params);
  }
  return values;
}

/** Loss of each of two training steps of a small GT on 32 ZINC graphs, from seeded weights. */
async function twoSteps(): Promise<number[]> {
  const zinc = await loadBundledDataset('zinc', folderBundleSource());
  const model = createModel(preset('small-gt-zinc', { seed: 5 }));
  const optimizer = createOptimizer(1e-3);
  const trainable = [...model.params.values()].filter((v) => v.trainable);
  const graphs = zinc.splits.train.slice(0, 32);
  const losses = [];
  for (let i = 0; i < 2; i++) losses.push(await trainStep(model, optimizer, trainable, graphs, zinc.spec, i));
  optimizer.dispose();
  disposeParams(model.params);
  return losses;
}

const missing = (() => {
  try {
    loadNativeAddon();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
})();
if (missing) console.warn(`OpenBLAS tests skipped: ${missing}`);

describe.skipIf(missing !== null)('native kernels on the wasm backend', () => {
  let stock: Float32Array[];
  let stockFused: Record<string, Float32Array>;
  let stockCaptures: Float32Array[];
  let stockLosses: number[];
  let stockKernels: unknown[];
  const replaced = ['_FusedMatMul', 'Sum', BATCH_NORM_TRAIN, EDGE_SCORE_GRAD, ATTEND_NODES];

  beforeAll(async () => {
    await useBackend('wasm');
    stock = products();
    stockFused = fusedOutputs();
    stockCaptures = await evalCaptures();
    stockLosses = await twoSteps();
    stockKernels = replaced.map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
    expect(useNativeKernels()).toBeNull(); // null: built and registered
  }, 120_000);

  it('replaces the wasm kernels', () => {
    replaced.forEach((name, i) => expect(tf.getKernel(name, 'wasm')?.kernelFunc, name).not.toBe(stockKernels[i]));
  });

  it('computes the fused kernels as their TypeScript originals do, bit for bit but for exp', () => {
    const mine = fusedOutputs();
    expect(Object.keys(mine).length).toBe(29);
    for (const [name, values] of Object.entries(mine)) {
      expect(values.length, name).toBe(stockFused[name].length);
      expect(
        values.some((v) => v !== 0),
        name,
      ).toBe(true);
      // exp comes from libm in C and from V8 in TypeScript: an ulp apart at most, before float32 rounding
      if (name.startsWith('attend') || name.startsWith('attention'))
        expect(relativeGap(values, stockFused[name]), name).toBeLessThan(1e-6);
      else if (name.startsWith('columnSum')) expect(relativeGap(values, stockFused[name]), name).toBeLessThan(1e-6);
      else expect(Array.from(values), name).toEqual(Array.from(stockFused[name]));
    }
  });

  it('gives the stock products to float32 rounding: plain, transposed, with bias and ReLU, and batched', () => {
    const mine = products();
    mine.forEach((values, i) => expect(relativeGap(values, stock[i]), `product ${i}`).toBeLessThan(1e-5));
    // the ReLU product has zeros exactly where the biased one is negative
    mine[4].forEach((v, i) => expect(mine[5][i]).toBe(v < 0 ? 0 : v));
  });

  it('gives the wasm kernels’ eval captures, now through the native fused attention, to float32 rounding', async () => {
    const profile = await tf.profile(async () => void (await evalCaptures()));
    expect(profile.kernels.some((k) => k.name === ATTEND_NODES)).toBe(true);
    const mine = await evalCaptures();
    expect(mine.length).toBe(stockCaptures.length);
    mine.forEach((values, i) => expect(relativeGap(values, stockCaptures[i]), `array ${i}`).toBeLessThan(1e-5));
  }, 120_000);

  it('sends every matrix product of a training step to OpenBLAS, fused ones included', async () => {
    const addon = loadNativeAddon();
    let calls = 0;
    const counting: NativeAddon = { ...addon, sgemm: (...args) => (calls++, addon.sgemm(...args)) };
    const registered = Object.fromEntries(
      ['BatchMatMul', '_FusedMatMul', 'Sum'].map((n) => [n, tf.getKernel(n, 'wasm')]),
    );
    const kernels = nativeKernels(counting, registered).filter((k) => k.kernelName in registered);
    for (const kernel of kernels) {
      tf.unregisterKernel(kernel.kernelName, 'wasm');
      tf.registerKernel(kernel);
    }
    try {
      const profile = await tf.profile(async () => void (await twoSteps()));
      const products = profile.kernels.filter((k) => k.name === 'BatchMatMul' || k.name === '_FusedMatMul');
      expect(products.some((k) => k.name === '_FusedMatMul')).toBe(true);
      expect(calls).toBe(products.length);
    } finally {
      for (const kernel of kernels) {
        tf.unregisterKernel(kernel.kernelName, 'wasm');
        tf.registerKernel(registered[kernel.kernelName]!);
      }
    }
  }, 120_000);

  it('trains the same steps as the stock kernels, to float32 rounding', async () => {
    const losses = await twoSteps();
    losses.forEach((loss, i) => expect(Math.abs(loss - stockLosses[i]), `step ${i}`).toBeLessThan(1e-5));
    expect(losses[1]).not.toBe(losses[0]); // the first step changed the weights
  }, 120_000);

  it('train --native says so in the record and accepts its older name', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ma-blas-'));
    try {
      const args = ['--preset', 'small-gt-zinc', '--dataset', 'zinc', '--out', out, '--limit', '24', '--epochs', '1'];
      const record = (await trainCommand([...args, '--native'])) as { training: { backend: string } };
      expect(record.training.backend).toBe('wasm+native');
      const older = (await trainCommand([...args, '--native-blas', '--fresh'])) as { training: { backend: string } };
      expect(older.training.backend).toBe('wasm+native');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  // Worker threads need tsx's loader, which a test worker lacks: the CLI runs in a child process.
  it('train --native --threads 2 trains as one native thread does (BatchNorm statistics summed over the threads)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ma-native-threads-'));
    const train = (...flags: string[]) => {
      const args = ['--preset', 'small-gt-zinc', '--dataset', 'zinc', '--limit', '200', '--epochs', '2', '--native'];
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'train', ...args, ...flags], {
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('kernels: native');
      return { stderr: run.stderr, training: JSON.parse(run.stdout).training as NativeTrained };
    };
    try {
      const one = train('--out', join(dir, 'one'));
      const two = train('--out', join(dir, 'two'), '--threads', '2');
      expect(two.stderr).toContain('training on 2 threads');
      expect(two.training.backend).toBe('wasm+native');
      one.training.history.forEach((epoch, i) => {
        const got = two.training.history[i];
        expect(Math.abs(got.trainLoss - epoch.trainLoss), `train loss ${i}`).toBeLessThan(1e-5 * epoch.trainLoss);
        expect(Math.abs(got.valLoss - epoch.valLoss), `val loss ${i}`).toBeLessThan(1e-5 * epoch.valLoss);
      });
      expect(two.training.history).toHaveLength(2);
      expect(two.training.history[1].trainLoss).not.toBe(two.training.history[0].trainLoss);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

interface NativeTrained {
  backend: string;
  history: { trainLoss: number; valLoss: number }[];
}
