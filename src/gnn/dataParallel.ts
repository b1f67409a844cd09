/**
 * One data-parallel training step: every rank (thread) runs the model on its share of the batch, and the step
 * equals trainStep on the whole batch up to float rounding:
 * - BatchNorm normalises with the whole batch's statistics (the kernels sum them over the ranks, collective.ts);
 * - each rank's loss is weighted by its share of what the task's loss averages over (graphs, or present labels for
 *   TOX21), so the weighted losses add up to the whole batch's loss and their gradients to its gradient;
 * - the gradients are summed over the ranks (in rank order, so every rank gets the same bits) and every rank applies
 *   the same Adam update, which keeps the replicas identical.
 * Dropout masks depend on the rows a rank holds, so a model with dropout trains correctly but not as one thread would.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { activeCollective } from './collective';
import { DATASET_INPUTS } from './config';
import type { Model } from './model';
import { updateRunningStats, type BatchStat } from './ops';
import { trainingLoss } from './train';

/** What the task's loss averages over in a batch: its graphs, or its present labels for a classification task. */
export function lossCount(model: Model, graphs: readonly Graph[], spec: FeatureSpec): number {
  if (DATASET_INPUTS[model.config.dataset].task === 'regression') return graphs.length;
  return graphs.length === 0 ? 0 : batchGraphs(graphs, spec).targetMask.reduce((n, m) => n + m, 0);
}

/**
 * This rank's share of a batch: the `rank`-th of `size` contiguous parts, cut where the running count of atoms and
 * directed edges (what a step's work grows with) is nearest to rank / size of the total, so the ranks wait little
 * for each other at the norms. Every part gets at least one graph while there are enough.
 */
export function shareOf(graphs: readonly Graph[], rank: number, size: number): Graph[] {
  const costs = graphs.map((g) => g.numNodes + 2 * g.bondBegin.length);
  const total = costs.reduce((a, b) => a + b, 0);
  const starts = [0]; // the first graph of every part
  let running = 0;
  for (let i = 0; i < graphs.length && starts.length < size; i++) {
    const part = starts.length; // the part graph i would start
    const pastHalf = running + costs[i] / 2 >= (total * part) / size; // i sits mostly in the next part
    const needed = graphs.length - i === size - part; // every later part needs one of the graphs left
    if (i > starts[starts.length - 1] && (pastHalf || needed)) starts.push(i);
    running += costs[i];
  }
  while (starts.length < size) starts.push(graphs.length);
  starts.push(graphs.length);
  return graphs.slice(starts[rank], starts[rank + 1]);
}

/**
 * The step on this rank's graphs; `weight` is its share of the batch's loss count (lossCount of its graphs over
 * that of the whole batch). Returns the whole batch's loss. Every rank must call it, with a non-empty share.
 */
export async function parallelTrainStep(
  model: Model,
  optimizer: tf.Optimizer,
  trainable: tf.Variable[],
  graphs: Graph[],
  spec: FeatureSpec,
  step: number,
  weight: number,
): Promise<number> {
  const collective = activeCollective();
  if (!collective) throw new Error('parallelTrainStep needs an active collective (setActiveCollective)');
  if (graphs.length === 0) throw new RangeError(`rank ${collective.rank} has no graphs in this batch`);
  const batch = batchGraphs(graphs, spec);
  const stats: BatchStat[] = [];
  const { value, grads } = tf.variableGrads(
    () => tf.mul(trainingLoss(model, batch, stats, step), weight) as tf.Scalar,
    trainable,
  );
  const names = trainable.map((v) => v.name).filter((name) => grads[name]);
  const shapeOf = new Map(trainable.map((v) => [v.name, v.shape]));
  const sizes = names.map((name) => grads[name].size);
  const flat = new Float64Array(sizes.reduce((a, b) => a + b, 0) + 1);
  let offset = 0;
  for (const [i, name] of names.entries()) {
    flat.set(await grads[name].data(), offset);
    offset += sizes[i];
  }
  flat[offset] = (await value.data())[0];
  tf.dispose([value, ...Object.values(grads)]);
  collective.allReduceSum(flat);
  offset = 0;
  const summed: tf.NamedTensorMap = {};
  for (const [i, name] of names.entries()) {
    summed[name] = tf.tensor(Float32Array.from(flat.subarray(offset, offset + sizes[i])), shapeOf.get(name)!);
    offset += sizes[i];
  }
  optimizer.applyGradients(summed);
  tf.dispose(Object.values(summed));
  updateRunningStats(model.params, stats);
  return flat[offset];
}
