/**
 * The project against PyTorch on the same CPU, interleaved in one run (issue 17): paper GT (10 layers x 64 x 8
 * heads, seeded base weights, both sides the same), one training step on 128 ZINC train graphs and the scan forward
 * (eval, captures read back) over the 1000 ZINC test graphs in batches of 256. PyTorch runs one thread
 * (scripts/bench/peer_torch.py, Debian's python3-torch); without it this prints {"skipped": reason}.
 * Run: npx tsx scripts/bench/peer.ts [steps=6] [scans=3]   (MA_BACKEND=cpu for the cpu backend)
 * Prints one JSON line: medians in ms (wall, and each process's cpu time, the steadier on a loaded machine), ratios
 * project / PyTorch, every step's loss on each side (same weights, same batch: they must agree), the load average.
 *
 * `matMul` is the floor under those ratios: the matrix products a step (and a scan) runs, read from tfjs's profile
 * with their shapes and kernel times, replayed on both sides at the same shapes. `floor` = our time in those
 * products alone / PyTorch's whole step (or scan): the ratio this engine could not beat even if everything else
 * cost nothing.
 *
 * `native` repeats the steps and scans with the native kernels registered (`train --native`: OpenBLAS's products, C
 * BatchNorm and attention; src/cli/nativeKernels.ts), when gcc and libopenblas-dev can build them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs-core';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs, type GraphBatch } from '../../src/data/graphBatch';
import { createNodeEngine } from '../../src/engine/node';
import { preset } from '../../src/gnn/config';
import { createModel, forwardTidy, type Model } from '../../src/gnn/model';
import { createOptimizer, trainStep } from '../../src/gnn/train';
import { useNativeKernels } from '../../src/cli/nativeKernels';

const PYTHON = process.env.PEER_PYTHON ?? '/usr/bin/python3';
const [stepsArg = '6', scansArg = '3'] = process.argv.slice(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Sample {
  ms: number;
  cpuMs: number;
}
const med = (xs: Sample[], key: keyof Sample) => median(xs.map((x) => x[key]));
const summary = (ours: Sample[], torch: Sample[]) => ({
  ours: Math.round(med(ours, 'ms')),
  torch: Math.round(med(torch, 'ms')),
  oursCpu: Math.round(med(ours, 'cpuMs')),
  torchCpu: Math.round(med(torch, 'cpuMs')),
});
const ratio = (ours: Sample[], torch: Sample[], key: keyof Sample) => +(med(ours, key) / med(torch, key)).toFixed(2);

function torchAvailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found`;
  return probe.status === 0 ? null : `PyTorch is not installed for ${PYTHON} (apt-get install python3-torch)`;
}

/** Writes the model's weights and the batches for peer_torch.py: meta.json, weights.bin, batches.bin. */
function exportForPeer(folder: string, model: Model, train: GraphBatch, test: GraphBatch[]): void {
  const weights: object[] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const [name, v] of model.params) {
    const values = v.dataSync() as Float32Array;
    weights.push({ name, shape: v.shape, offset, size: values.length, trainable: v.trainable });
    chunks.push(values);
    offset += values.length;
  }
  const blobs: Uint8Array[] = [];
  let byteOffset = 0;
  const put = (a: Int32Array | Float32Array) => {
    const spec = { dtype: a instanceof Int32Array ? 'int32' : 'float32', length: a.length, offset: byteOffset };
    blobs.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    byteOffset += a.byteLength;
    return spec;
  };
  const describe = (b: GraphBatch) => ({
    numNodes: b.numNodes,
    numGraphs: b.numGraphs,
    src: put(b.src),
    dst: put(b.dst),
    nodeFeatures: put(b.nodeFeatures),
    edgeFeatures: put(b.edgeFeatures),
    graphOfNode: put(b.graphOfNode),
    targets: put(b.targets),
  });
  const { layers, heads, hidden } = model.config;
  const meta = { layers, heads, hidden, lr: model.config.training.initLr, weights, train: describe(train) };
  writeFileSync(join(folder, 'weights.bin'), Buffer.concat(chunks.map((c) => new Uint8Array(c.buffer))));
  const testSpecs = test.map(describe);
  writeFileSync(join(folder, 'batches.bin'), Buffer.concat(blobs));
  writeFileSync(join(folder, 'meta.json'), JSON.stringify({ ...meta, test: testSpecs }));
}

/** The PyTorch process: one command a line, one JSON answer a line. */
function startPeer(folder: string) {
  // torch.set_num_threads(1) does not reach the BLAS library's own thread pool: without these, PyTorch's process
  // used more cpu time than wall time (two cores) while the report called it one thread.
  const oneThread = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const child = spawn(PYTHON, [join(import.meta.dirname, 'peer_torch.py'), folder], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...oneThread },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const read = async () => JSON.parse((await lines.next()).value as string);
  return {
    ready: read(),
    ask: async (command: string) => {
      child.stdin.write(`${command}\n`);
      return read();
    },
    close: () => child.stdin.end('quit\n'),
  };
}

/** Wall and cpu milliseconds of a call: on this shared machine cpu time is the steadier of the two. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  const value = await f();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

/** One matrix product: batch x [m, k] . [k, n]. */
interface MatMulShape {
  batch: number;
  m: number;
  k: number;
  n: number;
}

/** The matrix products that f runs (BatchMatMul and _FusedMatMul kernels), with their total kernel time. */
async function matMulsOf(f: () => Promise<void>): Promise<{ shapes: MatMulShape[]; kernelMs: number }> {
  const shapes: MatMulShape[] = [];
  let kernelMs = 0;
  const profile = await tf.profile(f);
  for (const kernel of profile.kernels) {
    if (kernel.name !== 'BatchMatMul' && kernel.name !== '_FusedMatMul') continue;
    const [a] = kernel.inputShapes;
    const out = kernel.outputShapes[0];
    const [m, n] = out.slice(-2);
    // a is [.., m, k], or [.., k, m] when transposed (for a square a, k = m either way)
    const k = a.at(-2) === m ? a.at(-1)! : a.at(-2)!;
    shapes.push({ batch: out.slice(0, -2).reduce((p, q) => p * q, 1), m, k, n });
    kernelMs += kernel.kernelTimeMs as number;
  }
  return { shapes, kernelMs };
}

/** Wall ms of the products replayed one after another (plain, untransposed), inputs made beforehand. */
function replayMatMuls(shapes: MatMulShape[]): number {
  const inputs = shapes.map(({ batch, m, k, n }) => [tf.randomNormal([batch, m, k]), tf.randomNormal([batch, k, n])]);
  const start = performance.now();
  for (const [a, b] of inputs) tf.matMul(a, b).dispose();
  const ms = performance.now() - start;
  tf.dispose(inputs.flat());
  return ms;
}

const gflopOf = (shapes: MatMulShape[]) => shapes.reduce((s, { batch, m, k, n }) => s + 2 * batch * m * k * n, 0) / 1e9;

async function ourScan(model: Model, batches: GraphBatch[]): Promise<void> {
  for (const batch of batches) {
    const result = forwardTidy(model, batch, { capture: true });
    for (const c of result.captures) await c.edgeScore.data();
    tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
  }
}

const missing = torchAvailable();
if (missing) {
  console.log(JSON.stringify({ skipped: missing }));
  process.exit(0);
}
const info = await createNodeEngine().info();
const zinc = await loadBundle('zinc', folderBundleSource());
const model = createModel(preset('paper-gt-zinc'));
const trainGraphs = zinc.splits.train.slice(0, 128);
const trainBatch = batchGraphs(trainGraphs, zinc.spec);
const testBatches: GraphBatch[] = [];
for (let s = 0; s < zinc.splits.test.length; s += 256)
  testBatches.push(batchGraphs(zinc.splits.test.slice(s, s + 256), zinc.spec));

const folder = mkdtempSync(join(tmpdir(), 'ma-peer-'));
try {
  exportForPeer(folder, model, trainBatch, testBatches);
  const peer = startPeer(folder);
  const hello = await peer.ready;
  const optimizer = createOptimizer(model.config.training.initLr);
  const trainable = [...model.params.values()].filter((v) => v.trainable);
  const ours = { step: [] as Sample[], scan: [] as Sample[], losses: [] as number[] };
  const theirs = { step: [] as Sample[], scan: [] as Sample[], losses: [] as number[] };
  // Interleaved: one of ours, one of theirs, after a warm-up pair.
  const interleavedScans = async (samples: { ours: Sample[]; theirs: Sample[] }) => {
    for (let i = 0; i < Number(scansArg) + 1; i++) {
      const mine = await timed(() => ourScan(model, testBatches));
      const peerScan = await peer.ask('scan');
      if (i === 0) continue; // warm-up
      samples.ours.push(mine);
      samples.theirs.push(peerScan);
    }
  };
  // Scans first, while both sides still hold the same weights.
  await interleavedScans({ ours: ours.scan, theirs: theirs.scan });
  // One step of ours, one of theirs, after a warm-up pair; every loss is kept for the agreement check.
  const interleavedSteps = async (samples: { ours: Sample[]; theirs: Sample[] }) => {
    for (let i = 0; i < Number(stepsArg) + 1; i++) {
      const mine = await timed(() => trainStep(model, optimizer, trainable, trainGraphs, zinc.spec, 0));
      const peerStep = await peer.ask('step');
      ours.losses.push(mine.value);
      theirs.losses.push(peerStep.loss);
      if (i === 0) continue; // warm-up
      samples.ours.push(mine);
      samples.theirs.push(peerStep);
    }
  };
  await interleavedSteps({ ours: ours.step, theirs: theirs.step });
  // The floor: the same products, timed on both sides (three rounds each, interleaved; medians).
  const matMulFloor = async (f: () => Promise<void>, whole: Sample[]) => {
    const { shapes, kernelMs } = await matMulsOf(f);
    const [oursReplay, torchReplay] = [[] as number[], [] as number[]];
    for (let round = 0; round < 4; round++) {
      const mine = replayMatMuls(shapes);
      const theirs = (await peer.ask(`matmul ${JSON.stringify(shapes)}`)).ms as number;
      if (round === 0) continue; // warm-up
      oursReplay.push(mine);
      torchReplay.push(theirs);
    }
    const [oursMs, torchMs] = [median(oursReplay), median(torchReplay)];
    const gflop = gflopOf(shapes);
    return {
      calls: shapes.length,
      gflop: +gflop.toFixed(2),
      oursInRunMs: Math.round(kernelMs),
      oursMs: Math.round(oursMs),
      torchMs: Math.round(torchMs),
      oursGflops: +(gflop / (oursMs / 1000)).toFixed(1),
      torchGflops: +(gflop / (torchMs / 1000)).toFixed(1),
      ratio: +(oursMs / torchMs).toFixed(2),
      floor: +(kernelMs / med(whole, 'ms')).toFixed(2),
    };
  };
  const matMul = {
    step: await matMulFloor(async () => {
      await trainStep(model, optimizer, trainable, trainGraphs, zinc.spec, 0);
      await peer.ask('step'); // the peer takes the same step, so both sides keep the same weights
    }, theirs.step),
    scan: await matMulFloor(() => ourScan(model, testBatches), theirs.scan),
  };
  // Last, as the kernels stay registered: steps with the native kernels (`train --native`), interleaved.
  const nativeSkipped = info.name === 'wasm' ? useNativeKernels() : `no native kernels on ${info.name}`;
  const native = { ours: [] as Sample[], theirs: [] as Sample[] };
  const nativeScans = { ours: [] as Sample[], theirs: [] as Sample[] };
  const wasmSteps = ours.losses.length;
  if (nativeSkipped === null) {
    await interleavedSteps(native);
    await interleavedScans(nativeScans);
  }
  const gap = (i: number) => Math.abs(ours.losses[i] - theirs.losses[i]) / Math.max(1, Math.abs(ours.losses[i]));
  peer.close();
  optimizer.dispose();
  const result = {
    backend: info.name,
    torch: hello.torch,
    torchThreads: hello.threads,
    graphs: { train: trainGraphs.length, test: zinc.splits.test.length },
    stepMs: summary(ours.step, theirs.step),
    scanMs: summary(ours.scan, theirs.scan),
    ratio: {
      step: ratio(ours.step, theirs.step, 'ms'),
      scan: ratio(ours.scan, theirs.scan, 'ms'),
      stepCpu: ratio(ours.step, theirs.step, 'cpuMs'),
      scanCpu: ratio(ours.scan, theirs.scan, 'cpuMs'),
    },
    matMul,
    native:
      nativeSkipped === null
        ? {
            stepMs: summary(native.ours, native.theirs),
            ratio: ratio(native.ours, native.theirs, 'ms'),
            // Later in the chain: float rounding grows step by step (Adam scales up gradients that are rounding
            // noise, as those of the biases before a norm), so these steps are compared apart.
            maxLossGap: +Math.max(...ours.losses.slice(wasmSteps).map((_, i) => gap(wasmSteps + i))).toExponential(1),
            scanMs: summary(nativeScans.ours, nativeScans.theirs),
            scanRatio: ratio(nativeScans.ours, nativeScans.theirs, 'ms'),
          }
        : { skipped: nativeSkipped },
    losses: { ours: ours.losses.map((l) => +l.toFixed(6)), torch: theirs.losses.map((l) => +l.toFixed(6)) },
    // The two sides train the same model from the same weights: a peer that computes something else is no peer.
    lossesAgree: ours.losses.slice(0, wasmSteps).every((_, i) => gap(i) <= 1e-4),
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
  };
  console.log(JSON.stringify(result));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
