/**
 * `train --threads N`: data-parallel training (gnn/dataParallel.ts) over N threads. Rank 0 is the command's own
 * thread and runs train() as usual (epochs, scheduler, validation, MA scans, checkpoints); its step first sends the
 * batch (the learning rate, the step index and the train-graph indices) to the other ranks, which wait for it in
 * worker threads (trainRankWorker.ts), and then all ranks take the step on their share of the batch. The other
 * ranks start from rank 0's weights and Adam state, so every replica stays the same model.
 */
import type { Worker } from 'node:worker_threads';
import type * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types';
import type { LoadedDataset } from '../data/bundleRead';
import {
  broadcastFromRankZero,
  collectiveBuffer,
  setActiveCollective,
  sharedCollective,
  type Collective,
} from '../gnn/collective';
import type { ModelConfig } from '../gnn/config';
import { lossCount, parallelTrainStep, shareOf } from '../gnn/dataParallel';
import type { Model } from '../gnn/model';
import type { StepFunction } from '../gnn/train';
import { startTsWorker } from './tsWorker';

export interface TensorValues {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface RankSetup {
  rank: number;
  size: number;
  buffer: SharedArrayBuffer;
  config: ModelConfig;
  /** The first graphs of every split only (train --limit). */
  limit?: number;
  params: TensorValues[];
  optimizer: TensorValues[] | null;
  /** Train on the native kernels (nativeKernels.ts), as rank 0 does. */
  native: boolean;
}

/** The message of a step: [go (1) or stop (0), learning rate, step index, graphs n, then n train-graph indices]. */
export const commandLength = (config: ModelConfig) => 4 + config.training.batchSize;

/** Room per rank in the shared buffer: the gradients of the largest paper model (GT TOX21 at 444 wide: 27.6 M). */
const slotValuesFor = (model: Model) =>
  Math.max(
    [...model.params.values()].reduce((n, v) => n + v.size, 1),
    commandLength(model.config),
  );

async function valuesOf(named: { name: string; tensor: tf.Tensor }[]): Promise<TensorValues[]> {
  return Promise.all(
    named.map(async ({ name, tensor }) => ({
      name,
      shape: tensor.shape,
      values: Float32Array.from(await tensor.data()),
    })),
  );
}

export interface TrainingRanks {
  /** train()'s step on rank 0. */
  step: StepFunction;
  /** Tells the other ranks to stop and waits for them. */
  stop(): Promise<void>;
}

/** Starts ranks 1..size-1 from this model and Adam state (none before the first step) and joins them as rank 0. */
export async function startTrainingRanks(
  model: Model,
  optimizerWeights: NamedTensor[] | undefined,
  data: LoadedDataset,
  size: number,
  limit: number | undefined,
  native = false,
): Promise<TrainingRanks> {
  const buffer = collectiveBuffer(size, slotValuesFor(model));
  const params = await valuesOf([...model.params].map(([name, tensor]) => ({ name, tensor })));
  const optimizer = optimizerWeights ? await valuesOf(optimizerWeights) : null;
  const workers: Worker[] = [];
  const exits: Promise<number>[] = [];
  for (let rank = 1; rank < size; rank++) {
    const setup: RankSetup = { rank, size, buffer, config: model.config, limit, params, optimizer, native };
    const worker = startTsWorker(new URL('./trainRankWorker.ts', import.meta.url), setup);
    workers.push(worker);
    exits.push(new Promise((resolve) => worker.once('exit', resolve)));
    worker.on('error', (error) => console.error(`training rank ${rank} failed: ${error.message}`));
  }
  const collective: Collective = sharedCollective(buffer, 0, size);
  setActiveCollective(collective);
  const indexOf = new Map(data.splits.train.map((graph, i) => [graph, i]));
  const command = new Float64Array(commandLength(model.config));
  return {
    step: async (graphs, index, optimizer, trainable) => {
      command.fill(0);
      command.set([1, (optimizer as unknown as { learningRate: number }).learningRate, index, graphs.length]);
      graphs.forEach((graph, k) => (command[4 + k] = indexOf.get(graph)!));
      broadcastFromRankZero(collective, command);
      return rankStep(model, optimizer, trainable, graphs, data, index, collective);
    },
    async stop() {
      command.fill(0);
      broadcastFromRankZero(collective, command);
      setActiveCollective(null);
      await Promise.all(exits);
    },
  };
}

/** This rank's part of the step on the whole batch `graphs`. */
export function rankStep(
  model: Model,
  optimizer: tf.Optimizer,
  trainable: tf.Variable[],
  graphs: LoadedDataset['splits']['train'],
  data: LoadedDataset,
  index: number,
  collective: Collective,
): Promise<number> {
  const mine = shareOf(graphs, collective.rank, collective.size);
  const weight = lossCount(model, mine, data.spec) / lossCount(model, graphs, data.spec);
  return parallelTrainStep(model, optimizer, trainable, mine, data.spec, index, weight);
}
