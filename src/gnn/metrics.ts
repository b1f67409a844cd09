/** Losses (tfjs, differentiable) and metrics (plain numbers) for the three tasks (docs/METHOD.md §2.3, §9). */
import * as tf from '@tensorflow/tfjs-core';
import type { DatasetName } from './config';
import { DATASET_INPUTS } from './config';

/** L1 for regression; BCE-with-logits over present labels (mask = 1) for binary tasks. */
export function taskLoss(
  dataset: DatasetName,
  output: tf.Tensor2D,
  targets: Float32Array,
  mask: Uint8Array,
): tf.Scalar {
  const shape = output.shape;
  if (DATASET_INPUTS[dataset].task === 'regression')
    return tf.mean(tf.abs(tf.sub(output, tf.tensor2d(targets, shape)))) as tf.Scalar;
  const present = tf.tensor2d(Float32Array.from(mask), shape);
  // Missing labels are NaN: replace them so they cannot poison the sum, then mask them out.
  const labels = tf.tensor2d(
    targets.map((t, i) => (mask[i] ? t : 0)),
    shape,
  );
  const perEntry = tf.losses.sigmoidCrossEntropy(labels, output, present, 0, tf.Reduction.NONE);
  return tf.div(tf.sum(perEntry), tf.maximum(tf.sum(present), 1)) as tf.Scalar;
}

export function meanAbsoluteError(predictions: Float32Array, targets: Float32Array): number {
  let total = 0;
  for (let i = 0; i < targets.length; i++) total += Math.abs(predictions[i] - targets[i]);
  return total / Math.max(targets.length, 1);
}

/** ROC-AUC of one task by the rank-sum (Mann-Whitney) formula, ties sharing their average rank. */
export function rocAuc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k][1] !== 1) continue;
      positives++;
      rankSum += averageRank;
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean ROC-AUC over the tasks that have both classes among the present labels (OGB's rule). */
export function meanRocAuc(logits: Float32Array, targets: Float32Array, mask: Uint8Array, numTasks: number): number {
  const aucs: number[] = [];
  for (let task = 0; task < numTasks; task++) {
    const scores: number[] = [];
    const labels: number[] = [];
    for (let i = task; i < targets.length; i += numTasks) {
      if (!mask[i]) continue;
      scores.push(logits[i]);
      labels.push(targets[i]);
    }
    const positives = labels.filter((l) => l === 1).length;
    if (positives > 0 && positives < labels.length) aucs.push(rocAuc(scores, labels));
  }
  return aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : Number.NaN;
}

/** Accuracy of sign(logit) against present binary labels. */
export function accuracy(logits: Float32Array, targets: Float32Array, mask: Uint8Array): number {
  let correct = 0;
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    if (!mask[i]) continue;
    total++;
    if ((logits[i] > 0 ? 1 : 0) === targets[i]) correct++;
  }
  return total ? correct / total : Number.NaN;
}

export interface MetricSpec {
  name: 'mae' | 'rocAuc' | 'accuracy';
  /** Whether a larger value is better. */
  higherIsBetter: boolean;
}

export const METRIC: Record<DatasetName, MetricSpec> = {
  zinc: { name: 'mae', higherIsBetter: false },
  tox21: { name: 'rocAuc', higherIsBetter: true },
  proteins: { name: 'accuracy', higherIsBetter: true },
};

export function datasetMetric(
  dataset: DatasetName,
  outputs: Float32Array,
  targets: Float32Array,
  mask: Uint8Array,
): number {
  const metric = METRIC[dataset].name;
  if (metric === 'mae') return meanAbsoluteError(outputs, targets);
  if (metric === 'rocAuc') return meanRocAuc(outputs, targets, mask, DATASET_INPUTS[dataset].numTargets);
  return accuracy(outputs, targets, mask);
}
