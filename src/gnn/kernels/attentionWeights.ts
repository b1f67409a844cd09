/**
 * The normalised attention of every edge, for captures (docs/METHOD.md §1), from the fused aggregation's
 * denominators (attendNodes.ts):
 *
 *   attention[e, h] = exp(clamp(sum_t s[e, h, t], -5, 5)) * mask[e] / den[dst[e], h]      den = sum into i + 1e-6
 *
 * so an eval forward that aggregates with the fused kernel need not recompute the weights' segment sums and gathers
 * with stock ops. Forward only: captures take no gradient.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { edgeWeights } from './attendNodes';
import type { TypedKernel } from './typedKernel';

export const ATTENTION_WEIGHTS = 'MaAttentionWeights';

const f32 = Math.fround;

/** Output attention [E, H] from score [E, H, d], dst [E], den [N, H] and an optional mask [E]. */
export const attentionWeightsKernel: TypedKernel = {
  kernelName: ATTENTION_WEIGHTS,
  outputs: ({ score }: Record<string, TensorInfo>) => [{ shape: score.shape.slice(0, 2), dtype: 'float32' }],
  compute: ({ score, dst, den, mask }, [attention], _attrs, shapes) => {
    const [E, H, d] = shapes.score;
    edgeWeights(score, mask, { E, H, d, N: den.length / H }, attention as Float32Array);
    for (let e = 0; e < E; e++)
      for (let h = 0; h < H; h++) attention[e * H + h] = f32(attention[e * H + h] / den[dst[e] * H + h]);
  },
};
