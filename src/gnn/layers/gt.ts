/**
 * GraphTransformer layer with edge features (Dwivedi & Bresson 2021), as the paper ran it (docs/METHOD.md §2.2).
 *
 *   s, h_att = edgeAttention(h, P(e))                   (the edge stream e is updated every layer)
 *   h1 = BN1_h(h + O_h(dropout(h_att)));   h' = BN2_h(h1 + FFN_h(h1))
 *   e1 = BN1_e(e + O_e(dropout(s)));       e' = BN2_e(e1 + FFN_e(e1))
 * with FFN(x) = W2 dropout(relu(W1 x)); the residual additions only when config.residual.
 * So the logged score s (where MAs live) flows through O_e into the next layer's edge state.
 * NoEdge (config.noEdge, the v3 control, docs/METHOD.md §10.2): s = k[src] * q[dst] / sqrt(d), no P, no edge stream.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../config';
import type { Params } from '../params';
import { edgeAttention, type GraphTensors } from './edgeAttention';
import type { FeatureAblationMask } from './featureAblation';
import { postAttention, type LayerContext, type LayerOutput } from './postAttention';

export function gtLayer(
  params: Params,
  index: number,
  config: ModelConfig,
  state: { h: tf.Tensor2D; e: tf.Tensor2D },
  graph: GraphTensors,
  context: LayerContext & { ablate?: FeatureAblationMask; isLast: boolean },
): LayerOutput {
  const prefix = `layers.${index}`;
  const projection = config.noEdge ? null : 'proj_e';
  const att = edgeAttention(params, `${prefix}.attention`, projection, config, state.h, state.e, graph, context);
  const h = postAttention(params, `${prefix}`, 'h', config, state.h, att.nodeAttn, context);
  // The last layer's edge stream feeds nothing (its O_e, FFN_e and BN_e get no gradient in PyTorch either); NoEdge
  // GT has no edge stream at all.
  const e =
    context.isLast || config.noEdge
      ? state.e
      : postAttention(params, `${prefix}`, 'e', config, state.e, att.edgeScore, context);
  return { h, e, capture: att };
}
