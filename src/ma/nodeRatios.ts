/**
 * Node-level MA ratios (docs/METHOD.md §8.1 applied to the rows of the node tensor of §7). The v3 code's NoEdge GT
 * (§10.2) has no edge features in its attention and logs only h_att, the normalised attention output [N, D]; its MAs
 * are measured per node: r_v = max_t |h_att[v,t]| / median_t |h_att[v,t]|, with the same numpy median and the same
 * IEEE division as the edge ratios (0/0 is NaN, x/0 is +Infinity), so both kinds of ratio read alike.
 */
import { perEdgeRatios } from './edgeRatios';
import type { MedianKind } from './median';

/**
 * [node] ratios from the first `numNodes` rows of a row-major [rows, dim] node tensor (later rows, e.g. a virtual
 * global node, are left out).
 */
export function nodeRatios(
  values: Float32Array | Float64Array,
  dim: number,
  numNodes: number = values.length / dim,
  kind: MedianKind = 'numpy',
): Float64Array {
  if (!Number.isInteger(numNodes) || numNodes < 0 || numNodes * dim > values.length)
    throw new RangeError(`cannot take ${numNodes} nodes of ${dim} values from ${values.length} values`);
  return perEdgeRatios({ values: values.subarray(0, numNodes * dim), numEdges: numNodes, dim }, kind);
}

/** The largest ratio, NaN skipped and +Infinity kept (as the per-graph maxima of §8.2); NaN when none is a number. */
export function peakRatio(ratios: ArrayLike<number>): number {
  let peak = NaN;
  for (let i = 0; i < ratios.length; i++) {
    const r = ratios[i];
    if (!Number.isNaN(r) && !(peak >= r)) peak = r; // also replaces the initial NaN
  }
  return peak;
}
