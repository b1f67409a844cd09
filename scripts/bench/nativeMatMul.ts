/**
 * How much faster the matrix products of a training step would run through a native BLAS in Node than through
 * tfjs's wasm kernel: the probe addon scripts/bench/native/sgemm.c (OpenBLAS, one thread) against tf.matMul on the
 * wasm backend, at the shapes of a paper-GT step on 128 ZINC graphs (about 2950 atoms, 6400 directed edges).
 * Needs gcc, Node's headers and Debian's libopenblas-dev; prints {"skipped": why} otherwise. Not used by the app.
 *   npx tsx scripts/bench/nativeMatMul.ts [repeats=30]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createNodeEngine } from '../../src/engine/node';

type Sgemm = (
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
  ta: number,
  tb: number,
) => void;

const repeats = Number(process.argv[2] ?? 30);
const folder = mkdtempSync(join(tmpdir(), 'ma-sgemm-'));
let sgemm: Sgemm;
try {
  const addon = join(folder, 'sgemm.node');
  const source = join(import.meta.dirname, 'native', 'sgemm.c');
  execFileSync('gcc', ['-O2', '-shared', '-fPIC', '-I/usr/include/node', source, '-o', addon, '-lopenblas'], {
    stdio: 'pipe',
  });
  process.env.OPENBLAS_NUM_THREADS = '1';
  sgemm = (createRequire(import.meta.url)(addon) as { sgemm: Sgemm }).sgemm;
} catch (error) {
  console.log(JSON.stringify({ skipped: `the probe addon did not build: ${String(error).split('\n')[0]}` }));
  rmSync(folder, { recursive: true, force: true });
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
rmSync(folder, { recursive: true, force: true });
console.log(JSON.stringify({ rows }));
