/**
 * How much faster the matrix products of a training step run through a native BLAS in Node than through tfjs's
 * wasm kernel: the addon native/sgemm.c (OpenBLAS, one thread; src/cli/nativeKernels.ts) against tf.matMul on the
 * wasm backend, at the shapes of a paper-GT step on 128 ZINC graphs (about 2950 atoms, 6400 directed edges).
 * Needs gcc, Node's headers and Debian's libopenblas-dev; prints {"skipped": why} otherwise.
 *   npx tsx scripts/bench/nativeMatMul.ts [repeats=30]
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadNativeAddon } from '../../src/cli/nativeKernels';
import { createNodeEngine } from '../../src/engine/node';
import type { Sgemm } from '../../src/gnn/kernels/matMulBlas';

const repeats = Number(process.argv[2] ?? 30);
let sgemm: Sgemm;
try {
  sgemm = loadNativeAddon().sgemm;
} catch (error) {
  console.log(JSON.stringify({ skipped: (error as Error).message.split('\n')[0] }));
  process.exit(0);
}

await createNodeEngine().info();
const shapes = [
  [2950, 64, 64],
  [6400, 64, 64],
  [6400, 64, 128],
  [6400, 128, 64],
  [64, 6400, 64],
  [2950, 64, 128],
];
const rows = [];
for (const [m, k, n] of shapes) {
  const [a, b] = [tf.randomNormal([m, k]), tf.randomNormal([k, n])];
  const [av, bv] = [a.dataSync() as Float32Array, b.dataSync() as Float32Array];
  const c = new Float32Array(m * n);
  tf.matMul(a, b).dispose();
  sgemm(av, bv, c, m, k, n, 0, 0);
  let start = performance.now();
  for (let i = 0; i < repeats; i++) tf.matMul(a, b).dispose();
  const wasmMs = (performance.now() - start) / repeats;
  start = performance.now();
  for (let i = 0; i < repeats; i++) sgemm(av, bv, c, m, k, n, 0, 0);
  const blasMs = (performance.now() - start) / repeats;
  const want = tf.matMul(a, b).dataSync();
  let maxAbsDiff = 0;
  for (let i = 0; i < c.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(c[i] - want[i]));
  const gflop = (2 * m * k * n) / 1e9;
  rows.push({
    shape: `${m}x${k}x${n}`,
    wasmGflops: +(gflop / (wasmMs / 1000)).toFixed(1),
    openblasGflops: +(gflop / (blasMs / 1000)).toFixed(1),
    maxAbsDiff: +maxAbsDiff.toExponential(1),
  });
  tf.dispose([a, b]);
}
console.log(JSON.stringify({ rows }));
