/**
 * The sparse edge-featured attention shared by GT, SAN and GraphiT (docs/METHOD.md §2.2 steps 1-5, §3.1, §5.1).
 *
 *   q, k, v = Q(h), K(h), V(h)                        [N, H, d]
 *   p       = P(e)                                    [E, H, d]   (P is proj_e in GT, E in SAN/GraphiT)
 *   s       = k[src] * q[dst] / sqrt(d) * p           [E, H, d]   per-dimension score, nothing summed yet
 *   EBT:  s += (q[dst] · k_bias / sqrt(d)) * e_bias   (a dst-dependent additive term), v[src] += v_bias
 *   w       = exp(clamp(sum_d s, -5, 5))              [E, H]      no max subtracted
 *   h_att   = segsum(w * v[src], dst) / (segsum(w, dst) + 1e-6)   [N, H, d]
 *
 * `s` reshaped to [E, D] (head-major) is the logged edge activation (edgeScore) in which MAs are measured.
 *
 * NoEdge GT (edgeProjection null, docs/METHOD.md §10.2): s = k[src] * q[dst] / sqrt(d), no edge term; the paper logs
 * only h_att for it, we capture s too so both kinds of GT are measured the same way.
 *
 * ebtForm "paper" (SAN/GraphiT only, docs/METHOD.md §5.2): the released code's second exp overwrites w, so
 *   w = exp(clamp(c, -5, 5)),  c = q[dst] · k_bias / sqrt(d)       [E, H]   the same for every edge into a node
 * and h_att is the uniform mean of v[src] + v_bias per destination (up to the +1e-6); s is still captured.
 */
import * as tf from '@tensorflow/tfjs-core';
import { headDim, type ModelConfig } from '../config';
import { aggregateAtNodes, clampedExp, gatherEdges, normalisedAggregate } from '../messagePassing';
import {
  attendNodes,
  attendNodesEval,
  edgeScore,
  fusedAttentionAvailable,
  fusedEdgeScoreOnGpu,
} from '../fusedAttention';
import { nativeKernelsActive } from '../kernels/native';
import { linear } from '../ops';
import { param, type Params } from '../params';
import type { FeatureAblationMask } from './featureAblation';

export interface GraphTensors {
  numNodes: number;
  src: tf.Tensor1D;
  dst: tf.Tensor1D;
  /** [E, 1]: 0 for removed edges (their weight is zeroed), 1 otherwise; null when nothing is removed. */
  edgeMask: tf.Tensor2D | null;
}

export interface EdgeAttentionOutput {
  /** [E, D]: the score s after any feature ablation (this is what flows on). */
  edgeScore: tf.Tensor2D;
  /** [N, D]: the normalised attention output. */
  nodeAttn: tf.Tensor2D;
  /** [E, H]: w / (sum of w into dst + 1e-6), only when captured. */
  attention: tf.Tensor2D | null;
}

export function edgeAttention(
  params: Params,
  prefix: string,
  edgeProjection: 'proj_e' | 'E' | null,
  config: ModelConfig,
  h: tf.Tensor2D,
  e: tf.Tensor2D,
  graph: GraphTensors,
  options: { ablate?: FeatureAblationMask; capture: boolean; training?: boolean },
): EdgeAttentionOutput {
  const [H, d] = [config.heads, headDim(config)];
  const [N, E] = [h.shape[0], e.shape[0]];
  const heads = (x: tf.Tensor2D, rows: number) => tf.reshape(x, [rows, H, d]) as tf.Tensor3D;

  // project
  const q = heads(linear(params, `${prefix}.Q`, h), N);
  const k = heads(linear(params, `${prefix}.K`, h), N);
  const v = heads(linear(params, `${prefix}.V`, h), N);
  const p = edgeProjection ? heads(linear(params, `${prefix}.${edgeProjection}`, e), E) : null;

  // message: per-dimension score
  // Fused kernels in training, and in an eval forward (scans, captures) only when they are native: there the
  // TypeScript kernels measured as fast as the stock ops or slower (scripts/bench/fusedAB.ts).
  const paperForm = config.ebt && config.ebtForm === 'paper';
  const fusedWanted = (options.training ?? false) || nativeKernelsActive();
  const fused = fusedWanted && fusedAttentionAvailable() && !paperForm && p !== null;
  // On WebGPU the edge score alone is one WGSL program; the aggregation stays stock.
  const fusedScore = fused || (fusedEdgeScoreOnGpu() && !paperForm && p !== null);
  const scale = Math.sqrt(d);
  const qDst = config.ebt || !fusedScore ? gatherEdges(q, graph.dst) : null;
  const keyQuery = () => tf.div(tf.mul(gatherEdges(k, graph.src), qDst!), scale) as tf.Tensor3D;
  let score = fusedScore
    ? edgeScore(q, k, p!, graph.src, graph.dst, scale)
    : p
      ? (tf.mul(keyQuery(), p) as tf.Tensor3D)
      : keyQuery();
  let vBias: tf.Tensor | null = null;
  // The logit's source: s itself, or in the paper's SAN/GraphiT EBT the bias term c alone ([E, H, 1], summed to c).
  let logitSource: tf.Tensor3D | null = null;
  if (config.ebt) {
    const kBias = param(params, `${prefix}.k_bias`); // [H, d]
    const c = tf.div(tf.sum(tf.mul(qDst!, kBias), 2, true), scale) as tf.Tensor3D; // [E, H, 1]
    if (paperForm) logitSource = c;
    score = tf.add(score, tf.mul(c, param(params, `${prefix}.e_bias`))) as tf.Tensor3D;
    vBias = param(params, `${prefix}.v_bias`);
  }
  let edgeScoreOut = tf.reshape(score, [E, H * d]) as tf.Tensor2D;
  if (options.ablate) {
    edgeScoreOut = options.ablate(edgeScoreOut);
    score = heads(edgeScoreOut, E);
  }

  // aggregate: clamped-exp weights, normalised sum at the destination
  const attend = { numNodes: N, mask: graph.edgeMask, vBias };
  let attention: tf.Tensor2D | null = null;
  let aggregated: tf.Tensor;
  if (fused && !options.training) {
    ({ out: aggregated, attention } = attendNodesEval(score, v, graph.src, graph.dst, attend, options.capture));
  } else {
    aggregated = fused
      ? attendNodes(score, v, graph.src, graph.dst, attend)
      : stockAggregate(logitSource ?? score, v, vBias, graph);
    if (options.capture) attention = stockAttention(logitSource ?? score, graph);
  }
  const nodeAttn = tf.reshape(aggregated, [N, H * d]) as tf.Tensor2D;
  return { edgeScore: edgeScoreOut, nodeAttn, attention };
}

/** The stock-op path (WebGPU, and the reference the fused kernels are tested against). */
function edgeWeights(score: tf.Tensor3D, graph: GraphTensors): tf.Tensor2D {
  const weights = clampedExp(tf.sum(score, 2)) as tf.Tensor2D;
  return graph.edgeMask ? (tf.mul(weights, graph.edgeMask) as tf.Tensor2D) : weights;
}

function stockAggregate(score: tf.Tensor3D, v: tf.Tensor3D, vBias: tf.Tensor | null, graph: GraphTensors) {
  let vSrc = gatherEdges(v, graph.src);
  if (vBias) vSrc = tf.add(vSrc, vBias) as tf.Tensor3D;
  return normalisedAggregate(edgeWeights(score, graph), vSrc, graph.dst, graph.numNodes);
}

function stockAttention(score: tf.Tensor3D, graph: GraphTensors): tf.Tensor2D {
  const weights = edgeWeights(score, graph);
  const totals = aggregateAtNodes(weights, graph.dst, graph.numNodes);
  return tf.div(weights, tf.add(gatherEdges(totals, graph.dst), 1e-6)) as tf.Tensor2D;
}
