/**
 * Which kernels a forward spends its time in: `npx tsx scripts/bench/profile.ts [preset] [graphs]` (MA_BACKEND=cpu
 * or wasm). Prints the kernels of one eval forward with captures over the first N ZINC test graphs, slowest first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs } from '../../src/data/graphBatch';
import { createNodeEngine } from '../../src/engine/node';
import { preset } from '../../src/gnn/config';
import { createModel, forward } from '../../src/gnn/model';

const [name = 'small-gt-zinc', count = '50'] = process.argv.slice(2);
const { name: backend } = await createNodeEngine().info();
const zinc = await loadBundle('zinc', folderBundleSource());
const model = createModel(preset(name));
const batch = batchGraphs(zinc.splits.test.slice(0, Number(count)), zinc.spec);
tf.tidy(() => forward(model, batch, { capture: true }).output.dataSync()); // warm-up
const profile = await tf.profile(() => forward(model, batch, { capture: true }).output);
const byKernel = new Map<string, { ms: number; calls: number }>();
for (const k of profile.kernels) {
  const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
  entry.ms += k.kernelTimeMs as number;
  entry.calls++;
  byKernel.set(k.name, entry);
}
const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms);
console.log(`${backend} ${name}, ${count} graphs, ${batch.numEdges} edges`);
for (const [kernel, { ms, calls }] of rows.slice(0, 15))
  console.log(`${kernel.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms  ${calls} calls`);
