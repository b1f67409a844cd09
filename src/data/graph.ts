/**
 * One graph as datasets hold it, and the feature layout a dataset declares. Bonds are undirected; batching
 * turns each into two directed edges (docs/DESIGN.md, GraphBatch).
 */

/** Per-dataset layout of the inputs: categorical columns (with vocabulary sizes), continuous node values, targets. */
export interface FeatureSpec {
  /** Vocabulary size of each categorical node column; values must lie in [0, size). */
  nodeVocab: readonly number[];
  /** Vocabulary size of each categorical bond column. */
  edgeVocab: readonly number[];
  /** Continuous values per node (PROTEINS has one); 0 for molecules. */
  nodeValueWidth: number;
  /** Targets per graph (1 for ZINC regression, 12 for TOX21, 1 for PROTEINS). */
  numTargets: number;
}

export interface Graph {
  numNodes: number;
  /** Bond k joins atoms bondBegin[k] and bondEnd[k]. */
  bondBegin: Int32Array;
  bondEnd: Int32Array;
  /** [numNodes * nodeVocab.length], row-major. */
  nodeFeatures: Int32Array;
  /** [numBonds * edgeVocab.length], row-major. */
  bondFeatures: Int32Array;
  /** [numNodes * nodeValueWidth]; empty when the spec has none. */
  nodeValues: Float32Array;
  /** [numTargets]; NaN where a label is missing (and targetMask is 0). */
  target: Float32Array;
  /** [numTargets]; 1 where the label is present. */
  targetMask: Uint8Array;
}

export class GraphValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphValidationError';
  }
}
