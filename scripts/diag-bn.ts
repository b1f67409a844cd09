/**
 * Diagnostic for a train/eval gap. Evaluates a checkpoint folder three ways: with its running BatchNorm statistics
 * (as the app and the metrics do), with each batch's own statistics (batches of the training size from a seeded
 * shuffle: what the training loss saw), and with "precise BN" (running statistics replaced by the average batch
 * statistics over the training split). Prints the three, and how far each BN layer's statistics moved. Writes nothing.
 *   npx tsx scripts/diag-bn.ts runs/gt-proteins-ebt
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadCheckpointFolder } from '../src/cli/checkpointFiles';
import { folderBundleSource } from '../src/data/bundleNode';
import { loadBundle } from '../src/data/bundleRead';
import { batchGraphs } from '../src/data/graphBatch';
import { initBackend } from '../src/gnn/backend';
import { evaluate } from '../src/gnn/train';
import { datasetMetric } from '../src/gnn/metrics';
import { forward } from '../src/gnn/model';
import { nodeWasmDir } from '../src/engine/node';
import { param } from '../src/gnn/params';
import { seededRandom, shuffledIndices } from '../src/gnn/random';
import type { BatchStat } from '../src/gnn/ops';

const dir = process.argv[2];
await initBackend({ prefer: ['wasm'], wasmPaths: nodeWasmDir() });
const { model } = await loadCheckpointFolder(dir);
const data = await loadBundle(model.config.dataset, folderBundleSource());
const bs = model.config.training.batchSize;
// Batches are drawn from a seeded shuffle, as in training: a split may be stored sorted by class (TU PROTEINS is).
const shuffled = (split: 'train' | 'val' | 'test') =>
  Array.from(shuffledIndices(data.splits[split].length, seededRandom(7)), (i) => data.splits[split][i]);
const show = async (label: string) => {
  const parts = [];
  for (const split of ['train', 'val', 'test'] as const) {
    const e = await evaluate(model, data.splits[split], data.spec, 256);
    parts.push(`${split} loss ${e.loss.toFixed(3)} metric ${e.metric.toFixed(3)}`);
  }
  console.log(label, parts.join(' | '));
};
await show('eval (running stats)  ');
// Batch statistics, batches of the training size: what the training loss saw.
const batchStatsMetric = async (split: 'train' | 'val' | 'test') => {
  const graphs = shuffled(split);
  const outputs = new Float32Array(graphs.length * data.spec.numTargets);
  const targets = new Float32Array(outputs.length);
  const mask = new Uint8Array(outputs.length);
  for (let s = 0; s < graphs.length; s += bs) {
    const batch = batchGraphs(graphs.slice(s, s + bs), data.spec);
    const output = tf.tidy(() => forward(model, batch, { training: true, dropoutSeed: 0 }).output);
    outputs.set(await output.data(), s * data.spec.numTargets);
    output.dispose();
    targets.set(batch.targets, s * data.spec.numTargets);
    mask.set(batch.targetMask, s * data.spec.numTargets);
  }
  return datasetMetric(model.config.dataset, outputs, targets, mask).toFixed(3);
};
console.log(
  'batch statistics      ',
  (
    await Promise.all((['train', 'val', 'test'] as const).map(async (s) => `${s} metric ${await batchStatsMetric(s)}`))
  ).join(' | '),
);
// Precise BN: set running stats to the average of the batch statistics over the training set.
const sums = new Map<string, { mean: Float32Array; v: Float32Array; n: number }>();
const train = shuffled('train');
for (let s = 0; s < train.length; s += bs) {
  const stats: BatchStat[] = [];
  const batch = batchGraphs(train.slice(s, s + bs), data.spec);
  tf.tidy(() => void forward(model, batch, { training: true, statsSink: stats, dropoutSeed: 0 }));
  for (const st of stats) {
    const m = await st.mean.data();
    const v = await st.unbiasedVar.data();
    const acc = sums.get(st.name) ?? { mean: new Float32Array(m.length), v: new Float32Array(m.length), n: 0 };
    for (let i = 0; i < m.length; i++) {
      acc.mean[i] += m[i];
      acc.v[i] += v[i];
    }
    acc.n++;
    sums.set(st.name, acc);
    tf.dispose([st.mean, st.unbiasedVar]);
  }
}
for (const [name, acc] of sums) {
  const rm = param(model.params, `${name}.running_mean`);
  const rv = param(model.params, `${name}.running_var`);
  const oldM = await rm.data();
  const oldV = await rv.data();
  let dm = 0,
    dv = 0;
  for (let i = 0; i < oldM.length; i++) {
    dm = Math.max(dm, Math.abs(oldM[i] - acc.mean[i] / acc.n));
    dv = Math.max(dv, Math.abs(Math.log((oldV[i] + 1e-5) / (acc.v[i] / acc.n + 1e-5))));
  }
  console.log(`${name}: max |Δmean| ${dm.toFixed(3)}, max |log var ratio| ${dv.toFixed(3)}`);
  rm.assign(tf.tensor1d(acc.mean.map((x) => x / acc.n)));
  rv.assign(tf.tensor1d(acc.v.map((x) => x / acc.n)));
}
await show('eval (precise BN)     ');
