/**
 * The capture kernel kernels/attentionWeights.ts against the stock ops it stands in for (edgeAttention.ts's
 * stockAttention: clamped exp of the summed score, masked, over the segment sum at the destination + 1e-6), on cpu
 * and wasm, with and without removed edges; scores scaled so some logits pass the ±5 clamp.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { attendNodesEval } from '../../../src/gnn/fusedAttention';
import { aggregateAtNodes, clampedExp, gatherEdges } from '../../../src/gnn/messagePassing';
import { NODE_BACKENDS, useBackend } from '../helpers/backends';

const [N, E, H, d] = [6, 30, 2, 4];

function stockAttention(score: tf.Tensor3D, dst: tf.Tensor1D, mask: tf.Tensor | null): Float32Array {
  return tf.tidy(() => {
    let weights = clampedExp(tf.sum(score, 2));
    if (mask) weights = tf.mul(weights, mask);
    const totals = aggregateAtNodes(weights, dst, N);
    return tf.div(weights, tf.add(gatherEdges(totals, dst), 1e-6)).dataSync() as Float32Array;
  });
}

describe.each(NODE_BACKENDS)('attention weights from the fused aggregation on %s', (backend) => {
  it.each([false, true])('equal the stock ops (removed edges: %s)', async (masked) => {
    await useBackend(backend);
    const [mine, stock, clamped] = tf.tidy(() => {
      const score = tf.randomNormal([E, H, d], 0, 2.5, 'float32', 3) as tf.Tensor3D;
      const v = tf.randomNormal([N, H, d], 0, 1, 'float32', 4) as tf.Tensor3D;
      const src = tf.randomUniform([E], 0, N, 'int32', 5) as tf.Tensor1D;
      const dst = tf.randomUniform([E], 0, N, 'int32', 6) as tf.Tensor1D;
      const mask = masked ? tf.cast(tf.greater(tf.randomUniform([E, 1], 0, 1, 'float32', 7), 0.3), 'float32') : null;
      const { attention } = attendNodesEval(score, v, src, dst, { numNodes: N, mask, vBias: null }, true);
      const logits = tf.sum(score, 2).dataSync();
      return [attention!.dataSync(), stockAttention(score, dst, mask), logits.filter((l) => Math.abs(l) > 5).length];
    });
    expect(clamped).toBeGreaterThan(0);
    expect(mine.length).toBe(E * H);
    if (masked) expect(mine.some((a) => a === 0)).toBe(true);
    mine.forEach((a, i) => expect(Math.abs(a - stock[i]), `edge ${i}`).toBeLessThan(1e-6));
  });
});
