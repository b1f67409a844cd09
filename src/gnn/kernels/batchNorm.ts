/**
 * Training-mode BatchNorm1d over the rows of x [R, C], fused (METHOD.md §2.2; biased batch variance, eps 1e-5):
 *
 *   mean = sum_r x / R,  var = sum_r (x - mean)^2 / R,  y = (x - mean) * (gamma / sqrt(var + eps)) + beta
 *
 * and its gradient: with xhat = (x - mean) / sqrt(var + eps),
 *   dbeta = sum_r dy,  dgamma = sum_r dy * xhat,  dx = gamma / sqrt(var + eps) / R * (R dy - dbeta - xhat dgamma).
 * Hand-written because the stock ops reduce over rows, which the wasm backend does by transposing first, and the
 * elementwise graph and its gradient were about twenty [R, C] passes per norm (issue 17's profile). Column sums
 * accumulate in float64, so statistics can differ from the stock ops' in the last float32 bit.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
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

/** Outputs y [R, C], mean [C], biased variance [C]. */
export const batchNormTrainKernel: TypedKernel = {
  kernelName: BATCH_NORM_TRAIN,
  outputs: ({ x }: Record<string, TensorInfo>) => [
    { shape: x.shape, dtype: 'float32' },
    { shape: [x.shape[1]], dtype: 'float32' },
    { shape: [x.shape[1]], dtype: 'float32' },
  ],
  compute: ({ x, gamma, beta }, [y, mean, variance], _attrs, shapes) => {
    const [R, C] = shapes.x;
    const sum = new Float64Array(C);
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) sum[c] += x[r * C + c];
    for (let c = 0; c < C; c++) mean[c] = sum[c] / R;
    const squares = new Float64Array(C);
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const centered = f32(x[r * C + c] - mean[c]);
        squares[c] += f32(centered * centered);
      }
    for (let c = 0; c < C; c++) variance[c] = squares[c] / R;
    const rstd = inverseStd(variance, C);
    const scale = new Float64Array(C);
    for (let c = 0; c < C; c++) scale[c] = f32(gamma[c] * rstd[c]);
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const i = r * C + c;
        y[i] = f32(f32(x[i] - mean[c]) * scale[c]) + beta[c];
      }
  },
};

/** Outputs dx [R, C], dgamma [C], dbeta [C]. */
export const batchNormTrainGradKernel: TypedKernel = {
  kernelName: BATCH_NORM_TRAIN_GRAD,
  outputs: ({ x }: Record<string, TensorInfo>) => [
    { shape: x.shape, dtype: 'float32' },
    { shape: [x.shape[1]], dtype: 'float32' },
    { shape: [x.shape[1]], dtype: 'float32' },
  ],
  compute: ({ dy, x, gamma, mean, variance }, [dx, dgamma, dbeta], _attrs, shapes) => {
    const [R, C] = shapes.x;
    const rstd = inverseStd(variance, C);
    const sumDy = new Float64Array(C);
    const sumDyXhat = new Float64Array(C);
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const i = r * C + c;
        sumDy[c] += dy[i];
        sumDyXhat[c] += dy[i] * (x[i] - mean[c]) * rstd[c];
      }
    for (let c = 0; c < C; c++) {
      dbeta[c] = sumDy[c];
      dgamma[c] = sumDyXhat[c];
    }
    for (let r = 0; r < R; r++)
      for (let c = 0; c < C; c++) {
        const i = r * C + c;
        const xhat = (x[i] - mean[c]) * rstd[c];
        dx[i] = ((gamma[c] * rstd[c]) / R) * (R * dy[i] - sumDy[c] - xhat * sumDyXhat[c]);
      }
  },
};
