/**
 * The edge score's gradient in stock ops (fusedAttention.ts), which WebGPU uses under its WGSL forward
 * (kernels/edgeScoreWebgpu.ts), against the fused gradient kernel (kernels/edgeScore.ts) on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeScore } from '../../../src/gnn/fusedAttention';
import { EDGE_SCORE_GRAD } from '../../../src/gnn/kernels/edgeScore';
import { useStockOps } from '../../../src/gnn/kernels/run';
import { NODE_BACKENDS, useBackend } from '../helpers/backends';

const [N, E, H, d] = [5, 14, 2, 3];

function gradients(): Float32Array[] {
  return tf.tidy(() => {
    const q = tf.randomNormal([N, H, d], 0, 1, 'float32', 1) as tf.Tensor3D;
    const k = tf.randomNormal([N, H, d], 0, 1, 'float32', 2) as tf.Tensor3D;
    const p = tf.randomNormal([E, H, d], 0, 1, 'float32', 3) as tf.Tensor3D;
    const src = tf.randomUniform([E], 0, N, 'int32', 4) as tf.Tensor1D;
    const dst = tf.randomUniform([E], 0, N, 'int32', 5) as tf.Tensor1D;
    const upstream = tf.randomNormal([E, H, d], 0, 1, 'float32', 6);
    const loss = (qi: tf.Tensor, ki: tf.Tensor, pi: tf.Tensor) =>
      tf.sum(tf.mul(edgeScore(qi as tf.Tensor3D, ki as tf.Tensor3D, pi as tf.Tensor3D, src, dst, 1.7), upstream));
    return tf
      .grads(loss)([q, k, p])
      .map((g) => g.dataSync() as Float32Array);
  });
}

afterEach(() => useStockOps(false));

describe.each(NODE_BACKENDS)('the edge score gradient in stock ops on %s', (backend) => {
  it('equals the fused gradient kernel', async () => {
    await useBackend(backend);
    const fused = gradients();
    useStockOps([EDGE_SCORE_GRAD]);
    const stock = gradients();
    expect(stock.map((g) => g.length)).toEqual([N * H * d, N * H * d, E * H * d]);
    stock.forEach((g, i) =>
      g.forEach((v, j) => expect(Math.abs(v - fused[i][j]), `grad ${i}[${j}]`).toBeLessThan(1e-5)),
    );
    expect(fused[0].some((v) => v !== 0)).toBe(true);
  });
});
