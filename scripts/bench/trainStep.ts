/**
 * Median time of one training step (forward + backward + Adam) of a preset on 128 ZINC train graphs, Node wasm:
 * `stepMs` on one thread, `stepMs2` data-parallel on two (src/cli/parallelSteps.ts: two threads, 64 graphs each,
 * BatchNorm statistics and gradients summed between them), and `stepMsNative` on one thread with the native kernels
 * (OpenBLAS's products, C BatchNorm and attention: src/cli/nativeKernels.ts, `train --native`; `nativeSkipped` says
 * why when they cannot be built), and `stepMs2Native` on two threads with them (the BatchNorm's passes in C, its
 * statistics summed over the threads in batchNorm.ts). Each is the median over the steps after the first four (warm-up:
 * a worker thread's code is still being compiled during its first steps).
 * Run: npx tsx scripts/bench/trainStep.ts [preset] [steps, at least 5]
 */
import * as tf from '@tensorflow/tfjs-core';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs } from '../../src/data/graphBatch';
import { createNodeEngine } from '../../src/engine/node';
import { preset } from '../../src/gnn/config';
import { taskLoss } from '../../src/gnn/metrics';
import { createModel, forward } from '../../src/gnn/model';
import { updateRunningStats, type BatchStat } from '../../src/gnn/ops';
import { createOptimizer } from '../../src/gnn/train';
import { useNativeKernels } from '../../src/cli/nativeKernels';
import { parallelSteps } from '../../src/cli/parallelSteps';

const [name = 'small-gt-zinc', stepsArg = '6'] = process.argv.slice(2);
const WARM_UP = 4;
if (!(Number(stepsArg) > WARM_UP)) throw new Error(`steps ${stepsArg}: at least ${WARM_UP + 1}`);
const info = await createNodeEngine().info();
const data = await loadBundle('zinc', folderBundleSource());
const model = createModel(preset(name));
const batch = batchGraphs(data.splits.train.slice(0, 128), data.spec);
const optimizer = createOptimizer(7e-4);
const trainable = [...model.params.values()].filter((v) => v.trainable);
function timeSteps(): number[] {
  const times: number[] = [];
  for (let step = 0; step < Number(stepsArg); step++) {
    const start = performance.now();
    const stats: BatchStat[] = [];
    const cost = optimizer.minimize(
      () =>
        taskLoss(
          'zinc',
          forward(model, batch, { training: true, statsSink: stats }).output,
          batch.targets,
          batch.targetMask,
        ),
      true,
      trainable,
    );
    updateRunningStats(model.params, stats);
    cost!.dataSync();
    cost!.dispose();
    times.push(performance.now() - start);
  }
  return times;
}
const times = timeSteps();
const forwardTimes: number[] = [];
for (let i = 0; i < 4; i++) {
  const start = performance.now();
  tf.tidy(() => forward(model, batch, { capture: true }).output.dataSync());
  forwardTimes.push(performance.now() - start);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const two = await parallelSteps({ preset: name, batch: 128, steps: Number(stepsArg), repeatBatch: true }, 2);
// Last, as the kernels stay registered: the same steps with OpenBLAS's matrix products.
const nativeSkipped = info.name === 'wasm' ? useNativeKernels() : `no native kernels on ${info.name}`;
const nativeTimes = nativeSkipped === null ? timeSteps() : [];
const twoNative =
  nativeSkipped === null
    ? await parallelSteps({ preset: name, batch: 128, steps: Number(stepsArg), repeatBatch: true, native: true }, 2)
    : null;
console.log(
  JSON.stringify({
    backend: info.name,
    preset: name,
    graphs: 128,
    edges: batch.numEdges,
    stepMs: Math.round(median(times.slice(WARM_UP))),
    stepMs2: Math.round(median(two.stepMs.slice(WARM_UP))),
    speedup2: +(median(times.slice(WARM_UP)) / median(two.stepMs.slice(WARM_UP))).toFixed(2),
    ...(nativeSkipped === null
      ? {
          stepMsNative: Math.round(median(nativeTimes.slice(WARM_UP))),
          speedupNative: +(median(times.slice(WARM_UP)) / median(nativeTimes.slice(WARM_UP))).toFixed(2),
          stepMs2Native: Math.round(median(twoNative!.stepMs.slice(WARM_UP))),
          speedup2Native: +(median(nativeTimes.slice(WARM_UP)) / median(twoNative!.stepMs.slice(WARM_UP))).toFixed(2),
        }
      : { nativeSkipped }),
    forwardMs: Math.round(median(forwardTimes)),
    tensors: tf.memory().numTensors,
  }),
);
