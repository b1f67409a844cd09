/**
 * GraphBatch: many graphs packed as one block-diagonal graph of typed arrays (docs/DESIGN.md, Contracts).
 *
 * Every bond k of the batch becomes two directed edges: 2k (begin -> end) and 2k+1 (end -> begin), both with
 * the bond's features. Every index is validated here, because tfjs's gather returns 0 for a bad index silently.
 */
import { GraphValidationError, type FeatureSpec, type Graph } from './graph';

export interface GraphBatch {
  spec: FeatureSpec;
  numGraphs: number;
  numNodes: number;
  numBonds: number;
  numEdges: number;
  /** Directed edges: a message flows src[e] -> dst[e]. */
  src: Int32Array;
  dst: Int32Array;
  /** bondOfEdge[e] = floor(e / 2), kept explicit for readers of the contract. */
  bondOfEdge: Int32Array;
  graphOfNode: Int32Array;
  graphOfEdge: Int32Array;
  /** First node and first bond of each graph, with a final entry for the totals: [numGraphs + 1]. */
  nodeOffset: Int32Array;
  bondOffset: Int32Array;
  /** [numNodes * nodeVocab.length] and [numEdges * edgeVocab.length]. */
  nodeFeatures: Int32Array;
  edgeFeatures: Int32Array;
  nodeValues: Float32Array;
  /** [numGraphs * numTargets], NaN where missing, and the matching 0/1 mask. */
  targets: Float32Array;
  targetMask: Uint8Array;
}

export function validateGraph(graph: Graph, spec: FeatureSpec, where = 'graph'): void {
  const fail = (message: string) => {
    throw new GraphValidationError(`${where}: ${message}`);
  };
  const { numNodes, bondBegin, bondEnd } = graph;
  if (!Number.isInteger(numNodes) || numNodes < 0) fail(`node count ${numNodes} is not a non-negative integer`);
  if (bondBegin.length !== bondEnd.length) fail('bondBegin and bondEnd differ in length');
  for (let k = 0; k < bondBegin.length; k++) {
    const [a, b] = [bondBegin[k], bondEnd[k]];
    if (!(a >= 0 && a < numNodes && b >= 0 && b < numNodes))
      fail(`bond ${k} joins ${a} and ${b}, outside 0..${numNodes - 1}`);
    if (a === b) fail(`bond ${k} joins atom ${a} to itself`);
  }
  checkColumns(graph.nodeFeatures, numNodes, spec.nodeVocab, 'node', fail);
  checkColumns(graph.bondFeatures, bondBegin.length, spec.edgeVocab, 'bond', fail);
  if (graph.nodeValues.length !== numNodes * spec.nodeValueWidth)
    fail(`nodeValues has ${graph.nodeValues.length} entries, expected ${numNodes * spec.nodeValueWidth}`);
  if (graph.target.length !== spec.numTargets || graph.targetMask.length !== spec.numTargets)
    fail(`expected ${spec.numTargets} targets and mask entries`);
}

function checkColumns(
  values: Int32Array,
  rows: number,
  vocab: readonly number[],
  what: string,
  fail: (message: string) => void,
): void {
  const width = vocab.length;
  if (values.length !== rows * width) fail(`${what} features have ${values.length} entries, expected ${rows * width}`);
  for (let i = 0; i < values.length; i++) {
    const column = i % width;
    if (!(values[i] >= 0 && values[i] < vocab[column]))
      fail(`${what} ${Math.floor(i / width)} feature ${column} is ${values[i]}, outside [0, ${vocab[column]})`);
  }
}

export function batchGraphs(graphs: readonly Graph[], spec: FeatureSpec): GraphBatch {
  graphs.forEach((graph, g) => validateGraph(graph, spec, `graph ${g} of the batch`));
  const numGraphs = graphs.length;
  const nodeOffset = new Int32Array(numGraphs + 1);
  const bondOffset = new Int32Array(numGraphs + 1);
  graphs.forEach((graph, g) => {
    nodeOffset[g + 1] = nodeOffset[g] + graph.numNodes;
    bondOffset[g + 1] = bondOffset[g] + graph.bondBegin.length;
  });
  const numNodes = nodeOffset[numGraphs];
  const numBonds = bondOffset[numGraphs];
  const numEdges = 2 * numBonds;
  const [nodeWidth, edgeWidth] = [spec.nodeVocab.length, spec.edgeVocab.length];

  const batch: GraphBatch = {
    spec,
    numGraphs,
    numNodes,
    numBonds,
    numEdges,
    src: new Int32Array(numEdges),
    dst: new Int32Array(numEdges),
    bondOfEdge: new Int32Array(numEdges),
    graphOfNode: new Int32Array(numNodes),
    graphOfEdge: new Int32Array(numEdges),
    nodeOffset,
    bondOffset,
    nodeFeatures: new Int32Array(numNodes * nodeWidth),
    edgeFeatures: new Int32Array(numEdges * edgeWidth),
    nodeValues: new Float32Array(numNodes * spec.nodeValueWidth),
    targets: new Float32Array(numGraphs * spec.numTargets),
    targetMask: new Uint8Array(numGraphs * spec.numTargets),
  };

  graphs.forEach((graph, g) => {
    const [n0, b0] = [nodeOffset[g], bondOffset[g]];
    batch.graphOfNode.fill(g, n0, n0 + graph.numNodes);
    batch.nodeFeatures.set(graph.nodeFeatures, n0 * nodeWidth);
    batch.nodeValues.set(graph.nodeValues, n0 * spec.nodeValueWidth);
    batch.targets.set(graph.target, g * spec.numTargets);
    batch.targetMask.set(graph.targetMask, g * spec.numTargets);
    for (let k = 0; k < graph.bondBegin.length; k++) {
      const bond = b0 + k;
      const [forward, backward] = [2 * bond, 2 * bond + 1];
      const [a, b] = [n0 + graph.bondBegin[k], n0 + graph.bondEnd[k]];
      batch.src[forward] = a;
      batch.dst[forward] = b;
      batch.src[backward] = b;
      batch.dst[backward] = a;
      batch.bondOfEdge[forward] = batch.bondOfEdge[backward] = bond;
      batch.graphOfEdge[forward] = batch.graphOfEdge[backward] = g;
      const features = graph.bondFeatures.subarray(k * edgeWidth, (k + 1) * edgeWidth);
      batch.edgeFeatures.set(features, forward * edgeWidth);
      batch.edgeFeatures.set(features, backward * edgeWidth);
    }
  });
  return batch;
}
