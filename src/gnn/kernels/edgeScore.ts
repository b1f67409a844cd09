/**
 * The per-dimension edge score of the attention, fused (docs/METHOD.md §2.2 step 2):
 *
 *   s[e] = (k[src[e]] * q[dst[e]]) / scale * p[e]          q, k [N, W], p [E, W] -> s [E, W]
 *
 * and its gradient (dq = segsum_dst(ds * p / scale * k[src]), dk likewise, dp = ds * k[src] * q[dst] / scale).
 * Hand-written because the stock ops take two gathers, three elementwise ops and two segment sums on the way back,
 * each a full [E, W] pass and a kernel dispatch. Every product is rounded to float32 in the same order as those
 * ops (Math.fround), so values equal the stock path's.
 */
import type { NamedAttrMap, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { TypedKernel } from './typedKernel';

export const EDGE_SCORE = 'MaEdgeScore';
export const EDGE_SCORE_GRAD = 'MaEdgeScoreGrad';

const f32 = Math.fround;

/** scale arrives as a float32 value (tfjs would round the scalar divisor to float32 too). */
const scaleOf = (attrs: NamedAttrMap) => f32(attrs.scale as number);

export const edgeScoreKernel: TypedKernel = {
  kernelName: EDGE_SCORE,
  outputs: ({ p }: Record<string, TensorInfo>) => [{ shape: p.shape, dtype: 'float32' }],
  compute: ({ q, k, p, src, dst }, [s], attrs) => {
    const scale = scaleOf(attrs);
    const width = src.length === 0 ? 0 : p.length / src.length;
    for (let e = 0; e < src.length; e++) {
      const ks = src[e] * width;
      const qd = dst[e] * width;
      const o = e * width;
      for (let j = 0; j < width; j++) s[o + j] = f32(f32(k[ks + j] * q[qd + j]) / scale) * p[o + j];
    }
  },
};

/** Outputs dq [N, W], dk [N, W], dp [E, W] from ds [E, W]. */
export const edgeScoreGradKernel: TypedKernel = {
  kernelName: EDGE_SCORE_GRAD,
  outputs: ({ q, k, p }: Record<string, TensorInfo>) => [
    { shape: q.shape, dtype: 'float32' },
    { shape: k.shape, dtype: 'float32' },
    { shape: p.shape, dtype: 'float32' },
  ],
  compute: ({ ds, q, k, p, src, dst }, [dq, dk, dp], attrs) => {
    const scale = scaleOf(attrs);
    const width = src.length === 0 ? 0 : p.length / src.length;
    accumulateScoreGrad(ds, q, k, p, src, dst, width, scale, dq, dk, dp);
  },
};

function accumulateScoreGrad(
  ds: TypedArray,
  q: TypedArray,
  k: TypedArray,
  p: TypedArray,
  src: TypedArray,
  dst: TypedArray,
  width: number,
  scale: number,
  dq: TypedArray,
  dk: TypedArray,
  dp: TypedArray,
): void {
  for (let e = 0; e < src.length; e++) {
    const ks = src[e] * width;
    const qd = dst[e] * width;
    const o = e * width;
    for (let j = 0; j < width; j++) {
      const g = ds[o + j];
      dp[o + j] = g * f32(f32(k[ks + j] * q[qd + j]) / scale);
      const t = f32(f32(g * p[o + j]) / scale);
      dk[ks + j] += f32(t * q[qd + j]);
      dq[qd + j] += f32(t * k[ks + j]);
    }
  }
}
