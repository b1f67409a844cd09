/** The part of a layer after attention, for one stream (h or e): output projection, residual, BN, FFN, BN. */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../config';
import { batchNorm, dropout, linear, type NormContext } from '../ops';
import type { Params } from '../params';
import type { EdgeAttentionOutput } from './edgeAttention';

export interface LayerContext extends NormContext {
  capture: boolean;
  /** Seed for this layer's dropout masks. */
  dropoutSeed: number;
}

export interface LayerOutput {
  h: tf.Tensor2D;
  e: tf.Tensor2D;
  capture: EdgeAttentionOutput;
}

/** x' = BN2(x1 + FFN(x1)) with x1 = BN1(x + O(dropout(attended))), residuals per config (docs/METHOD.md §2.2). */
export function postAttention(
  params: Params,
  prefix: string,
  stream: 'h' | 'e',
  config: ModelConfig,
  input: tf.Tensor2D,
  attended: tf.Tensor2D,
  context: LayerContext,
): tf.Tensor2D {
  const { training, dropoutSeed } = context;
  const withResidual = (x: tf.Tensor2D, update: tf.Tensor2D) =>
    (config.residual ? tf.add(x, update) : update) as tf.Tensor2D;
  const projected = linear(params, `${prefix}.O_${stream}`, dropout(attended, config.dropout, training, dropoutSeed));
  const x1 = batchNorm(params, `${prefix}.batch_norm1_${stream}`, withResidual(input, projected), context);
  const hidden = dropout(
    tf.relu(linear(params, `${prefix}.FFN_${stream}_layer1`, x1)),
    config.dropout,
    training,
    dropoutSeed + 1,
  );
  const ffn = linear(params, `${prefix}.FFN_${stream}_layer2`, hidden);
  return batchNorm(params, `${prefix}.batch_norm2_${stream}`, withResidual(x1, ffn), context);
}
