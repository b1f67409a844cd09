/**
 * Training-mode BatchNorm1d over the rows of x [R, C], fused (docs/METHOD.md §2.2; biased batch variance, eps 1e-5):
 *
 *   mean = sum_r x / R,  var = sum_r (x - mean)^2 / R,  y = (x - mean) * (gamma / sqrt(var + eps)) + beta
 *
 * and its gradient: with xhat = (x - mean) / sqrt(var + eps),
 *   dbeta = sum_r dy,  dgamma = sum_r dy * xhat,  dx = gamma / sqrt(var + eps) / R * (R dy - dbeta - xhat dgamma).
 * Hand-written because the stock ops reduce over rows, which the wasm backend does by transposing first, and the
 * elementwise graph and its gradient were about twenty [R, C] passes per norm (issue 17's profile). Column sums
 * accumulate in float64, so statistics can differ from the stock ops' in the last float32 bit.
 *
 * In data-parallel training (collective.ts) each rank holds some of the rows: the column sums and the row count are
 * summed over the ranks before use, so R, mean, variance, sum dy and sum dy * xhat are the whole batch's. dgamma and
 * dbeta stay this rank's own sums: the step sums every gradient over the ranks afterwards.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { activeCollective } from '../collective';
import type { TypedKernel } from './typedKernel';

export const BATCH_NORM_TRAIN = 'MaBatchNormTrain';
export const BATCH_NORM_TRAIN_GRAD = 'MaBatchNormTrainGrad';
export const BN_EPS = 1e-5;

const f32 = Math.fround;
const EPS = f32(BN_EPS);

/** Per column: 1 / sqrt(var + eps), rounded as tfjs's rsqrt(add(var, eps)) would be. */
function inverseStd(variance: ArrayLike<number>, C: number): Float64Array {
  const out = new Float64Array(C);
  for (let c = 0; c < C; c++) out[c] = f32(1 / Math.sqrt(f32(variance[c] + EPS)));
  return out;
}

/**
 * The kernels' passes over all rows (the rest is per column): here in TypeScript, and in C for Node
 * (native/kernels.c, native.ts), which must compute the same values.
 * mu, scale, shift, rstd, k and slope hold one value per column; acc, sumDy and sumDyXhat are accumulated into.
 */
export interface BatchNormPasses {
  /** acc[c] += x[r, c] */
  columnSums(x: Float32Array, acc: Float64Array, rows: number, C: number): void;
  /** acc[c] += f32(f32(x[r, c] - mu[c])^2), mu holding float32 values */
  centeredSquareSums(x: Float32Array, mu: Float64Array, acc: Float64Array, rows: number, C: number): void;
  /** y[r, c] = f32(f32(x[r, c] - mu[c]) * scale[c]) + shift[c], all float32 values */
  normalize(
    x: Float32Array,
    mu: Float64Array,
    scale: Float64Array,
    shift: Float64Array,
    y: Float32Array,
    rows: number,
    C: number,
  ): void;
  /** sumDy[c] += dy[r, c]; sumDyXhat[c] += dy[r, c] * (x[r, c] - mu[c]) * rstd[c] */
  gradientSums(
    dy: Float32Array,
    x: Float32Array,
    mu: Float64Array,
    rstd: Float64Array,
    sumDy: Float64Array,
    sumDyXhat: Float64Array,
    rows: number,
    C: number,
  ): void;
  /** dx[r, c] = k[c] * (R dy[r, c] - sumDy[c] - (x[r, c] - mu[c]) * slope[c]) */
  inputGradient(
    dy: Float32Array,
    x: Float32Array,
    mu: Float64Array,
    k: Float64Array,
    slope: Float64Array,
    sumDy: Float64Array,
    R: number,
    dx: Float32Array,
    rows: number,
    C: number,
  ): void;
}

// The loops below walk x row by row with one running index (i) and per-column Float64Array accumulators: V8
// compiles that form to tight code; indexing as r * C + c ran several times slower.
export const typeScriptPasses: BatchNormPasses = {
  columnSums(x, acc, rows, C) {
    const n = rows * C;
    for (let i = 0; i < n;) for (let c = 0; c < C; c++, i++) acc[c] += x[i];
  },
  centeredSquareSums(x, mu, acc, rows, C) {
    const n = rows * C;
    for (let i = 0; i < n;)
      for (let c = 0; c < C; c++, i++) {
        const centered = f32(x[i] - mu[c]);
        acc[c] += f32(centered * centered);
      }
  },
  normalize(x, mu, scale, shift, y, rows, C) {
    const n = rows * C;
    for (let i = 0; i < n;) for (let c = 0; c < C; c++, i++) y[i] = f32(f32(x[i] - mu[c]) * scale[c]) + shift[c];
  },
  gradientSums(dy, x, mu, rstd, sumDy, sumDyXhat, rows, C) {
    const n = rows * C;
    for (let i = 0; i < n;)
      for (let c = 0; c < C; c++, i++) {
        const g = dy[i];
        sumDy[c] += g;
        sumDyXhat[c] += g * (x[i] - mu[c]) * rstd[c];
      }
  },
  inputGradient(dy, x, mu, k, slope, sumDy, R, dx, rows, C) {
    const n = rows * C;
    for (let i = 0; i < n;)
      for (let c = 0; c < C; c++, i++) dx[i] = k[c] * (R * dy[i] - sumDy[c] - (x[i] - mu[c]) * slope[c]);
  },
};

/** Column sums (and, last, the row count) over the ranks of a data-parallel step; as they are in one thread. */
function sumOverRanks(sums: Float64Array[], rows: number): number {
  const collective = activeCollective();
  if (!collective) return rows;
  const C = sums[0].length;
  const all = new Float64Array(sums.length * C + 1);
  sums.forEach((s, k) => all.set(s, k * C));
  all[all.length - 1] = rows;
  collective.allReduceSum(all);
  sums.forEach((s, k) => s.set(all.subarray(k * C, (k + 1) * C)));
  return all[all.length - 1];
}

type F32 = Float32Array;

/** The training BatchNorm and its gradient, with their passes over the rows computed by `passes`. */
export function batchNormKernels(passes: BatchNormPasses): [TypedKernel, TypedKernel] {
  /**
   * Outputs y [R, C], mean [C], biased variance [C], and [1] the factor R / (R - 1) that makes the variance unbiased
   * for the running estimate (R over all ranks; 1 when R <= 1).
   */
  const train: TypedKernel = {
    kernelName: BATCH_NORM_TRAIN,
    outputs: ({ x }: Record<string, TensorInfo>) => [
      { shape: x.shape, dtype: 'float32' },
      { shape: [x.shape[1]], dtype: 'float32' },
      { shape: [x.shape[1]], dtype: 'float32' },
      { shape: [1], dtype: 'float32' },
    ],
    compute: ({ x, gamma, beta }, [y, mean, variance, unbias], _attrs, shapes) => {
      const [rows, C] = shapes.x;
      const acc = new Float64Array(C);
      passes.columnSums(x as F32, acc, rows, C);
      const R = sumOverRanks([acc], rows);
      unbias[0] = R > 1 ? R / (R - 1) : 1;
      const mu = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        mean[c] = acc[c] / R;
        mu[c] = mean[c]; // the float32 mean, as the stock ops subtract it
      }
      acc.fill(0);
      passes.centeredSquareSums(x as F32, mu, acc, rows, C);
      sumOverRanks([acc], rows);
      for (let c = 0; c < C; c++) variance[c] = acc[c] / R;
      const rstd = inverseStd(variance, C);
      const scale = new Float64Array(C);
      const shift = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        scale[c] = f32(gamma[c] * rstd[c]);
        shift[c] = beta[c];
      }
      passes.normalize(x as F32, mu, scale, shift, y as F32, rows, C);
    },
  };

  /** Outputs dx [R, C], dgamma [C], dbeta [C]. */
  const gradient: TypedKernel = {
    kernelName: BATCH_NORM_TRAIN_GRAD,
    outputs: ({ x }: Record<string, TensorInfo>) => [
      { shape: x.shape, dtype: 'float32' },
      { shape: [x.shape[1]], dtype: 'float32' },
      { shape: [x.shape[1]], dtype: 'float32' },
    ],
    compute: ({ dy, x, gamma, mean, variance }, [dx, dgamma, dbeta], _attrs, shapes) => {
      const [rows, C] = shapes.x;
      const rstd = inverseStd(variance, C);
      const mu = Float64Array.from(mean);
      const sumDy = new Float64Array(C);
      const sumDyXhat = new Float64Array(C);
      passes.gradientSums(dy as F32, x as F32, mu, rstd, sumDy, sumDyXhat, rows, C);
      for (let c = 0; c < C; c++) {
        dbeta[c] = sumDy[c];
        dgamma[c] = sumDyXhat[c];
      }
      const R = sumOverRanks([sumDy, sumDyXhat], rows);
      // dx = gamma rstd / R * (R dy - sum dy - xhat sum(dy xhat)), with xhat = (x - mean) rstd
      const k = new Float64Array(C);
      const slope = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        k[c] = (gamma[c] * rstd[c]) / R;
        slope[c] = rstd[c] * sumDyXhat[c];
      }
      passes.inputGradient(dy as F32, x as F32, mu, k, slope, sumDy, R, dx as F32, rows, C);
    },
  };
  return [train, gradient];
}

export const [batchNormTrainKernel, batchNormTrainGradKernel] = batchNormKernels(typeScriptPasses);
