/**
 * A model = config + parameters, and its forward pass: encoders -> attention layers -> readout -> MLPReadout.
 *
 * forward(model, batch, {capture, ablation, training}) returns the output [graphs, targets] and, per layer when
 * capturing, edgeScore [E, D] (docs/METHOD.md §7), attention [E, H] and nodeAttn [N, D]. Call it inside tf.tidy (or
 * dispose the result): every returned tensor belongs to the caller.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphBatch } from '../data/graphBatch';
import { prepareBatch, type Ablation } from './ablation';
import { DATASET_INPUTS, type ModelConfig } from './config';
import type { GraphTensors } from './layers/edgeAttention';
import { featureAblationFor } from './layers/featureAblation';
import { graphitLayer } from './layers/graphit';
import { gtLayer } from './layers/gt';
import { sanLayer } from './layers/san';
import { segmentSum } from './messagePassing';
import { embed, linear, type BatchStat } from './ops';
import { initParams, type Params } from './params';

export interface Model {
  config: ModelConfig;
  params: Params;
}

export interface LayerCapture {
  edgeScore: tf.Tensor2D;
  attention: tf.Tensor2D;
  nodeAttn: tf.Tensor2D;
}

export interface ForwardOptions {
  capture?: boolean;
  ablation?: Ablation;
  training?: boolean;
  /** Seed of this step's dropout masks. */
  dropoutSeed?: number;
  /** Training forwards push BatchNorm batch statistics here. */
  statsSink?: BatchStat[];
  /**
   * Replaces the encoded inputs (h0 [N, D], e0 [E, D]) before the first layer: attribution methods take
   * gradients with respect to them or scale them.
   */
  embeddings?: (encoded: { h0: tf.Tensor2D; e0: tf.Tensor2D }) => { h0: tf.Tensor2D; e0: tf.Tensor2D };
}

export interface ForwardResult {
  /** [numGraphs, numTargets]: regression values or logits. */
  output: tf.Tensor2D;
  /** One entry per layer when capturing; rows beyond the input's edges/nodes belong to a virtual global node. */
  captures: LayerCapture[];
}

export function createModel(config: ModelConfig): Model {
  return { config, params: initParams(config) };
}

export function forward(model: Model, input: GraphBatch, options: ForwardOptions = {}): ForwardResult {
  const run = startForward(model, input, options);
  const captures: LayerCapture[] = [];
  for (let i = 0; i < model.config.layers; i++) {
    const capture = forwardLayer(model, run, i);
    if (capture) captures.push(capture);
  }
  return { output: finishForward(model, run), captures };
}

/**
 * A forward in progress, one layer at a time: forward() is startForward, forwardLayer for every layer in order,
 * then finishForward. A dataset scan runs layer by layer over several batches so that each layer's statistics can
 * start before the next layer is computed. Every tensor here belongs to the caller (or the enclosing tidy).
 */
export interface ForwardRun {
  /** The batch the layers see (with a global node's rows when the model has one). */
  batch: GraphBatch;
  graph: GraphTensors;
  options: ForwardOptions;
  /** Node and edge states after the layers run so far, and the encoded edges (SAN and GraphiT reread them). */
  h: tf.Tensor2D;
  e: tf.Tensor2D;
  e0: tf.Tensor2D;
}

export function startForward(model: Model, input: GraphBatch, options: ForwardOptions = {}): ForwardRun {
  const { config } = model;
  const prepared = prepareBatch(input, config.dataset, options.ablation, {
    globalNode: config.globalNode,
    randomBondTypes: config.randomBondTypes,
    seed: config.seed,
  });
  const { batch } = prepared;
  const graph: GraphTensors = {
    numNodes: batch.numNodes,
    src: tf.tensor1d(batch.src, 'int32'),
    dst: tf.tensor1d(batch.dst, 'int32'),
    edgeMask: prepared.edgeMask ? tf.tensor2d(prepared.edgeMask, [batch.numEdges, 1]) : null,
  };
  const encoded = {
    h0: encodeNodes(model, batch, prepared.trainedGlobal ? null : prepared.virtualNodes),
    e0: encodeEdges(model, batch, prepared.trainedGlobal ? null : prepared.virtualEdges),
  };
  const { h0, e0 } = options.embeddings ? options.embeddings(encoded) : encoded;
  return { batch, graph, options, h: h0, e: e0, e0 };
}

/** Runs layer i (the layers must run in order) and returns its capture when capturing. */
export function forwardLayer(model: Model, run: ForwardRun, i: number): LayerCapture | null {
  const { config, params } = model;
  const { options, batch } = run;
  const training = options.training ?? false;
  const capture = (options.capture ?? false) && !training;
  const layer = { gt: gtLayer, san: sanLayer, graphit: graphitLayer }[config.model];
  const ablate = options.ablation?.features
    ?.map((spec) => featureAblationFor(spec, i, batch.numEdges, config.hidden))
    .filter((f) => f !== undefined)
    .reduce<((s: tf.Tensor2D) => tf.Tensor2D) | undefined>((all, f) => (all ? (s) => f(all(s)) : f), undefined);
  const context = {
    training,
    statsSink: options.statsSink,
    capture,
    ablate,
    dropoutSeed: (options.dropoutSeed ?? 0) * 1000 + i * 10,
    isLast: i === config.layers - 1,
  };
  const state = { h: run.h, e: config.model === 'gt' ? run.e : run.e0 };
  const out = layer(params, i, config, state, run.graph, context);
  run.h = out.h;
  run.e = out.e;
  if (!capture) return null;
  return { edgeScore: out.capture.edgeScore, attention: out.capture.attention!, nodeAttn: out.capture.nodeAttn };
}

/** The readout after the last layer: [graphs, targets]. */
export function finishForward(model: Model, run: ForwardRun): tf.Tensor2D {
  return readout(model, run.h, run.batch);
}

/** Zeroes the rows of virtual (global-node) entries, which the model has no embedding for. */
const zeroVirtual = (x: tf.Tensor2D, virtual: Float32Array | null) =>
  virtual ? (tf.mul(x, tf.sub(1, tf.tensor2d(virtual, [virtual.length, 1]))) as tf.Tensor2D) : x;

function column(features: Int32Array, rows: number, width: number, index: number): tf.Tensor1D {
  return tf.tensor1d(
    width === 1 ? features : Int32Array.from({ length: rows }, (_, r) => features[r * width + index]),
    'int32',
  );
}

/**
 * Sums the per-column embeddings one by one: tfjs-webgpu 4.22's AddN does not split more than 8 inputs across
 * shader passes (maxStorageBuffersPerShaderStage) and silently returns zeros for TOX21's 9 atom columns.
 */
const sumColumns = (columns: tf.Tensor2D[]) => columns.reduce((sum, c) => tf.add(sum, c)) as tf.Tensor2D;

function encodeNodes(model: Model, batch: GraphBatch, virtual: Float32Array | null): tf.Tensor2D {
  const inputs = DATASET_INPUTS[model.config.dataset];
  const N = batch.numNodes;
  const width = inputs.nodeVocab.length;
  let h: tf.Tensor2D;
  if (inputs.encoder === 'ogb') {
    const columns = inputs.nodeVocab.map((_, i) =>
      embed(model.params, `atom_encoder.atom_embedding_list.${i}.weight`, column(batch.nodeFeatures, N, width, i)),
    );
    h = sumColumns(columns);
  } else {
    h = embed(model.params, 'embedding_h.weight', column(batch.nodeFeatures, N, width, 0));
    if (inputs.nodeValueWidth > 0)
      h = tf.add(
        h,
        linear(model.params, 'embedding_h_value', tf.tensor2d(batch.nodeValues, [N, inputs.nodeValueWidth])),
      );
  }
  return zeroVirtual(h, virtual);
}

function encodeEdges(model: Model, batch: GraphBatch, virtual: Float32Array | null): tf.Tensor2D {
  const inputs = DATASET_INPUTS[model.config.dataset];
  const E = batch.numEdges;
  // NoEdge GT reads no edge features: a zero edge state that no layer uses (input noise on it changes nothing).
  if (model.config.noEdge) return tf.zeros([E, model.config.hidden]);
  const width = inputs.edgeVocab.length;
  const e =
    inputs.encoder === 'ogb'
      ? sumColumns(
          inputs.edgeVocab.map((_, i) =>
            embed(
              model.params,
              `bond_encoder.bond_embedding_list.${i}.weight`,
              column(batch.edgeFeatures, E, width, i),
            ),
          ),
        )
      : embed(model.params, 'embedding_e.weight', column(batch.edgeFeatures, E, width, 0));
  return zeroVirtual(e as tf.Tensor2D, virtual);
}

/** Mean (GT) or sum (SAN, GraphiT) over each graph's nodes, then MLPReadout with ReLUs. */
function readout(model: Model, h: tf.Tensor2D, batch: GraphBatch): tf.Tensor2D {
  const graphOfNode = tf.tensor1d(batch.graphOfNode, 'int32');
  let pooled = segmentSum(h, graphOfNode, batch.numGraphs);
  if (model.config.readout === 'mean') {
    const counts = new Float32Array(batch.numGraphs);
    for (const g of batch.graphOfNode) counts[g]++;
    pooled = tf.div(
      pooled,
      tf.tensor2d(
        counts.map((c) => Math.max(c, 1)),
        [batch.numGraphs, 1],
      ),
    );
  }
  const hidden1 = tf.relu(linear(model.params, 'MLP_layer.FC_layers.0', pooled));
  const hidden2 = tf.relu(linear(model.params, 'MLP_layer.FC_layers.1', hidden1));
  return linear(model.params, 'MLP_layer.FC_layers.2', hidden2);
}

/** forward inside tf.tidy: only the returned tensors survive, and they belong to the caller. */
export function forwardTidy(model: Model, input: GraphBatch, options: ForwardOptions = {}): ForwardResult {
  const [output, ...rest] = tf.tidy(() => {
    const result = forward(model, input, options);
    return [result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])];
  });
  const captures: LayerCapture[] = [];
  for (let i = 0; i < rest.length; i += 3)
    captures.push({
      edgeScore: rest[i] as tf.Tensor2D,
      attention: rest[i + 1] as tf.Tensor2D,
      nodeAttn: rest[i + 2] as tf.Tensor2D,
    });
  return { output: output as tf.Tensor2D, captures };
}
