/** Small differentiable building blocks shared by the layers: linear, BatchNorm, dropout, embeddings. */
import * as tf from '@tensorflow/tfjs-core';
import { activeCollective } from './collective';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD, BN_EPS } from './kernels/batchNorm';
import { nativeKernelsActive } from './kernels/native';
import { hasFusedKernel, runOurKernel } from './kernels/run';
import { gatherRows } from './messagePassing';
import { param, type Params } from './params';

/** The two products of x·W's gradient: dy·Wᵀ and xᵀ·dy. Native products take the transposes as flags, for free. */
function productGrads(dy: tf.Tensor2D, x: tf.Tensor2D, w: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  if (nativeKernelsActive()) return [tf.matMul(dy, w, false, true), tf.matMul(x, dy, true, false)];
  return [tf.matMul(dy, tf.transpose(w)), tf.matMul(tf.transpose(x), dy)];
}

/**
 * x·W with a gradient that transposes explicitly: on wasm, matMul's own gradient (BatchMatMul with transpose
 * flags) is 5-10x slower than a transpose followed by a plain matMul (TFJS-NOTES.md). With no rows (the edges of
 * a molecule without bonds) the result is empty without a matMul: wasm's XNNPACK refuses a zero-row product and
 * prints "XNN status ... not successful" for each one.
 */
const matMulExplicitGrad = tf.customGrad((x, w, save) => {
  const [x2, w2] = [x as tf.Tensor2D, w as tf.Tensor2D];
  (save as tf.GradSaveFunc)([x2, w2]);
  const empty = x2.shape[0] === 0;
  return {
    value: empty ? tf.zeros([0, w2.shape[1]]) : tf.matMul(x2, w2),
    gradFunc: (dy, saved) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      if (empty) return [tf.zerosLike(xs), tf.zerosLike(ws)];
      return productGrads(dy as tf.Tensor2D, xs, ws);
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/**
 * x·W + b with the bias added inside the matrix product (tfjs's _FusedMatMul: one kernel instead of two) and the
 * same explicit-transpose gradient; the bias gradient is the column sum of dy.
 */
const linearWithBias = tf.customGrad((x, w, b, save) => {
  const [x2, w2] = [x as tf.Tensor2D, w as tf.Tensor2D];
  (save as tf.GradSaveFunc)([x2, w2]);
  return {
    value: tf.fused.matMul({ a: x2, b: w2, bias: b as tf.Tensor1D }) as tf.Tensor2D,
    gradFunc: (dy, saved) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      const g = dy as tf.Tensor2D;
      return [...productGrads(g, xs, ws), tf.sum(g, 0)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor) => tf.Tensor2D;

/** nn.Linear: x [rows, in] -> [rows, out]; adds `${name}.bias` when the model has it. */
export function linear(params: Params, name: string, x: tf.Tensor2D): tf.Tensor2D {
  const weight = param(params, `${name}.weight`) as tf.Tensor2D;
  const bias = params.get(`${name}.bias`);
  if (bias && x.shape[0] > 0 && hasFusedKernel('_FusedMatMul')) return linearWithBias(x, weight, bias);
  const y = matMulExplicitGrad(x, weight);
  return bias ? tf.add(y, bias) : y;
}

/** nn.Embedding lookup: ids [rows] -> [rows, width]. */
export function embed(params: Params, name: string, ids: tf.Tensor1D): tf.Tensor2D {
  return gatherRows(param(params, name) as tf.Tensor2D, ids);
}

/** Batch statistics seen in a training forward, to update running statistics after the optimiser step. */
export interface BatchStat {
  name: string;
  mean: tf.Tensor1D;
  /** Unbiased variance (n / (n - 1)), as PyTorch uses for the running estimate. */
  unbiasedVar: tf.Tensor1D;
}

export interface NormContext {
  training: boolean;
  /** Training forwards push their batch statistics here (kept, owned by the caller). */
  statsSink?: BatchStat[];
}

/**
 * BatchNorm1d over rows. Training normalises with the biased batch variance; eval uses the running statistics
 * (mean 0, var 1 in a base model, so BN is x / sqrt(1 + 1e-5) there). Written with elementary ops: tfjs's
 * FusedBatchNorm gradient tiles its statistics to the full [rows, D] shape, which took a third of a training step.
 */
export function batchNorm(params: Params, name: string, x: tf.Tensor2D, context: NormContext): tf.Tensor2D {
  const gamma = param(params, `${name}.weight`);
  const beta = param(params, `${name}.bias`);
  if (!context.training) {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(param(params, `${name}.running_var`), BN_EPS)));
    const shift = tf.sub(beta, tf.mul(param(params, `${name}.running_mean`), scale));
    return tf.add(tf.mul(x, scale), shift) as tf.Tensor2D;
  }
  if (hasFusedKernel(BATCH_NORM_TRAIN)) return fusedBatchNorm(x, gamma, beta, name, context.statsSink);
  const rows = x.shape[0];
  const mean = tf.mean(x, 0);
  const centered = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centered), 0);
  if (context.statsSink && rows > 1) {
    context.statsSink.push({
      name,
      mean: tf.keep(tf.clone(mean) as tf.Tensor1D),
      unbiasedVar: tf.keep(tf.mul(variance, rows / (rows - 1)) as tf.Tensor1D),
    });
  }
  return tf.add(tf.mul(centered, tf.mul(gamma, tf.rsqrt(tf.add(variance, BN_EPS)))), beta) as tf.Tensor2D;
}

/** Training-mode BatchNorm with the fused kernel and its gradient (kernels/batchNorm.ts), cpu and wasm. */
function fusedBatchNorm(
  x: tf.Tensor2D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  name: string,
  sink: BatchStat[] | undefined,
): tf.Tensor2D {
  // With data-parallel ranks the rows are the whole batch's, which only the kernel knows (it sums them over ranks).
  const rows = activeCollective() ? Infinity : x.shape[0];
  const op = tf.customGrad((...args) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [xi, g, b] = args as tf.Tensor[];
    const [y, mean, variance, unbias] = runOurKernel(BATCH_NORM_TRAIN, { x: xi, gamma: g, beta: b });
    if (sink && rows > 1)
      sink.push({
        name,
        mean: tf.keep(mean) as tf.Tensor1D,
        unbiasedVar: tf.keep(tf.mul(variance, unbias)),
      });
    tf.dispose(unbias);
    save([xi, g, mean, variance]);
    return {
      value: y,
      gradFunc: (dy, [xs, gs, ms, vs]) =>
        runOurKernel(BATCH_NORM_TRAIN_GRAD, { dy: dy as tf.Tensor, x: xs, gamma: gs, mean: ms, variance: vs }),
    };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/** Updates running statistics with momentum 0.1 (PyTorch's default) and disposes the collected stats. */
export function updateRunningStats(params: Params, stats: BatchStat[], momentum = 0.1): void {
  for (const { name, mean, unbiasedVar } of stats) {
    tf.tidy(() => {
      const runningMean = param(params, `${name}.running_mean`);
      const runningVar = param(params, `${name}.running_var`);
      runningMean.assign(tf.add(tf.mul(runningMean, 1 - momentum), tf.mul(mean, momentum)));
      runningVar.assign(tf.add(tf.mul(runningVar, 1 - momentum), tf.mul(unbiasedVar, momentum)));
    });
    tf.dispose([mean, unbiasedVar]);
  }
  stats.length = 0;
}

/** Inverted dropout in training, identity otherwise; seeded so runs are reproducible. */
export function dropout<T extends tf.Tensor>(x: T, rate: number, training: boolean, seed: number): T {
  return training && rate > 0 ? (tf.dropout(x, rate, undefined, seed) as T) : x;
}
