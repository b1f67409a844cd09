/**
 * A bond's MA ratio (docs/METHOD.md §8.1): bond k has two directed edges, 2k and 2k+1, and its ratio is the larger of
 * theirs, max|s| / median|s| (numpy median). NaN (0/0) is skipped, as the per-graph maxima do.
 */
import { perEdgeRatios, type EdgeActivations } from './edgeRatios';

/** The larger of two ratios, skipping NaN; NaN only when both are. */
export function maxSkippingNaN(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return Math.max(a, b);
}

/** [bond] ratios from the first 2 * numBonds rows of an edge-score matrix (later rows, e.g. virtual edges, ignored). */
export function bondRatios(acts: EdgeActivations, numBonds: number): Float64Array {
  const numEdges = 2 * numBonds;
  const edgeRatios = perEdgeRatios({ values: acts.values.subarray(0, numEdges * acts.dim), numEdges, dim: acts.dim });
  return Float64Array.from({ length: numBonds }, (_, k) => maxSkippingNaN(edgeRatios[2 * k], edgeRatios[2 * k + 1]));
}
