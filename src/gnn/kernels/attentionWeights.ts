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
import type { TypedKernel } from './typedKernel';

export const ATTENTION_WEIGHTS = 'MaAttentionWeights';

const f32 = Math.fround;

/** Output attention [E, H] from score [E, H, d], dst [E], den [N, H] and an optional mask [E]. */
export const attentionWeightsKernel: TypedKernel = {
  kernelName: ATTENTION_WEIGHTS,
  outputs: ({ score }: Record<string, TensorInfo>) => [{ shape: score.shape.slice(0, 2), dtype: 'float32' }],
  compute: ({ score, dst, den, mask }, [attention], _attrs, shapes) => {
    const [E, H, d] = shapes.score;
    for (let e = 0; e < E; e++)
      for (let h = 0; h < H; h++) {
        const o = (e * H + h) * d;
        let sum = 0;
        for (let t = 0; t < d; t++) sum = f32(sum + score[o + t]);
        let weight = f32(Math.exp(sum < -5 ? -5 : sum > 5 ? 5 : sum));
        if (mask) weight = f32(weight * mask[e]);
        attention[e * H + h] = f32(weight / den[dst[e] * H + h]);
      }
  },
};
