/**
 * The attention's message passing as fused kernels with their gradients (kernels/edgeScore.ts,
 * kernels/attendNodes.ts), where the active backend has them (cpu and wasm). Elsewhere (WebGPU) the layers use the
 * stock-op path of messagePassing.ts, which computes the same values and is what the tests compare against.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ATTEND_NODES, ATTEND_NODES_GRAD } from './kernels/attendNodes';
import { ATTENTION_WEIGHTS } from './kernels/attentionWeights';
import { EDGE_SCORE, EDGE_SCORE_GRAD } from './kernels/edgeScore';
import { hasFusedKernel, runOurKernel } from './kernels/run';
import { aggregateAtNodes, gatherEdges } from './messagePassing';

export function fusedAttentionAvailable(): boolean {
  return hasFusedKernel(ATTEND_NODES);
}

/** True where the edge score alone has a fused kernel: WebGPU (kernels/edgeScoreWebgpu.ts), whose stock ops it replaces. */
export function fusedEdgeScoreOnGpu(): boolean {
  return tf.getBackend() === 'webgpu' && hasFusedKernel(EDGE_SCORE);
}

const run = runOurKernel;

/** s = k[src] * q[dst] / scale * p: q, k [N, H, d], p [E, H, d] -> [E, H, d]. */
export function edgeScore(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  p: tf.Tensor3D,
  src: tf.Tensor1D,
  dst: tf.Tensor1D,
  scale: number,
): tf.Tensor3D {
  const op = tf.customGrad((...args) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [qi, ki, pi, si, di] = args as tf.Tensor[];
    const inputs = { q: qi, k: ki, p: pi, src: si, dst: di };
    save([qi, ki, pi, si, di]);
    return {
      value: run(EDGE_SCORE, inputs, { scale })[0],
      gradFunc: (ds, saved) => {
        const [qs, ks, ps, ss, dd] = saved;
        const grads = hasFusedKernel(EDGE_SCORE_GRAD)
          ? run(EDGE_SCORE_GRAD, { ds: ds as tf.Tensor, q: qs, k: ks, p: ps, src: ss, dst: dd }, { scale })
          : edgeScoreGradStock(ds as tf.Tensor, qs, ks, ps, ss as tf.Tensor1D, dd as tf.Tensor1D, scale);
        return [...grads, tf.zerosLike(ss), tf.zerosLike(dd)];
      },
    };
  });
  return op(q, k, p, src, dst) as tf.Tensor3D;
}

/** The edge score's gradient in stock ops, where the backend has only its forward kernel (WebGPU). */
function edgeScoreGradStock(
  ds: tf.Tensor,
  q: tf.Tensor,
  k: tf.Tensor,
  p: tf.Tensor,
  src: tf.Tensor1D,
  dst: tf.Tensor1D,
  scale: number,
): tf.Tensor[] {
  const [kSrc, qDst] = [gatherEdges(k, src), gatherEdges(q, dst)];
  const t = tf.div(tf.mul(ds, p), scale);
  return [
    aggregateAtNodes(tf.mul(t, kSrc), dst, q.shape[0]),
    aggregateAtNodes(tf.mul(t, qDst), src, k.shape[0]),
    tf.mul(ds, tf.div(tf.mul(kSrc, qDst), scale)),
  ];
}

export interface AttendOptions {
  numNodes: number;
  /** [E, 1]: 0 for removed edges. No gradient flows to it. */
  mask: tf.Tensor | null;
  /** [H, d]: EBT's value bias, added to every gathered value. */
  vBias: tf.Tensor | null;
}

/** out[i] = sum_{e->i} w_e (v[src_e] + vBias) / (sum_{e->i} w_e + 1e-6), w = exp(clamp(sum_d s, ±5)) * mask. */
export function attendNodes(
  score: tf.Tensor3D,
  v: tf.Tensor3D,
  src: tf.Tensor1D,
  dst: tf.Tensor1D,
  { numNodes, mask, vBias }: AttendOptions,
): tf.Tensor3D {
  const names = ['score', 'v', 'src', 'dst', ...(mask ? ['mask'] : []), ...(vBias ? ['vBias'] : [])];
  const attrs = { numNodes };
  const op = tf.customGrad((...args) => {
    const save = args.pop() as tf.GradSaveFunc;
    const inputs = Object.fromEntries(names.map((n, i) => [n, args[i] as tf.Tensor]));
    const [out, den] = run(ATTEND_NODES, inputs, attrs);
    save([...(args as tf.Tensor[]), out, den]);
    return {
      value: out,
      gradFunc: (dy, saved) => {
        const given = Object.fromEntries(names.map((n, i) => [n, saved[i]]));
        const [o, dn] = saved.slice(names.length);
        const [dScore, dv, dvBias] = run(
          ATTEND_NODES_GRAD,
          { ...given, dy: dy as tf.Tensor, out: o, den: dn },
          attrs,
        ) as tf.Tensor[];
        const grads: Record<string, tf.Tensor> = { score: dScore, v: dv, vBias: dvBias };
        return names.map((n) => grads[n] ?? tf.zerosLike(given[n]));
      },
    };
  });
  return op(score, v, src, dst, ...(mask ? [mask] : []), ...(vBias ? [vBias] : [])) as tf.Tensor3D;
}

/**
 * attendNodes without a gradient (eval forwards), with the attention of every edge when `capture` asks for it:
 * w / den[dst], [E, H], from the aggregation's own denominators (kernels/attentionWeights.ts).
 */
export function attendNodesEval(
  score: tf.Tensor3D,
  v: tf.Tensor3D,
  src: tf.Tensor1D,
  dst: tf.Tensor1D,
  { numNodes, mask, vBias }: AttendOptions,
  capture: boolean,
): { out: tf.Tensor3D; attention: tf.Tensor2D | null } {
  const given = { score, v, src, dst, ...(mask ? { mask } : {}), ...(vBias ? { vBias } : {}) };
  const [out, den] = run(ATTEND_NODES, given, { numNodes });
  const attention = capture
    ? (run(ATTENTION_WEIGHTS, { score, dst, den, ...(mask ? { mask } : {}) })[0] as tf.Tensor2D)
    : null;
  return { out: out as tf.Tensor3D, attention };
}
