/**
 * The dataset scan's MAs against curvature (after Tori, Bini et al., arXiv 2602.21092; docs/METHOD.md §14): the
 * Balanced Forman curvature of every bond, computed once per dataset split and kept, laid out in scan order (a
 * global-node model's virtual edges have no bond curvature: NaN, left out), and per layer the enrichment
 * E(c) = P(c | MA) / P(c) over the default curvature bins.
 */
import { balancedFormanCurvature } from '../data/curvature';
import type { Graph } from '../data/graph';
import { curvatureEnrichment } from '../ma/curvatureEnrichment';
import type { CurvatureBinInfo, LayerCurvature } from './datasetScanTypes';

/** Curvature of each directed bond edge of the graphs (edges 2k and 2k+1 are bond k); NaN for a graph it refuses. */
export function bondEdgeCurvature(graphs: readonly Graph[]): Float64Array {
  const out = new Float64Array(graphs.reduce((n, g) => n + 2 * g.bondBegin.length, 0)).fill(Number.NaN);
  let offset = 0;
  for (const g of graphs) {
    try {
      const bonds = balancedFormanCurvature(g.numNodes, g.bondBegin, g.bondEnd);
      bonds.forEach((c, k) => (out[offset + 2 * k] = out[offset + 2 * k + 1] = c));
    } catch {
      // a graph with a self-loop or a repeated bond has no simple-graph curvature: its edges stay NaN
    }
    offset += 2 * g.bondBegin.length;
  }
  return out;
}

/**
 * Bond curvatures (in bond order) spread over the scan's edges: each non-virtual edge takes the next bond value,
 * virtual edges get NaN. scanSplit keeps the bonds in order and appends each batch's virtual edges after them.
 */
export function curvatureInScanOrder(bondCurvature: Float64Array, virtualEdge: Uint8Array): Float64Array {
  const out = new Float64Array(virtualEdge.length);
  let next = 0;
  for (let e = 0; e < virtualEdge.length; e++) out[e] = virtualEdge[e] ? Number.NaN : bondCurvature[next++];
  if (next !== bondCurvature.length)
    throw new RangeError(`the scan has ${next} bond edges, the graphs ${bondCurvature.length}`);
  return out;
}

/** Per layer enrichment and the bins' shares P(c), from per-edge curvature (scan order) and ratios. */
export function curvatureByLayer(
  curvature: Float64Array,
  layerRatios: readonly Float64Array[],
  threshold: number,
): { bins: CurvatureBinInfo[]; layers: LayerCurvature[] } {
  const perLayer = layerRatios.map((ratios) => curvatureEnrichment(curvature, ratios, threshold));
  const first = perLayer[0] ?? curvatureEnrichment(curvature, new Float64Array(curvature.length), threshold);
  return {
    bins: first.map(({ lo, hi, edges, share }) => ({ lo, hi, edges, share })),
    layers: perLayer.map((bins) => ({
      massive: Int32Array.from(bins, (b) => b.massive),
      enrichment: Float64Array.from(bins, (b) => b.enrichment),
    })),
  };
}

/** Bond curvature of whole splits, computed on first use (cheap, but not per request). */
export class SplitCurvatures {
  private kept = new Map<string, Float64Array>();

  /** Directed bond-edge curvature of the first `count` graphs of a split. */
  of(key: string, split: readonly Graph[], count: number): Float64Array {
    let all = this.kept.get(key);
    if (!all) {
      all = bondEdgeCurvature(split);
      this.kept.set(key, all);
    }
    const edges = split.slice(0, count).reduce((n, g) => n + 2 * g.bondBegin.length, 0);
    return all.subarray(0, edges);
  }
}
