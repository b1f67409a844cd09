/**
 * Training as the paper ran it (docs/METHOD.md §6): Adam, ReduceLROnPlateau on the validation loss (factor from the
 * config, PyTorch's default relative threshold 1e-4), stop when lr < min_lr, at max epochs, or at a time budget.
 * Seeded shuffling per epoch, a progress callback, cancellation between batches, and resumable state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs, type GraphBatch } from '../data/graphBatch';
import { FusedAdamOptimizer } from './fusedAdam';
import { datasetMetric, taskLoss } from './metrics';
import { forward, type Model } from './model';
import { updateRunningStats, type BatchStat } from './ops';
import { seededRandom, shuffledIndices } from './random';

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valMetric: number;
  lr: number;
  /** Wall time of this epoch (training and validation). */
  seconds: number;
}

export interface TrainingState {
  /** Epochs completed. */
  epoch: number;
  lr: number;
  bestValLoss: number;
  badEpochs: number;
  elapsedSeconds: number;
  history: EpochRecord[];
  stopReason: 'running' | 'min-lr' | 'max-epochs' | 'time-budget' | 'cancelled';
}

export interface TrainOptions {
  train: Graph[];
  val: Graph[];
  spec: FeatureSpec;
  /** Stop after this many epochs in total (defaults to the config's maxEpochs). */
  maxEpochs?: number;
  /** Wall-clock budget for this call, in seconds. */
  timeBudgetSeconds?: number;
  /** Checked before every epoch; true ends training there as a spent time budget does (resumable). */
  stopBeforeEpoch?: () => boolean;
  /** Continue from a saved state; its Adam moments come separately through `optimizerWeights`. */
  resume?: { state: TrainingState; optimizerWeights: NamedTensor[] };
  /** Called after every epoch, e.g. to checkpoint or to stream progress. */
  onEpoch?: (record: EpochRecord, state: TrainingState, optimizer: tf.Optimizer) => void | Promise<void>;
  /** Checked between batches; return true to stop after the current batch. */
  shouldStop?: () => boolean;
  /** Called after every training step with that batch's loss (the live per-batch curve). */
  onBatchLoss?: (loss: number) => void;
  /** Runs one step on a batch (default: trainStep in this thread; data-parallel training passes its own). */
  step?: StepFunction;
}

/** One optimiser step on a batch, returning its loss; `index` numbers the steps (it seeds dropout). */
export type StepFunction = (
  graphs: Graph[],
  index: number,
  optimizer: tf.Optimizer,
  trainable: tf.Variable[],
) => Promise<number>;

export function initialState(model: Model): TrainingState {
  return {
    epoch: 0,
    lr: model.config.training.initLr,
    bestValLoss: Number.POSITIVE_INFINITY,
    badEpochs: 0,
    elapsedSeconds: 0,
    history: [],
    stopReason: 'running',
  };
}

export async function train(model: Model, options: TrainOptions): Promise<TrainingState> {
  const { config } = model;
  const { batchSize, patience, lrFactor, minLr } = config.training;
  const maxEpochs = options.maxEpochs ?? config.training.maxEpochs;
  const state: TrainingState = options.resume ? structuredClone(options.resume.state) : initialState(model);
  state.stopReason = 'running';
  const optimizer = createOptimizer(state.lr);
  if (options.resume) await optimizer.setWeights(options.resume.optimizerWeights);
  const trainable = [...model.params.values()].filter((v) => v.trainable);
  const started = performance.now();

  try {
    while (state.stopReason === 'running') {
      if (state.epoch >= maxEpochs) state.stopReason = 'max-epochs';
      else if (state.lr < minLr) state.stopReason = 'min-lr';
      else if (
        (options.timeBudgetSeconds !== undefined &&
          (performance.now() - started) / 1000 >= options.timeBudgetSeconds) ||
        options.stopBeforeEpoch?.()
      )
        state.stopReason = 'time-budget';
      if (state.stopReason !== 'running') break;

      const epochStart = performance.now();
      const order = shuffledIndices(options.train.length, seededRandom(config.seed * 100_003 + state.epoch));
      let lossSum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        if (options.shouldStop?.()) {
          state.stopReason = 'cancelled';
          break;
        }
        const graphs = Array.from(order.subarray(start, start + batchSize), (i) => options.train[i]);
        const index = state.epoch * 100_000 + batches;
        const loss = options.step
          ? await options.step(graphs, index, optimizer, trainable)
          : await trainStep(model, optimizer, trainable, graphs, options.spec, index);
        options.onBatchLoss?.(loss);
        lossSum += loss;
        batches++;
      }
      if (state.stopReason === 'cancelled') break;

      const val = await evaluate(model, options.val, options.spec, batchSize);
      state.epoch++;
      const record: EpochRecord = {
        epoch: state.epoch,
        trainLoss: lossSum / Math.max(batches, 1),
        valLoss: val.loss,
        valMetric: val.metric,
        lr: state.lr,
        seconds: (performance.now() - epochStart) / 1000,
      };
      stepScheduler(state, val.loss, patience, lrFactor);
      (optimizer as unknown as { learningRate: number }).learningRate = state.lr;
      state.elapsedSeconds += record.seconds;
      state.history.push(record);
      await options.onEpoch?.(record, state, optimizer);
    }
    return state;
  } finally {
    optimizer.dispose();
  }
}

/**
 * The optimiser every training uses: Adam with tfjs's defaults (betas 0.9, 0.999; epsilon 1e-7), no weight decay;
 * tfjs's AdamOptimizer with a fused update (same state, same values).
 */
export function createOptimizer(learningRate: number): tf.Optimizer {
  return new FusedAdamOptimizer(learningRate, 0.9, 0.999);
}

/** ReduceLROnPlateau(mode='min', threshold=1e-4 relative, cooldown 0), as PyTorch defines it. */
export function stepScheduler(state: TrainingState, valLoss: number, patience: number, factor: number): void {
  if (valLoss < state.bestValLoss * (1 - 1e-4)) {
    state.bestValLoss = valLoss;
    state.badEpochs = 0;
  } else if (++state.badEpochs > patience) {
    state.lr *= factor;
    state.badEpochs = 0;
  }
}

/** The task's loss of a training-mode forward; the norms' batch statistics go to `stats`, `step` seeds dropout. */
export function trainingLoss(model: Model, batch: GraphBatch, stats: BatchStat[], step: number): tf.Scalar {
  const { output } = forward(model, batch, { training: true, statsSink: stats, dropoutSeed: step });
  return taskLoss(model.config.dataset, output, batch.targets, batch.targetMask);
}

/**
 * One Adam step on a batch; returns its loss. Reads results with await data(): a synchronous read (dataSync)
 * fails on WebGPU inside a Web Worker.
 */
export async function trainStep(
  model: Model,
  optimizer: tf.Optimizer,
  trainable: tf.Variable[],
  graphs: Graph[],
  spec: FeatureSpec,
  step: number,
): Promise<number> {
  const batch = batchGraphs(graphs, spec);
  const stats: BatchStat[] = [];
  const cost = optimizer.minimize(() => trainingLoss(model, batch, stats, step), true, trainable);
  updateRunningStats(model.params, stats);
  try {
    return (await cost!.data())[0];
  } finally {
    cost!.dispose();
  }
}

export interface Evaluation {
  loss: number;
  metric: number;
  /** [graphs * targets] model outputs (regression values or logits). */
  outputs: Float32Array;
}

/** Eval-mode forward over a split in batches: mean loss (weighted by graphs) and the dataset's metric. */
export async function evaluate(model: Model, graphs: Graph[], spec: FeatureSpec, batchSize = 256): Promise<Evaluation> {
  const numTargets = spec.numTargets;
  const outputs = new Float32Array(graphs.length * numTargets);
  const targets = new Float32Array(graphs.length * numTargets);
  const mask = new Uint8Array(graphs.length * numTargets);
  let lossSum = 0;
  for (let start = 0; start < graphs.length; start += batchSize) {
    const batch = batchGraphs(graphs.slice(start, start + batchSize), spec);
    const [output, loss] = tf.tidy(() => {
      const { output } = forward(model, batch);
      return [output, taskLoss(model.config.dataset, output, batch.targets, batch.targetMask)] as const;
    });
    try {
      outputs.set(await output.data(), start * numTargets);
      lossSum += (await loss.data())[0] * batch.numGraphs;
    } finally {
      tf.dispose([output, loss]);
    }
    targets.set(batch.targets, start * numTargets);
    mask.set(batch.targetMask, start * numTargets);
  }
  return {
    loss: lossSum / Math.max(graphs.length, 1),
    metric: datasetMetric(model.config.dataset, outputs, targets, mask),
    outputs,
  };
}
