/**
 * The paper's adversarial "attack" on a frozen model (docs/METHOD.md §11): noise of fixed standard deviation σ on
 * the input node and edge embeddings, random or with its pattern optimised to raise the loss.
 *
 *   h0 <- h0 + σ · δ_h / std(δ_h),   e0 <- e0 + σ · δ_e / std(δ_e)      δ_h, δ_e ∈ R^D, shared by every node / edge
 *   std: the unbiased standard deviation over the D entries, so the noise always has std σ; only its pattern moves.
 *   L_rand: δ ~ N(0, 1), mean over the split's batches (in order) of the task loss, eval mode.
 *   L_opt:  from that δ, Adam (lr 7e-4) on (δ_h, δ_e) alone with objective −loss per batch; ReduceLROnPlateau
 *           (min, factor 0.5, patience 15) on the epoch's mean objective; until lr < 1e-6 or the epoch limit.
 *           The objective is negative, and PyTorch's relative threshold (a < best · (1 − 1e-4)) then counts an
 *           unchanged or slightly worse epoch as an improvement: the lr halves only after 15 epochs each worse than
 *           the best by more than 1e-4 relative. We keep that, as the paper's code ran it.
 *   GAIN = L_opt / L_rand − 1.
 * The shared (broadcast) δ is the only form whose shapes work for every batch (docs/METHOD.md §11, step 2).
 * Optionally (maThreshold) the share of edges with an MA per layer under the random and the optimised noise.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs, type GraphBatch } from '../data/graphBatch';
import { fractionMassive, perEdgeRatios } from '../ma/edgeRatios';
import { taskLoss } from '../gnn/metrics';
import { forward, type Model } from '../gnn/model';
import { seededRandom } from '../gnn/random';
import { stepScheduler, type TrainingState } from '../gnn/train';

export const PAPER_SIGMAS = [0.01, 0.0316, 0.1] as const;

export interface AttackOptions {
  sigmas?: readonly number[];
  /** Validation batches of this many graphs, in order (the paper's loader: 128). */
  batchSize?: number;
  /** Epoch limit of the ascent (the paper's: 1000). */
  maxEpochs?: number;
  lr?: number;
  patience?: number;
  lrFactor?: number;
  minLr?: number;
  /** Seed of the random δ (one stream per σ). */
  seed?: number;
  /** When given, each result also holds the share of edges with an MA (ratio > this) per layer, both noises. */
  maThreshold?: number;
  onEpoch?: (progress: AttackProgress) => void;
  /** Checked between batches; true ends the ascent of the current σ (its L_opt is still measured) and the sweep. */
  shouldStop?: () => boolean;
}

export interface AttackProgress {
  sigma: number;
  sigmaIndex: number;
  epoch: number;
  /** The epoch's mean loss under the noise being optimised (−objective). */
  loss: number;
  lr: number;
}

export interface AttackResult {
  sigma: number;
  lossRandom: number;
  lossOptimised: number;
  gain: number;
  epochs: number;
  stopReason: 'min-lr' | 'max-epochs' | 'cancelled';
  finalLr: number;
  /** Per layer, share of edges with r_e > maThreshold (when asked for). */
  maShare?: { threshold: number; random: number[]; optimised: number[] };
}

export interface AttackNoise {
  node: tf.Tensor1D;
  edge: tf.Tensor1D;
}

/** σ · δ / std(δ), std unbiased over δ's entries: noise whose standard deviation is exactly σ. */
export function scaledNoise(delta: tf.Tensor1D, sigma: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = delta.size;
    const centred = tf.sub(delta, tf.mean(delta));
    const std = tf.sqrt(tf.div(tf.sum(tf.square(centred)), n - 1));
    return tf.mul(tf.div(delta, std), sigma) as tf.Tensor1D;
  });
}

/** The model's task loss on one batch with the noise added to the encoded inputs (broadcast over rows). */
export function noisyLoss(model: Model, batch: GraphBatch, noise: AttackNoise, sigma: number): tf.Scalar {
  const { output } = forward(model, batch, {
    embeddings: ({ h0, e0 }) => ({
      h0: tf.add(h0, scaledNoise(noise.node, sigma)) as tf.Tensor2D,
      e0: tf.add(e0, scaledNoise(noise.edge, sigma)) as tf.Tensor2D,
    }),
  });
  return taskLoss(model.config.dataset, output, batch.targets, batch.targetMask);
}

/** Mean over batches of the noisy loss (the paper's epoch loss: an unweighted mean over its loader's batches). */
export async function meanNoisyLoss(
  model: Model,
  batches: GraphBatch[],
  noise: AttackNoise,
  sigma: number,
): Promise<number> {
  let sum = 0;
  for (const batch of batches) {
    const loss = tf.tidy(() => noisyLoss(model, batch, noise, sigma));
    sum += (await loss.data())[0];
    loss.dispose();
  }
  return sum / Math.max(batches.length, 1);
}

/** Standard-normal δ_h, δ_e of width D from a seeded stream. */
export function randomDelta(width: number, seed: number): { node: Float32Array; edge: Float32Array } {
  const random = seededRandom(seed);
  const draw = () => Float32Array.from({ length: width }, () => random.normal());
  return { node: draw(), edge: draw() };
}

export async function attack(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  options: AttackOptions = {},
): Promise<AttackResult[]> {
  const { batchSize = 128, seed = 41 } = options;
  const batches: GraphBatch[] = [];
  for (let start = 0; start < graphs.length; start += batchSize)
    batches.push(batchGraphs(graphs.slice(start, start + batchSize), spec));
  const results: AttackResult[] = [];
  const sigmas = options.sigmas ?? PAPER_SIGMAS;
  for (const [sigmaIndex, sigma] of sigmas.entries()) {
    const result = await attackOne(model, batches, sigma, sigmaIndex, seed * 1000 + sigmaIndex, options);
    results.push(result);
    if (result.stopReason === 'cancelled') break;
  }
  return results;
}

async function attackOne(
  model: Model,
  batches: GraphBatch[],
  sigma: number,
  sigmaIndex: number,
  seed: number,
  options: AttackOptions,
): Promise<AttackResult> {
  const { maxEpochs = 1000, lr = 7e-4, patience = 15, lrFactor = 0.5, minLr = 1e-6 } = options;
  const start = randomDelta(model.config.hidden, seed);
  // tidy frees the initial tensors; the variables (never tracked by tidy) stay
  const [node, edge] = tf.tidy(() => [tf.variable(tf.tensor1d(start.node)), tf.variable(tf.tensor1d(start.edge))]);
  const noise = { node, edge };
  // Adam as PyTorch defines it (eps 1e-8), as the paper's code ran it.
  const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const schedule = { lr, bestValLoss: Number.POSITIVE_INFINITY, badEpochs: 0 } as TrainingState;
  try {
    const lossRandom = await meanNoisyLoss(model, batches, noise, sigma);
    const maRandom = options.maThreshold ? await maShares(model, batches, noise, sigma, options.maThreshold) : null;
    let epochs = 0;
    let stopReason: AttackResult['stopReason'] = 'max-epochs';
    while (epochs < maxEpochs) {
      if (schedule.lr < minLr) {
        stopReason = 'min-lr';
        break;
      }
      let sum = 0;
      for (const batch of batches) {
        // A macrotask per batch lets a cancel request through a worker's message queue (on wasm, data() resolves
        // as a microtask, so the loop would otherwise never give way).
        if (options.shouldStop) await new Promise((resolve) => setTimeout(resolve, 0));
        if (options.shouldStop?.()) {
          stopReason = 'cancelled';
          break;
        }
        const cost = optimizer.minimize(() => tf.neg(noisyLoss(model, batch, noise, sigma)), true, [node, edge])!;
        sum += (await cost.data())[0];
        cost.dispose();
      }
      if (stopReason === 'cancelled') break;
      epochs++;
      const objective = sum / Math.max(batches.length, 1);
      options.onEpoch?.({ sigma, sigmaIndex, epoch: epochs, loss: -objective, lr: schedule.lr });
      stepScheduler(schedule, objective, patience, lrFactor);
      (optimizer as unknown as { learningRate: number }).learningRate = schedule.lr;
    }
    if (stopReason === 'max-epochs' && schedule.lr < minLr) stopReason = 'min-lr';
    const lossOptimised = await meanNoisyLoss(model, batches, noise, sigma);
    const result: AttackResult = {
      sigma,
      lossRandom,
      lossOptimised,
      gain: lossOptimised / lossRandom - 1,
      epochs,
      stopReason,
      finalLr: schedule.lr,
    };
    if (maRandom && options.maThreshold)
      result.maShare = {
        threshold: options.maThreshold,
        random: maRandom,
        optimised: await maShares(model, batches, noise, sigma, options.maThreshold),
      };
    return result;
  } finally {
    optimizer.dispose();
    tf.dispose([node, edge]);
  }
}

/** Per layer, the share of the split's edges whose ratio max|s| / median|s| exceeds the threshold, under noise. */
async function maShares(
  model: Model,
  batches: GraphBatch[],
  noise: AttackNoise,
  sigma: number,
  threshold: number,
): Promise<number[]> {
  const { layers, hidden } = model.config;
  const massive = new Array<number>(layers).fill(0);
  let edges = 0;
  for (const batch of batches) {
    const scores = tf.tidy(() =>
      forward(model, batch, {
        capture: true,
        embeddings: ({ h0, e0 }) => ({
          h0: tf.add(h0, scaledNoise(noise.node, sigma)) as tf.Tensor2D,
          e0: tf.add(e0, scaledNoise(noise.edge, sigma)) as tf.Tensor2D,
        }),
      }).captures.map((c) => c.edgeScore),
    );
    try {
      for (let layer = 0; layer < layers; layer++) {
        // rows beyond the batch's edges belong to a model's own global node; they count too
        const rows = scores[layer].shape[0];
        const ratios = perEdgeRatios({
          values: (await scores[layer].data()) as Float32Array,
          numEdges: rows,
          dim: hidden,
        });
        massive[layer] += fractionMassive(ratios, threshold) * rows;
      }
    } finally {
      tf.dispose(scores);
    }
    edges += scores.length ? scores[0].shape[0] : batch.numEdges;
  }
  return massive.map((m) => (edges ? m / edges : Number.NaN));
}
