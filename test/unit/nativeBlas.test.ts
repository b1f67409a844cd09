/**
 * Node training's matrix products through OpenBLAS (src/cli/nativeBlas.ts, src/gnn/kernels/matMulBlas.ts) against
 * tfjs's own wasm kernels: plain, transposed and fused (bias, ReLU) products, a batched product that stays on the
 * stock kernel, and two training steps of a small GT. Needs gcc, Node's headers and Debian's libopenblas-dev
 * (.ci/run installs them); skipped with the compiler's message where they are missing, as `train --native-blas`
 * then trains on tfjs's kernels. The kernels replace the stock ones only in this file's worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSgemm, useNativeBlas } from '../../src/cli/nativeBlas';
import { trainCommand } from '../../src/cli/trainCommand';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
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
    loadSgemm();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
})();
if (missing) console.warn(`OpenBLAS tests skipped: ${missing}`);

describe.skipIf(missing !== null)('OpenBLAS matrix products on the wasm backend', () => {
  let stock: Float32Array[];
  let stockLosses: number[];
  let stockKernel: unknown;

  beforeAll(async () => {
    await useBackend('wasm');
    stock = products();
    stockLosses = await twoSteps();
    stockKernel = tf.getKernel('_FusedMatMul', 'wasm')?.kernelFunc;
    expect(useNativeBlas()).toBeNull(); // null: built and registered
  }, 120_000);

  it('replaces the stock kernels', () => {
    expect(tf.getKernel('_FusedMatMul', 'wasm')?.kernelFunc).not.toBe(stockKernel);
  });

  it('gives the stock products to float32 rounding: plain, transposed, with bias and ReLU, and batched', () => {
    const mine = products();
    mine.forEach((values, i) => expect(relativeGap(values, stock[i]), `product ${i}`).toBeLessThan(1e-5));
    // the ReLU product has zeros exactly where the biased one is negative
    mine[4].forEach((v, i) => expect(mine[5][i]).toBe(v < 0 ? 0 : v));
  });

  it('trains the same steps as the stock kernels, to float32 rounding', async () => {
    const losses = await twoSteps();
    losses.forEach((loss, i) => expect(Math.abs(loss - stockLosses[i]), `step ${i}`).toBeLessThan(1e-5));
    expect(losses[1]).not.toBe(losses[0]); // the first step changed the weights
  }, 120_000);

  it('train --native-blas says so in the record, and refuses --threads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ma-blas-'));
    try {
      const args = ['--preset', 'small-gt-zinc', '--dataset', 'zinc', '--out', out, '--limit', '24', '--epochs', '1'];
      const record = (await trainCommand([...args, '--native-blas'])) as { training: { backend: string } };
      expect(record.training.backend).toBe('wasm+openblas');
      await expect(trainCommand([...args, '--native-blas', '--threads', '2', '--fresh'])).rejects.toMatchObject({
        exitCode: 2,
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
