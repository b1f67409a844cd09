/**
 * A small edge-attention computation (gather, per-dimension score, clamped exp, segment sums) used to check that
 * a backend computes what cpu computes. It is the core of every layer in docs/METHOD.md §2-4, without edge features.
 */
import * as tf from '@tensorflow/tfjs-core';
import { clampedExp, gatherEdges, normalisedAggregate } from './messagePassing';

export interface AttentionProbeInput {
  numNodes: number;
  heads: number;
  headDim: number;
  src: Int32Array;
  dst: Int32Array;
  /** Node queries, keys and values, each [numNodes * heads * headDim], row-major [N, H, d]. */
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

/** Returns the attention output [N, H, d], flattened. */
export async function runAttentionProbe(input: AttentionProbeInput): Promise<Float32Array> {
  const output = tf.tidy(() => {
    const shape: [number, number, number] = [input.numNodes, input.heads, input.headDim];
    const src = tf.tensor1d(input.src, 'int32');
    const dst = tf.tensor1d(input.dst, 'int32');
    const [q, k, v] = [input.q, input.k, input.v].map((values) => tf.tensor3d(values, shape));
    const score = tf.div(tf.mul(gatherEdges(k, src), gatherEdges(q, dst)), Math.sqrt(input.headDim));
    const weights = clampedExp(tf.sum(score, 2)) as tf.Tensor2D;
    return normalisedAggregate(weights, gatherEdges(v, src), dst, input.numNodes);
  });
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}
