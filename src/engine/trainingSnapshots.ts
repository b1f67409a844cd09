/**
 * A training run that can go on after the page is reloaded: after every epoch the run's model, its Adam moments and
 * the scheduler state are encoded as a resumable checkpoint (model.json with trainingState, weights.bin,
 * optimizer.bin), which the page keeps (IndexedDB); `resumeRun` turns such files back into a model and train()'s
 * resume argument. The record keeps the per-epoch history and MA statistics, so charts go on where they stopped.
 */
import type * as tf from '@tensorflow/tfjs-core';
import {
  decodeCheckpoint,
  decodeOptimizerWeights,
  encodeCheckpoint,
  parseModelJson,
  type TrainingRecord,
} from '../gnn/checkpoint';
import type { Model } from '../gnn/model';
import type { EpochRecord, TrainingState } from '../gnn/train';
import type { MaEpochStats } from './trainingMaStats';

export interface ResumableCheckpoint {
  modelJson: unknown;
  weights: ArrayBuffer;
  optimizer: ArrayBuffer;
}

export async function snapshotRun(
  model: Model,
  record: TrainingRecord,
  state: TrainingState,
  optimizer: tf.Optimizer,
): Promise<ResumableCheckpoint> {
  const optimizerWeights = await optimizer.getWeights();
  try {
    const encoded = await encodeCheckpoint(model, record, { state: structuredClone(state), optimizerWeights });
    return { modelJson: encoded.modelJson, weights: encoded.weights, optimizer: encoded.optimizer! };
  } finally {
    // getWeights makes a fresh scalar for the step count; the moments are the optimizer's own variables.
    for (const w of optimizerWeights) if (w.name === 'iter') w.tensor.dispose();
  }
}

export interface ResumedRun {
  model: Model;
  resume: { state: TrainingState; optimizerWeights: { name: string; tensor: tf.Tensor }[] };
  history: EpochRecord[];
  maHistory: MaEpochStats[];
}

/** The model and train()'s resume argument; the caller disposes `resume.optimizerWeights` after training. */
export function resumeRun(files: ResumableCheckpoint): ResumedRun {
  const modelJson = parseModelJson(files.modelJson, 'the kept run');
  const state = modelJson.trainingState as TrainingState | undefined;
  if (!state || !modelJson.optimizerManifest) throw new Error('the kept run has no training state to resume from');
  const model = decodeCheckpoint(modelJson, files.weights);
  return {
    model,
    resume: { state, optimizerWeights: decodeOptimizerWeights(modelJson, files.optimizer) },
    history: (modelJson.training.history as EpochRecord[] | undefined) ?? [],
    maHistory: (modelJson.training.maHistory as MaEpochStats[] | undefined) ?? [],
  };
}
