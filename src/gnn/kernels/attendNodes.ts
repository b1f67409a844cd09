/**
 * The attention's aggregation, fused (docs/METHOD.md §1, the paper's "softmax"), for scores s [E, H, d]:
 *
 *   w[e, h]   = exp(clamp(sum_t s[e, h, t], -5, 5)) * mask[e]          (mask optional: removed edges)
 *   den[i, h] = sum_{e -> i} w[e, h] + 1e-6
 *   out[i]    = sum_{e -> i} w[e] * (v[src[e]] + vBias) / den[i]      (vBias optional: EBT)
 *
 * and its gradient with respect to s, v and vBias. Hand-written because the stock ops (sum, clip, exp, gather,
 * two segment sums, broadcasts, division) are eight [E, H, d] passes forward and more than twice that backward.
 * Sums run in edge order as the project's segment-sum kernel does, so values equal the stock path's to float32
 * rounding of the sum over d and of exp.
 */
import type { NamedAttrMap, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { TypedKernel } from './typedKernel';

export const ATTEND_NODES = 'MaAttendNodes';
export const ATTEND_NODES_GRAD = 'MaAttendNodesGrad';

const f32 = Math.fround;
const EPS = f32(1e-6);

interface Layout {
  E: number;
  H: number;
  d: number;
  N: number;
}

function layout(scoreShape: number[], attrs: NamedAttrMap): Layout {
  const [E, H, d] = scoreShape;
  return { E, H, d, N: attrs.numNodes as number };
}

/** w[e * H + h] (mask applied) into `w`, and the unclamped logits into `logits` when given. */
export function edgeWeights(
  s: TypedArray,
  mask: TypedArray | undefined,
  { E, H, d }: Layout,
  w: Float32Array,
  logits?: Float32Array,
): void {
  for (let e = 0; e < E; e++)
    for (let h = 0; h < H; h++) {
      const o = (e * H + h) * d;
      let sum = 0;
      for (let t = 0; t < d; t++) sum = f32(sum + s[o + t]);
      if (logits) logits[e * H + h] = sum;
      const weight = f32(Math.exp(sum < -5 ? -5 : sum > 5 ? 5 : sum));
      w[e * H + h] = mask ? f32(weight * mask[e]) : weight;
    }
}

/** den[i, h] = sum of w into i, + 1e-6. */
function denominators(w: Float32Array, dst: TypedArray, { E, H }: Layout, den: TypedArray): void {
  for (let e = 0; e < E; e++) for (let h = 0; h < H; h++) den[dst[e] * H + h] += w[e * H + h];
  for (let i = 0; i < den.length; i++) den[i] = f32(den[i] + EPS);
}

/** Outputs out [N, H, d] and den [N, H]. */
export const attendNodesKernel: TypedKernel = {
  kernelName: ATTEND_NODES,
  outputs: ({ score, v }: Record<string, TensorInfo>, attrs) => {
    const { H, N } = layout(score.shape, attrs);
    return [
      { shape: [N, ...v.shape.slice(1)], dtype: 'float32' },
      { shape: [N, H], dtype: 'float32' },
    ];
  },
  compute: ({ score, v, src, dst, mask, vBias }, [out, den], attrs, shapes) => {
    const L = layout(shapes.score, attrs);
    const { E, H, d } = L;
    const width = H * d;
    const w = new Float32Array(E * H);
    edgeWeights(score, mask, L, w);
    for (let e = 0; e < E; e++) {
      const vs = src[e] * width;
      const o = dst[e] * width;
      for (let h = 0; h < H; h++) {
        const weight = w[e * H + h];
        for (let t = 0; t < d; t++) {
          const j = h * d + t;
          const value = vBias ? f32(v[vs + j] + vBias[j]) : v[vs + j];
          out[o + j] += f32(weight * value);
        }
      }
    }
    denominators(w, dst, L, den);
    for (let i = 0; i < den.length; i++) for (let t = 0; t < d; t++) out[i * d + t] = f32(out[i * d + t] / den[i]);
  },
};

/** Outputs dScore [E, H, d], dv [N, H, d] and, with vBias, dvBias [H, d]. */
export const attendNodesGradKernel: TypedKernel = {
  kernelName: ATTEND_NODES_GRAD,
  outputs: ({ score, v, vBias }: Record<string, TensorInfo>) => [
    { shape: score.shape, dtype: 'float32' },
    { shape: v.shape, dtype: 'float32' },
    ...(vBias ? [{ shape: vBias.shape, dtype: 'float32' as const }] : []),
  ],
  compute: ({ dy, out, den, score, v, src, dst, mask, vBias }, [dScore, dv, dvBias], attrs, shapes) => {
    const L = layout(shapes.score, attrs);
    const { E, H, d } = L;
    const width = H * d;
    // out = num / den: d num = dy / den, d den = -sum_t dy * out / den.
    const dNum = new Float32Array(dy.length);
    const dDen = new Float32Array(den.length);
    for (let i = 0; i < den.length; i++) {
      let acc = 0;
      for (let t = 0; t < d; t++) {
        dNum[i * d + t] = dy[i * d + t] / den[i];
        acc += dy[i * d + t] * out[i * d + t];
      }
      dDen[i] = -acc / den[i];
    }
    const w = new Float32Array(E * H);
    const logits = new Float32Array(E * H);
    edgeWeights(score, undefined, L, w, logits);
    for (let e = 0; e < E; e++) {
      const vs = src[e] * width;
      const o = dst[e] * width;
      const m = mask ? mask[e] : 1;
      for (let h = 0; h < H; h++) {
        const weight = f32(w[e * H + h] * m);
        let dWeight = dDen[dst[e] * H + h];
        for (let t = 0; t < d; t++) {
          const j = h * d + t;
          const value = vBias ? f32(v[vs + j] + vBias[j]) : v[vs + j];
          dWeight += dNum[o + j] * value;
          const dValue = f32(weight * dNum[o + j]);
          dv[vs + j] += dValue;
          if (dvBias) dvBias[j] += dValue;
        }
        const logit = logits[e * H + h];
        const dLogit = logit >= -5 && logit <= 5 ? f32(dWeight * m) * w[e * H + h] : 0;
        for (let t = (e * H + h) * d, end = t + d; t < end; t++) dScore[t] = dLogit;
      }
    }
  },
};
