/**
 * Which bonds matter for one output of one molecule (issue: attribution; METHOD.md §10.2). Per bond, signed so
 * that a positive value means the bond pushes the output up:
 * - occlusion:   f(G) - f(G without the bond)          (both directed edges removed)
 * - maAblation:  f(G) - f(G with the bond's massive features zeroed, or median-replaced, at every layer)
 * - gradInput:   sum over the bond's two edges and the features of e0 * df/de0
 * - integratedGradients: the same with the gradient averaged along e0 * alpha, alpha in (0, 1] (baseline: zero
 *   edge embedding; midpoint rule over `steps`), so the bonds' values sum to f(e0) - f(0) (completeness)
 * and node-level gradient x input and integrated gradients on h0, so atoms can be shaded too.
 * Occlusion and MA ablation run as one batched forward each: copy 0 is the molecule, copy k+1 lacks bond k.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { randomBondTypes, type Ablation } from '../gnn/ablation';
import { forward, type Model } from '../gnn/model';

export interface AttributionOptions {
  /** Output column to explain (a TOX21 task); 0 by default. */
  target?: number;
  /** Integrated-gradients steps (default 32). */
  steps?: number;
  /** MA threshold for the MA ablation (default 1000) and how ablated features are replaced. */
  threshold?: number;
  mode?: 'zero' | 'median';
  /** An ablation applied to every forward (e.g. all massive features removed), to attribute an ablated model. */
  baseAblation?: Ablation;
}

export interface Attribution {
  prediction: number;
  occlusion: Float32Array;
  maAblation: Float32Array;
  gradInput: Float32Array;
  integratedGradients: Float32Array;
  nodeGradInput: Float32Array;
  nodeIntegratedGradients: Float32Array;
  /** f(e0) - f(0) and f(h0) - f(0): what the integrated gradients should sum to. */
  edgeBaselineGap: number;
  nodeBaselineGap: number;
}

export async function attributeMolecule(
  model: Model,
  graph: Graph,
  spec: FeatureSpec,
  options: AttributionOptions = {},
): Promise<Attribution> {
  const target = options.target ?? 0;
  if (options.baseAblation?.globalNode)
    throw new Error(
      'attribution under a global-node ablation is not supported: its virtual bonds have no input embedding',
    );
  if (!(target >= 0 && target < spec.numTargets))
    throw new Error(`target ${target} is outside 0..${spec.numTargets - 1}`);
  // Bond types drawn once, on the molecule itself, so every copy below sees the same randomised types.
  const randomized = options.baseAblation?.randomizeBondTypes;
  const input = randomized
    ? withBondTypes(graph, randomBondTypes(graph.bondBegin.length, model.config.dataset, randomized.seed), spec)
    : graph;
  const base = options.baseAblation && { ...options.baseAblation, randomizeBondTypes: undefined };
  const numBonds = graph.bondBegin.length;
  const copies = await copyDifferences(model, input, spec, { ...options, baseAblation: base }, target);
  const gradients = await embeddingAttributions(model, input, spec, { ...options, baseAblation: base }, target);
  return {
    prediction: copies.prediction,
    occlusion: copies.occlusion,
    maAblation: copies.maAblation,
    gradInput: bondSums(gradients.edgeGradInput, numBonds),
    integratedGradients: bondSums(gradients.edgeIntegrated, numBonds),
    nodeGradInput: gradients.nodeGradInput,
    nodeIntegratedGradients: gradients.nodeIntegrated,
    edgeBaselineGap: gradients.edgeGap,
    nodeBaselineGap: gradients.nodeGap,
  };
}

/** Edges 2k and 2k+1 are bond k. */
export function bondSums(perEdge: Float32Array, numBonds: number): Float32Array {
  return Float32Array.from({ length: numBonds }, (_, k) => perEdge[2 * k] + perEdge[2 * k + 1]);
}

function withBondTypes(graph: Graph, types: Int32Array, spec: FeatureSpec): Graph {
  const width = spec.edgeVocab.length;
  const bondFeatures = graph.bondFeatures.slice();
  types.forEach((type, k) => (bondFeatures[k * width] = type));
  return { ...graph, bondFeatures };
}

/**
 * A one-molecule ablation for a batch of `copies` copies of the molecule: bond k and edge e of the molecule are
 * bond c*K + k and edge 2cK + e of copy c. (Bond-type randomisation is applied to the molecule beforehand.)
 */
export function replicateAblation(ablation: Ablation | undefined, numBonds: number, copies: number): Ablation {
  if (!ablation) return {};
  const each = <T>(f: (c: number) => T[]) => Array.from({ length: copies }, (_, c) => f(c)).flat();
  return {
    removeBonds: ablation.removeBonds && each((c) => ablation.removeBonds!.map((k) => c * numBonds + k)),
    features: ablation.features?.map((spec) => ({
      ...spec,
      edges: spec.edges && each((c) => spec.edges!.map((e) => 2 * c * numBonds + e)),
    })),
  };
}

const mergeAblations = (base: Ablation, extra: Ablation): Ablation => ({
  removeBonds: [...(base.removeBonds ?? []), ...(extra.removeBonds ?? [])],
  features: [...(base.features ?? []), ...(extra.features ?? [])],
});

/** One batch of K+1 copies per method: f(copy 0) - f(copy k+1) for occlusion and for MA ablation. */
async function copyDifferences(
  model: Model,
  graph: Graph,
  spec: FeatureSpec,
  options: AttributionOptions,
  target: number,
) {
  const K = graph.bondBegin.length;
  const batch = batchGraphs(new Array<Graph>(K + 1).fill(graph), spec);
  const bondInCopy = (k: number) => (k + 1) * K + k; // bond k of copy k+1, in batch bond numbering
  const removal: Ablation = { removeBonds: Array.from({ length: K }, (_, k) => bondInCopy(k)) };
  const maAblation: Ablation = {
    features: [
      {
        mode: options.mode ?? 'zero',
        threshold: options.threshold,
        edges: Array.from({ length: K }, (_, k) => [2 * bondInCopy(k), 2 * bondInCopy(k) + 1]).flat(),
      },
    ],
  };
  const run = async (ablation: Ablation) => {
    const output = tf.tidy(
      () =>
        forward(model, batch, { ablation: mergeAblations(replicateAblation(options.baseAblation, K, K + 1), ablation) })
          .output,
    );
    try {
      const values = await output.data();
      const width = output.shape[1];
      return Float32Array.from({ length: K + 1 }, (_, c) => values[c * width + target]);
    } finally {
      output.dispose();
    }
  };
  const removed = await run(removal);
  const ablated = await run(maAblation);
  return {
    prediction: removed[0],
    occlusion: Float32Array.from({ length: K }, (_, k) => removed[0] - removed[k + 1]),
    maAblation: Float32Array.from({ length: K }, (_, k) => ablated[0] - ablated[k + 1]),
  };
}

/** Gradient x input and integrated gradients with respect to e0 and to h0. */
async function embeddingAttributions(
  model: Model,
  graph: Graph,
  spec: FeatureSpec,
  options: AttributionOptions,
  target: number,
) {
  const steps = options.steps ?? 32;
  const ablation = options.baseAblation;
  const repeatedAblation = replicateAblation(ablation, graph.bondBegin.length, steps);
  const single = batchGraphs([graph], spec);
  const repeated = batchGraphs(new Array<Graph>(steps).fill(graph), spec);
  const [E, N] = [single.numEdges, single.numNodes];

  const result = tf.tidy(() => {
    let encoded: { h0: tf.Tensor2D; e0: tf.Tensor2D } | undefined;
    forward(model, single, { ablation, embeddings: (enc) => ((encoded = enc), enc) });
    const { h0, e0 } = encoded!;
    const outputOf = (out: tf.Tensor2D) => tf.sum(tf.slice(out, [0, target], [-1, 1])) as tf.Scalar;

    // gradient x input, per edge and per node: sum over features of x * df/dx
    const edgeGrad = tf.grad((x: tf.Tensor) =>
      outputOf(
        forward(model, single, { ablation, embeddings: (enc) => ({ h0: enc.h0, e0: x as tf.Tensor2D }) }).output,
      ),
    )(e0);
    const nodeGrad = tf.grad((x: tf.Tensor) =>
      outputOf(
        forward(model, single, { ablation, embeddings: (enc) => ({ h0: x as tf.Tensor2D, e0: enc.e0 }) }).output,
      ),
    )(h0);

    // integrated gradients: `steps` copies of the molecule, copy s at alpha = (s + 0.5) / steps
    const alphas = Float32Array.from({ length: steps }, (_, s) => (s + 0.5) / steps);
    const alphaRows = (rows: number) =>
      tf.tensor2d(
        Float32Array.from({ length: steps * rows }, (_, i) => alphas[Math.floor(i / rows)]),
        [steps * rows, 1],
      );
    const tiled = (x: tf.Tensor2D) => tf.tile(x, [steps, 1]) as tf.Tensor2D;
    const edgePath = tf.mul(alphaRows(E), tiled(e0)) as tf.Tensor2D;
    const nodePath = tf.mul(alphaRows(N), tiled(h0)) as tf.Tensor2D;
    // The width is given, not inferred: tfjs cannot infer it for a molecule without bonds (0 edges).
    const meanOverSteps = (g: tf.Tensor, rows: number) => tf.mean(tf.reshape(g, [steps, rows, g.shape[1]!]), 0);
    const edgeIgGrad = tf.grad((x: tf.Tensor) =>
      outputOf(
        forward(model, repeated, {
          ablation: repeatedAblation,
          embeddings: (enc) => ({ h0: enc.h0, e0: x as tf.Tensor2D }),
        }).output,
      ),
    )(edgePath);
    const nodeIgGrad = tf.grad((x: tf.Tensor) =>
      outputOf(
        forward(model, repeated, {
          ablation: repeatedAblation,
          embeddings: (enc) => ({ h0: x as tf.Tensor2D, e0: enc.e0 }),
        }).output,
      ),
    )(nodePath);

    // the baseline gaps f(x) - f(0) that integrated gradients must add up to
    const full = outputOf(forward(model, single, { ablation }).output);
    const noEdges = outputOf(
      forward(model, single, { ablation, embeddings: (enc) => ({ h0: enc.h0, e0: tf.zerosLike(enc.e0) }) }).output,
    );
    const noNodes = outputOf(
      forward(model, single, { ablation, embeddings: (enc) => ({ h0: tf.zerosLike(enc.h0), e0: enc.e0 }) }).output,
    );
    return [
      tf.sum(tf.mul(e0, edgeGrad), 1),
      tf.sum(tf.mul(h0, nodeGrad), 1),
      tf.sum(tf.mul(e0, meanOverSteps(edgeIgGrad, E)), 1),
      tf.sum(tf.mul(h0, meanOverSteps(nodeIgGrad, N)), 1),
      tf.sub(full, noEdges),
      tf.sub(full, noNodes),
    ];
  });
  try {
    const [edgeGradInput, nodeGradInput, edgeIntegrated, nodeIntegrated, edgeGap, nodeGap] = await Promise.all(
      result.map((t) => t.data()),
    );
    return {
      edgeGradInput: edgeGradInput as Float32Array,
      nodeGradInput: nodeGradInput as Float32Array,
      edgeIntegrated: edgeIntegrated as Float32Array,
      nodeIntegrated: nodeIntegrated as Float32Array,
      edgeGap: edgeGap[0],
      nodeGap: nodeGap[0],
    };
  } finally {
    tf.dispose(result);
  }
}
