/**
 * Which kernels a forward or a training step spends its time in:
 *
 *   npx tsx scripts/bench/profile.ts [preset] [graphs] [--step] [--native]   (MA_BACKEND=cpu or wasm)
 *
 * Without --step: one eval forward with captures over the first N ZINC test graphs. With --step: one training step
 * (forward, backward, Adam) on the first N ZINC train graphs, as `train` runs it (--native: with the native kernels,
 * matrix products, src/cli/nativeKernels.ts). Prints the kernels, slowest first, and the time outside any kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { useNativeKernels } from '../../src/cli/nativeKernels';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs } from '../../src/data/graphBatch';
import { createNodeEngine } from '../../src/engine/node';
import { preset } from '../../src/gnn/config';
import { createModel, forward } from '../../src/gnn/model';
import { createOptimizer, trainStep } from '../../src/gnn/train';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { step: { type: 'boolean' }, native: { type: 'boolean' } },
});
const [name = 'small-gt-zinc', count = '50'] = positionals;
const { name: backend } = await createNodeEngine().info();
if (values.native) {
  const skipped = useNativeKernels();
  if (skipped) throw new Error(skipped);
}
const zinc = await loadBundle('zinc', folderBundleSource());
const model = createModel(preset(name));
let run: () => Promise<void>;
let what: string;
if (values.step) {
  const graphs = zinc.splits.train.slice(0, Number(count));
  const optimizer = createOptimizer(model.config.training.initLr);
  const trainable = [...model.params.values()].filter((v) => v.trainable);
  run = async () => void (await trainStep(model, optimizer, trainable, graphs, zinc.spec, 0));
  what = `one training step on ${graphs.length} train graphs`;
} else {
  const batch = batchGraphs(zinc.splits.test.slice(0, Number(count)), zinc.spec);
  run = async () => void (await forward(model, batch, { capture: true }).output.data());
  what = `one eval forward on ${count} test graphs, ${batch.numEdges} edges`;
}
for (let i = 0; i < 2; i++) await run(); // warm-up
const started = performance.now();
await run();
const wallMs = performance.now() - started;
const profile = await tf.profile(run);
const byKernel = new Map<string, { ms: number; calls: number }>();
for (const k of profile.kernels) {
  const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
  entry.ms += k.kernelTimeMs as number;
  entry.calls++;
  byKernel.set(k.name, entry);
}
const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms);
const kernelMs = rows.reduce((s, [, { ms }]) => s + ms, 0);
console.log(`${backend}${values.native ? '+native' : ''} ${name}, ${what}`);
console.log(
  `wall ${wallMs.toFixed(0)} ms unprofiled; kernels ${kernelMs.toFixed(0)} ms in ${profile.kernels.length} calls`,
);
for (const [kernel, { ms, calls }] of rows.slice(0, 25))
  console.log(`${kernel.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms  ${calls} calls`);
