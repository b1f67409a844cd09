/**
 * Do MAs sit on bottlenecks? Per layer, the enrichment of massive edges over curvature bins (after Tori, Bini et al.,
 * arXiv 2602.21092; docs/METHOD.md §14):
 *   E(c) = P(c | MA) / P(c) = (MA edges in bin c / MA edges) / (edges in bin c / edges)
 * E > 1: MA edges are over-represented among edges of that curvature. An edge is massive when r_e > threshold
 * (isMassive); NaN ratios count as not massive, as everywhere else. Edges whose curvature is NaN are left out.
 */
import { isMassive } from './edgeRatios';

/**
 * Default bin edges over the Balanced Forman range (−2, 2). Bin b is [edges[b], edges[b+1]), the last one closed;
 * 0 opens its own bin [0, 0.25): leaf bonds and bonds of 6-rings sit there exactly (Ric = 0).
 */
export const DEFAULT_CURVATURE_BINS = [-2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2] as const;

export interface CurvatureBin {
  lo: number;
  hi: number;
  edges: number;
  massive: number;
  /** P(c): share of all (curvature-defined) edges in this bin. */
  share: number;
  /** P(c | MA): share of the massive edges in this bin; NaN when no edge is massive. */
  shareMassive: number;
  /** P(c | MA) / P(c); NaN for an empty bin or no massive edge. */
  enrichment: number;
}

/** Index of the bin holding value, or −1 when it lies outside [edges[0], edges[last]]. */
export function binOf(value: number, edges: readonly number[]): number {
  const last = edges.length - 1;
  if (!(value >= edges[0] && value <= edges[last])) return -1;
  if (value === edges[last]) return last - 1;
  let b = 0;
  while (value >= edges[b + 1]) b++;
  return b;
}

export function curvatureEnrichment(
  curvature: ArrayLike<number>,
  ratios: ArrayLike<number>,
  threshold: number,
  edges: readonly number[] = DEFAULT_CURVATURE_BINS,
): CurvatureBin[] {
  if (curvature.length !== ratios.length)
    throw new RangeError(`${curvature.length} curvatures for ${ratios.length} edge ratios`);
  for (let b = 1; b < edges.length; b++)
    if (!(edges[b] > edges[b - 1])) throw new RangeError('curvature bin edges must increase');
  const counts = Array.from({ length: edges.length - 1 }, () => ({ edges: 0, massive: 0 }));
  let total = 0;
  let totalMassive = 0;
  for (let e = 0; e < curvature.length; e++) {
    const c = curvature[e];
    if (Number.isNaN(c)) continue;
    // outside the range: clamp into the end bins, so every edge counts in P(c)
    const b = binOf(Math.min(Math.max(c, edges[0]), edges[edges.length - 1]), edges);
    const massive = isMassive(ratios[e], threshold);
    counts[b].edges++;
    total++;
    if (massive) {
      counts[b].massive++;
      totalMassive++;
    }
  }
  return counts.map(({ edges: n, massive }, b) => {
    const share = total ? n / total : Number.NaN;
    const shareMassive = totalMassive ? massive / totalMassive : Number.NaN;
    return {
      lo: edges[b],
      hi: edges[b + 1],
      edges: n,
      massive,
      share,
      shareMassive,
      enrichment: n > 0 ? shareMassive / share : Number.NaN,
    };
  });
}
