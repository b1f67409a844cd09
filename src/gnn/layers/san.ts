/**
 * SAN layer (Kreuzer et al. 2021) in the sparse form every paper configuration used (docs/METHOD.md §3.1):
 * no full graph, no Laplacian PE, no gamma.
 *
 *   s, h_att = edgeAttention(h, E(e0))       (every layer reuses the fixed input edge embedding e0)
 *   h1 = BN1_h(h + O_h(dropout(h_att)));   h' = BN2_h(h1 + FFN_h(h1))
 * The score s only enters the output through sum_d s; edges are never updated.
 * With EBT this is the intended form (docs/DESIGN.md): the released code overwrote w with exp(c) (docs/METHOD.md §5.2).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../config';
import type { Params } from '../params';
import { edgeAttention, type GraphTensors } from './edgeAttention';
import type { FeatureAblationMask } from './featureAblation';
import { postAttention, type LayerContext, type LayerOutput } from './postAttention';

export function sanLayer(
  params: Params,
  index: number,
  config: ModelConfig,
  state: { h: tf.Tensor2D; e: tf.Tensor2D },
  graph: GraphTensors,
  context: LayerContext & { ablate?: FeatureAblationMask },
): LayerOutput {
  const prefix = `layers.${index}`;
  const att = edgeAttention(params, `${prefix}.attention`, 'E', config, state.h, state.e, graph, context);
  const h = postAttention(params, prefix, 'h', config, state.h, att.nodeAttn, context);
  return { h, e: state.e, capture: att };
}
