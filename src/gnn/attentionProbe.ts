/**
 * A small edge-attention computation (gather, per-dimension score, clamped exp, segment sums) used to check that
 * a backend computes what cpu computes. It is the core of every layer in docs/METHOD.md §2-4; with edge values p
 * the score is the edge-featured one, through the fused edge-score kernel where the backend has one (as the
 * layers use it: WebGPU's WGSL program, cpu's typed-array loop).
 */
import * as tf from '@tensorflow/tfjs-core';
import { edgeScore } from './fusedAttention';
import { EDGE_SCORE } from './kernels/edgeScore';
import { hasFusedKernel } from './kernels/run';
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
  /** Edge values [E * heads * headDim], row-major [E, H, d]: the score becomes k[src] * q[dst] / sqrt(d) * p. */
  p?: Float32Array;
}

export interface AttentionProbeOutput {
  /** The attention output [N, H, d], flattened. */
  output: Float32Array;
  /** Whether the edge score went through the backend's fused kernel (only with edge values). */
  fusedScore: boolean;
}

export async function runAttentionProbe(input: AttentionProbeInput): Promise<AttentionProbeOutput> {
  const { numNodes, heads, headDim } = input;
  const fusedScore = input.p !== undefined && hasFusedKernel(EDGE_SCORE);
  const output = tf.tidy(() => {
    const src = tf.tensor1d(input.src, 'int32');
    const dst = tf.tensor1d(input.dst, 'int32');
    const [q, k, v] = [input.q, input.k, input.v].map((values) => tf.tensor3d(values, [numNodes, heads, headDim]));
    const scale = Math.sqrt(headDim);
    let score: tf.Tensor3D;
    if (input.p === undefined) score = tf.div(tf.mul(gatherEdges(k, src), gatherEdges(q, dst)), scale);
    else {
      const p = tf.tensor3d(input.p, [input.src.length, heads, headDim]);
      score = fusedScore
        ? edgeScore(q, k, p, src, dst, scale)
        : tf.mul(tf.div(tf.mul(gatherEdges(k, src), gatherEdges(q, dst)), scale), p);
    }
    const weights = clampedExp(tf.sum(score, 2)) as tf.Tensor2D;
    return normalisedAggregate(weights, gatherEdges(v, src), dst, numNodes);
  });
  try {
    return { output: (await output.data()) as Float32Array, fusedScore };
  } finally {
    output.dispose();
  }
}
