/** A rank (1..) of `train --threads N` (trainRanks.ts), in a worker thread: it takes every step rank 0 sends. */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { folderBundleSource } from '../data/bundleNode';
import { loadBundle } from '../data/bundleRead';
import { createNodeEngine } from '../engine/node';
import { broadcastFromRankZero, setActiveCollective, sharedCollective } from '../gnn/collective';
import { createModel } from '../gnn/model';
import { createOptimizer } from '../gnn/train';
import { useNativeKernels } from './nativeKernels';
import { commandLength, rankStep, type RankSetup } from './trainRanks';

const setup = workerData as RankSetup;
await createNodeEngine().info();
if (setup.native) {
  const why = useNativeKernels(); // rank 0 built them already: this loads the cached addon
  if (why) throw new Error(`rank ${setup.rank}: ${why}`);
}
const data = await loadBundle(setup.config.dataset, folderBundleSource());
if (setup.limit !== undefined)
  for (const split of ['train', 'val', 'test'] as const) data.splits[split] = data.splits[split].slice(0, setup.limit);
const model = createModel(setup.config);
for (const { name, shape, values } of setup.params) model.params.get(name)!.assign(tf.tensor(values, shape));
const optimizer = createOptimizer(setup.config.training.initLr);
if (setup.optimizer)
  await optimizer.setWeights(
    setup.optimizer.map(({ name, shape, values }) => ({ name, tensor: tf.tensor(values, shape) })),
  );
const trainable = [...model.params.values()].filter((v) => v.trainable);
const collective = sharedCollective(setup.buffer, setup.rank, setup.size);
setActiveCollective(collective);
const command = new Float64Array(commandLength(setup.config));
for (;;) {
  broadcastFromRankZero(collective, command);
  if (command[0] === 0) break;
  (optimizer as unknown as { learningRate: number }).learningRate = command[1];
  const graphs = Array.from(command.subarray(4, 4 + command[3]), (i) => data.splits.train[i]);
  await rankStep(model, optimizer, trainable, graphs, data, command[2], collective);
}
parentPort!.postMessage('stopped');
process.exit(0);
