/**
 * Which bonds matter for one output of one molecule (issue: attribution; docs/METHOD.md §10.2). Per bond, signed so
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
  /**
   * Which methods to compute (default both parts): 'ablation' is occlusion and MA ablation (two batched forwards),
   * 'gradients' is gradient x input and integrated gradients, on bonds and atoms (the costly part). The methods of
   * a part left out come back as NaN, so a caller can compute the method it shows first.
   */
  parts?: AttributionPart[];
}

export type AttributionPart = 'ablation' | 'gradients';

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
  const wanted = (part: AttributionPart) => !options.parts || options.parts.includes(part);
  const copies = wanted('ablation')
    ? await copyDifferences(model, input, spec, { ...options, baseAblation: base }, target)
    : null;
  const gradients = wanted('gradients')
    ? await embeddingAttributions(model, input, spec, { ...options, baseAblation: base }, target)
    : null;
  const none = (length: number) => new Float32Array(length).fill(NaN);
  return {
    prediction: copies?.prediction ?? gradients?.prediction ?? NaN,
    occlusion: copies?.occlusion ?? none(numBonds),
    maAblation: copies?.maAblation ?? none(numBonds),
    gradInput: gradients ? bondSums(gradients.edgeGradInput, numBonds) : none(numBonds),
    integratedGradients: gradients ? bondSums(gradients.edgeIntegrated, numBonds) : none(numBonds),
    nodeGradInput: gradients?.nodeGradInput ?? none(graph.numNodes),
    nodeIntegratedGradients: gradients?.nodeIntegrated ?? none(graph.numNodes),
    edgeBaselineGap: gradients?.edgeGap ?? NaN,
    nodeBaselineGap: gradients?.nodeGap ?? NaN,
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

/**
 * Rows (edges plus nodes, over all copies) one batched forward may hold. Occlusion and MA ablation need K+1 copies
 * of a K-bond molecule and integrated gradients `steps` copies, so one batch grows with bonds squared (a 150-atom
 * chain took 4.3 GB); the copies run in chunks of at most this many rows instead.
 */
export const MAX_BATCH_ROWS = 6_000;

/** Copies per chunk for a graph of `rows` edges and nodes (at least one). */
export function copiesPerChunk(rows: number, budget = MAX_BATCH_ROWS): number {
  return Math.max(1, Math.floor(budget / Math.max(1, rows)));
}

/** f(copy 0) - f(copy k+1) for occlusion and for MA ablation; copy k+1 lacks bond k (or its massive features). */
async function copyDifferences(
  model: Model,
  graph: Graph,
  spec: FeatureSpec,
  options: AttributionOptions,
  target: number,
) {
  const K = graph.bondBegin.length;
  const perChunk = copiesPerChunk(2 * K + graph.numNodes);
  // Outputs of copies first..first+count-1 (copy c > 0 changes bond c-1), one forward per chunk.
  const run = async (change: 'remove' | 'ablate', first: number, count: number) => {
    const batch = batchGraphs(new Array<Graph>(count).fill(graph), spec);
    const changed = Array.from({ length: count }, (_, j) => first + j)
      .filter((c) => c > 0)
      .map((c) => (c - first) * K + (c - 1)); // bond c-1 of chunk copy c-first, in batch bond numbering
    const ablation: Ablation =
      change === 'remove'
        ? { removeBonds: changed }
        : {
            features: [
              {
                mode: options.mode ?? 'zero',
                threshold: options.threshold,
                edges: changed.flatMap((bond) => [2 * bond, 2 * bond + 1]),
              },
            ],
          };
    const output = tf.tidy(
      () =>
        forward(model, batch, {
          ablation: mergeAblations(replicateAblation(options.baseAblation, K, count), ablation),
        }).output,
    );
    try {
      const values = await output.data();
      const width = output.shape[1];
      return Float32Array.from({ length: count }, (_, j) => values[j * width + target]);
    } finally {
      output.dispose();
    }
  };
  const all = async (change: 'remove' | 'ablate') => {
    const out = new Float32Array(K + 1);
    for (let first = 0; first <= K; first += perChunk)
      out.set(await run(change, first, Math.min(perChunk, K + 1 - first)), first);
    return out;
  };
  const removed = await all('remove');
  const ablated = await all('ablate');
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
  const single = batchGraphs([graph], spec);
  const outputOf = (out: tf.Tensor2D) => tf.sum(tf.slice(out, [0, target], [-1, 1])) as tf.Scalar;
  const embeddings = () => {
    let encoded: { h0: tf.Tensor2D; e0: tf.Tensor2D } | undefined;
    forward(model, single, { ablation, embeddings: (enc) => ((encoded = enc), enc) });
    return encoded!;
  };

  const result = tf.tidy(() => {
    const { h0, e0 } = embeddings();
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
      tf.sub(full, noEdges),
      tf.sub(full, noNodes),
      full,
    ];
  });
  let gradients;
  try {
    gradients = await Promise.all(result.map((t) => t.data()));
  } finally {
    tf.dispose(result);
  }
  const [edgeGradInput, nodeGradInput, edgeGap, nodeGap, full] = gradients;
  const integrated = await integratedGradients(model, graph, spec, { ablation, steps, target, embeddings, outputOf });
  return {
    prediction: full[0],
    edgeGradInput: edgeGradInput as Float32Array,
    nodeGradInput: nodeGradInput as Float32Array,
    edgeIntegrated: integrated.edges,
    nodeIntegrated: integrated.nodes,
    edgeGap: edgeGap[0],
    nodeGap: nodeGap[0],
  };
}

/**
 * Integrated gradients on e0 and h0: copy s of the molecule at alpha = (s + 0.5) / steps (midpoint rule), the
 * gradient averaged over the copies. The copies run in chunks of at most MAX_BATCH_ROWS rows, and each chunk's
 * sum over its copies is added up, so memory stays bounded whatever the molecule's size and the step count.
 */
async function integratedGradients(
  model: Model,
  graph: Graph,
  spec: FeatureSpec,
  run: {
    ablation: Ablation | undefined;
    steps: number;
    target: number;
    embeddings: () => { h0: tf.Tensor2D; e0: tf.Tensor2D };
    outputOf: (out: tf.Tensor2D) => tf.Scalar;
  },
): Promise<{ edges: Float32Array; nodes: Float32Array }> {
  const { steps, outputOf } = run;
  const E = 2 * graph.bondBegin.length;
  const N = graph.numNodes;
  const perChunk = copiesPerChunk(E + N);
  const edges = new Float32Array(E);
  const nodes = new Float32Array(N);
  for (let first = 0; first < steps; first += perChunk) {
    const count = Math.min(perChunk, steps - first);
    const repeated = batchGraphs(new Array<Graph>(count).fill(graph), spec);
    const repeatedAblation = replicateAblation(run.ablation, graph.bondBegin.length, count);
    const parts = tf.tidy(() => {
      const { h0, e0 } = run.embeddings();
      const alphaRows = (rows: number) =>
        tf.tensor2d(
          Float32Array.from({ length: count * rows }, (_, i) => (first + Math.floor(i / rows) + 0.5) / steps),
          [count * rows, 1],
        );
      const tiled = (x: tf.Tensor2D) => tf.tile(x, [count, 1]) as tf.Tensor2D;
      // The width is given, not inferred: tfjs cannot infer it for a molecule without bonds (0 edges).
      const sumOverCopies = (g: tf.Tensor, rows: number) => tf.sum(tf.reshape(g, [count, rows, g.shape[1]!]), 0);
      const edgeIgGrad = tf.grad((x: tf.Tensor) =>
        outputOf(
          forward(model, repeated, {
            ablation: repeatedAblation,
            embeddings: (enc) => ({ h0: enc.h0, e0: x as tf.Tensor2D }),
          }).output,
        ),
      )(tf.mul(alphaRows(E), tiled(e0)));
      const nodeIgGrad = tf.grad((x: tf.Tensor) =>
        outputOf(
          forward(model, repeated, {
            ablation: repeatedAblation,
            embeddings: (enc) => ({ h0: x as tf.Tensor2D, e0: enc.e0 }),
          }).output,
        ),
      )(tf.mul(alphaRows(N), tiled(h0)));
      return [tf.sum(tf.mul(e0, sumOverCopies(edgeIgGrad, E)), 1), tf.sum(tf.mul(h0, sumOverCopies(nodeIgGrad, N)), 1)];
    });
    try {
      const [edgePart, nodePart] = await Promise.all(parts.map((t) => t.data()));
      edgePart.forEach((v, i) => (edges[i] += v / steps));
      nodePart.forEach((v, i) => (nodes[i] += v / steps));
    } finally {
      tf.dispose(parts);
    }
  }
  return { edges, nodes };
}
