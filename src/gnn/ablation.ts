/**
 * Ablations applied inside the forward pass, all combinable (docs/DESIGN.md, Ablation). Those that change the graph
 * (remove bonds, randomise bond types, add a global node) are resolved here, on the batch's typed arrays,
 * before any tensor exists; feature ablations run inside each layer (layers/featureAblation.ts).
 */
import type { GraphBatch } from '../data/graphBatch';
import { DATASET_INPUTS, GLOBAL_EDGE_TYPES, GLOBAL_NODE_TYPE, type DatasetName } from './config';
import type { FeatureAblationSpec } from './layers/featureAblation';
import { seededRandom } from './random';

export interface Ablation {
  /** Bonds (batch bond indices) whose two directed edges get zero attention weight. */
  removeBonds?: number[];
  /** Feature ablations on the layers' scores s. */
  features?: FeatureAblationSpec[];
  /** Replace every bond type by a uniform random valid type (the paper's ZINC ablation, docs/METHOD.md §10.2). */
  randomizeBondTypes?: { seed: number };
  /**
   * Add one virtual node per graph joined to every atom in both directions, with two new edge types
   * (docs/METHOD.md §10.2). A model trained without them has no embedding for the new node and edge types, so
   * their embeddings are zero vectors.
   */
  globalNode?: boolean;
}

/** Bond-type values a randomisation may draw, per dataset (column 0 of the edge features). */
const BOND_TYPE_VALUES: Record<DatasetName, number[]> = {
  zinc: [1, 2, 3],
  tox21: [0, 1, 2, 3], // single, double, triple, aromatic (OGB column 0)
  proteins: [0, 1, 2, 3, 4, 5],
};

export interface PreparedBatch {
  batch: GraphBatch;
  /** [numEdges]: 0 for removed edges, else 1; null when nothing is removed. */
  edgeMask: Float32Array | null;
  /** [numNodes] and [numEdges]: 1 for the virtual global node and its edges; null without one. */
  virtualNodes: Float32Array | null;
  virtualEdges: Float32Array | null;
  /** Nodes and edges of the original batch (the virtual ones are appended after them). */
  originalNodes: number;
  originalEdges: number;
  /** The virtual rows are real inputs (a model trained with its global node): typed, not zeroed. */
  trainedGlobal: boolean;
}

/** What a model's own config adds to every batch (docs/METHOD.md §10.2), before any ablation. */
export interface ModelInputs {
  globalNode?: boolean;
  randomBondTypes?: boolean;
  seed?: number;
}

export function prepareBatch(
  input: GraphBatch,
  dataset: DatasetName,
  ablation: Ablation = {},
  model: ModelInputs = {},
): PreparedBatch {
  let batch = model.randomBondTypes ? randomBondTypesPerGraph(input, dataset, model.seed ?? 0) : input;
  if (ablation.randomizeBondTypes) batch = randomizeBondTypes(batch, dataset, ablation.randomizeBondTypes.seed);
  let edgeMask: Float32Array | null = null;
  if (ablation.removeBonds?.length) {
    edgeMask = new Float32Array(batch.numEdges).fill(1);
    for (const bond of ablation.removeBonds) {
      if (!Number.isInteger(bond) || bond < 0 || bond >= batch.numBonds)
        throw new Error(
          batch.numBonds === 0
            ? `cannot remove bond ${bond}: the batch has no bonds`
            : `cannot remove bond ${bond}: the batch has bonds 0..${batch.numBonds - 1}`,
        );
      edgeMask[2 * bond] = edgeMask[2 * bond + 1] = 0;
    }
  }
  const prepared: PreparedBatch = {
    batch,
    edgeMask,
    virtualNodes: null,
    virtualEdges: null,
    originalNodes: input.numNodes,
    originalEdges: input.numEdges,
    trainedGlobal: model.globalNode ?? false,
  };
  return ablation.globalNode || model.globalNode ? addGlobalNodes(prepared) : prepared;
}

/**
 * The stored v3 code's random bond types, drawn once per molecule: an FNV-1a hash of the molecule's atoms and
 * bonds (with the model's seed) seeds its draw, so a molecule gets the same types in every batch, in training,
 * evaluation and the explorer, as the paper's one draw at dataset load gave.
 */
export function randomBondTypesPerGraph(batch: GraphBatch, dataset: DatasetName, seed: number): GraphBatch {
  const width = DATASET_INPUTS[dataset].edgeVocab.length;
  const nodeWidth = batch.spec.nodeVocab.length;
  const values = BOND_TYPE_VALUES[dataset];
  const edgeFeatures = batch.edgeFeatures.slice();
  for (let g = 0; g < batch.numGraphs; g++) {
    const [n0, n1, b0, b1] = [
      batch.nodeOffset[g],
      batch.nodeOffset[g + 1],
      batch.bondOffset[g],
      batch.bondOffset[g + 1],
    ];
    let hash = (0x811c9dc5 ^ seed) >>> 0;
    const mix = (x: number) => (hash = Math.imul(hash ^ (x & 0xffff), 0x01000193) >>> 0);
    for (let i = n0 * nodeWidth; i < n1 * nodeWidth; i++) mix(batch.nodeFeatures[i]);
    for (let bond = b0; bond < b1; bond++) {
      mix(batch.src[2 * bond] - n0);
      mix(batch.dst[2 * bond] - n0);
    }
    const random = seededRandom(hash);
    for (let bond = b0; bond < b1; bond++)
      edgeFeatures[2 * bond * width] = edgeFeatures[(2 * bond + 1) * width] = values[random.int(values.length)];
  }
  return { ...batch, edgeFeatures };
}

/** The random bond types a randomisation draws for bonds 0..numBonds-1 of a batch, in order. */
export function randomBondTypes(numBonds: number, dataset: DatasetName, seed: number): Int32Array {
  const values = BOND_TYPE_VALUES[dataset];
  const random = seededRandom(seed);
  return Int32Array.from({ length: numBonds }, () => values[random.int(values.length)]);
}

function randomizeBondTypes(batch: GraphBatch, dataset: DatasetName, seed: number): GraphBatch {
  const width = DATASET_INPUTS[dataset].edgeVocab.length;
  const types = randomBondTypes(batch.numBonds, dataset, seed);
  const edgeFeatures = batch.edgeFeatures.slice();
  types.forEach((type, bond) => (edgeFeatures[2 * bond * width] = edgeFeatures[(2 * bond + 1) * width] = type));
  return { ...batch, edgeFeatures };
}

/** Appends node N+g for each graph g and bonds (atom -> global, global -> atom) for each atom. */
function addGlobalNodes(prepared: PreparedBatch): PreparedBatch {
  const { batch } = prepared;
  const [N, B, E] = [batch.numNodes, batch.numGraphs, batch.numEdges];
  const nodeWidth = batch.spec.nodeVocab.length;
  const edgeWidth = batch.spec.edgeVocab.length;
  const newEdges = 2 * N;
  const grow = <T extends Int32Array | Float32Array | Uint8Array>(array: T, extra: number): T => {
    const out = new (array.constructor as new (n: number) => T)(array.length + extra);
    out.set(array);
    return out;
  };
  const src = grow(batch.src, newEdges);
  const dst = grow(batch.dst, newEdges);
  const graphOfEdge = grow(batch.graphOfEdge, newEdges);
  const bondOfEdge = grow(batch.bondOfEdge, newEdges);
  // A model trained with the global node reads its types (node 28, edges 4 and 5); otherwise ids 0 are placeholders
  // and the encoder zeroes the virtual rows' embeddings.
  const nodeFeatures = grow(batch.nodeFeatures, B * nodeWidth);
  const edgeFeatures = grow(batch.edgeFeatures, newEdges * edgeWidth);
  for (let atom = 0; atom < N; atom++) {
    const g = batch.graphOfNode[atom];
    const [toGlobal, fromGlobal] = [E + 2 * atom, E + 2 * atom + 1];
    src[toGlobal] = dst[fromGlobal] = atom;
    dst[toGlobal] = src[fromGlobal] = N + g;
    graphOfEdge[toGlobal] = graphOfEdge[fromGlobal] = g;
    bondOfEdge[toGlobal] = bondOfEdge[fromGlobal] = batch.numBonds + atom;
    if (prepared.trainedGlobal) {
      edgeFeatures[toGlobal * edgeWidth] = GLOBAL_EDGE_TYPES.toGlobal;
      edgeFeatures[fromGlobal * edgeWidth] = GLOBAL_EDGE_TYPES.fromGlobal;
    }
  }
  const graphOfNode = grow(batch.graphOfNode, B);
  for (let g = 0; g < B; g++) {
    graphOfNode[N + g] = g;
    if (prepared.trainedGlobal) nodeFeatures[(N + g) * nodeWidth] = GLOBAL_NODE_TYPE;
  }
  const virtualNodes = new Float32Array(N + B).fill(1, N);
  const virtualEdges = new Float32Array(E + newEdges).fill(1, E);
  const edgeMask = prepared.edgeMask ? grow(prepared.edgeMask, newEdges).fill(1, E) : null;
  return {
    ...prepared,
    edgeMask,
    virtualNodes,
    virtualEdges,
    batch: {
      ...batch,
      numNodes: N + B,
      numBonds: batch.numBonds + N,
      numEdges: E + newEdges,
      src,
      dst,
      graphOfEdge,
      bondOfEdge,
      graphOfNode,
      nodeFeatures,
      edgeFeatures,
      nodeValues: grow(batch.nodeValues, B * batch.spec.nodeValueWidth),
    },
  };
}
