/**
 * MAs by bond type (docs/METHOD.md §10.1, the v3 `heatma` notebook function).
 *
 * For each edge, R[e,t] = |x[e,t]| / np.median|x[e,:]|, and feature t is massive when R > threshold (strict, see
 * isMassive). For bond type k, heat_k[t] = 100 * (share of type-k edges in which feature t is massive), laid out
 * heads x headDim: row h, column j is feature h * headDim + j (the captures are head-major). The notebook draws
 * rows as heads although its axis labels say otherwise.
 */
import { checkActivations, DEFAULT_THRESHOLD, edgeMedians, isMassive, type EdgeActivations } from './edgeRatios';
import type { MedianKind } from './median';

export interface BondTypePanel {
  bondType: number;
  /** Edges of this type. */
  edges: number;
  /** Fraction (0..1) of all edges that have this type; NaN when there are no edges. */
  share: number;
  /** [heads * headDim] percentages, row-major by head; NaN everywhere when the type has no edge. */
  percentMassive: Float64Array;
}

export interface BondTypeHeatmaps {
  heads: number;
  headDim: number;
  threshold: number;
  panels: BondTypePanel[];
}

export interface HeatmapOptions {
  heads: number;
  threshold?: number;
  /** Panels to draw, in this order; by default the types present, ascending. */
  bondTypes?: readonly number[];
  median?: MedianKind;
  /** Per-edge medians already computed under the `median` convention. */
  medians?: Float64Array;
  /**
   * The per-edge ratios r_e from those medians, when computed: an edge whose r_e is not massive has no massive
   * feature (|x| / med <= max|x| / med), so its features are not looked at.
   */
  perEdgeRatio?: Float64Array;
}

export function bondTypeHeatmaps(
  acts: EdgeActivations,
  bondTypeOfEdge: Int32Array,
  options: HeatmapOptions,
): BondTypeHeatmaps {
  checkActivations(acts);
  const { heads, threshold = DEFAULT_THRESHOLD, median = 'numpy' } = options;
  const { values, numEdges, dim } = acts;
  if (!Number.isInteger(heads) || heads < 1 || dim % heads !== 0)
    throw new RangeError(`${dim} features do not split into ${heads} heads`);
  checkTypes(bondTypeOfEdge, numEdges);
  const types = options.bondTypes ?? distinctSorted(bondTypeOfEdge);
  const panelOf = new Map(types.map((type, i) => [type, i]));
  const counts = new Float64Array(types.length * dim);
  const edges = new Float64Array(types.length);
  const medians = options.medians ?? edgeMedians(acts, median);
  const { perEdgeRatio } = options;
  for (let e = 0; e < numEdges; e++) {
    const panel = panelOf.get(bondTypeOfEdge[e]);
    if (panel === undefined) continue;
    edges[panel]++;
    if (perEdgeRatio && !isMassive(perEdgeRatio[e], threshold)) continue;
    const row = e * dim;
    const med = medians[e];
    const out = panel * dim;
    for (let t = 0; t < dim; t++) if (isMassive(Math.abs(values[row + t]) / med, threshold)) counts[out + t]++;
  }
  const panels = types.map((bondType, i) => ({
    bondType,
    edges: edges[i],
    share: numEdges === 0 ? NaN : edges[i] / numEdges,
    percentMassive: counts.slice(i * dim, (i + 1) * dim).map((c) => 100 * (c / edges[i])), // numpy's order
  }));
  return { heads, headDim: dim / heads, threshold, panels };
}

export interface BondTypeRate {
  bondType: number;
  edges: number;
  /** Fraction (0..1) of this type's edges with r_e > threshold; NaN when the type has no edge. */
  rate: number;
}

/** MA rate per bond type for one layer, from the per-edge ratios r_e. */
export function maRateByBondType(
  perEdgeRatio: Float64Array,
  bondTypeOfEdge: Int32Array,
  threshold = DEFAULT_THRESHOLD,
  bondTypes: readonly number[] = distinctSorted(bondTypeOfEdge),
): BondTypeRate[] {
  checkTypes(bondTypeOfEdge, perEdgeRatio.length);
  const panelOf = new Map(bondTypes.map((type, i) => [type, i]));
  const edges = new Float64Array(bondTypes.length);
  const massive = new Float64Array(bondTypes.length);
  for (let e = 0; e < perEdgeRatio.length; e++) {
    const i = panelOf.get(bondTypeOfEdge[e]);
    if (i === undefined) continue;
    edges[i]++;
    if (isMassive(perEdgeRatio[e], threshold)) massive[i]++;
  }
  return bondTypes.map((bondType, i) => ({ bondType, edges: edges[i], rate: massive[i] / edges[i] }));
}

function checkTypes(bondTypeOfEdge: Int32Array, numEdges: number): void {
  if (bondTypeOfEdge.length !== numEdges)
    throw new RangeError(`bondTypeOfEdge has ${bondTypeOfEdge.length} entries for ${numEdges} edges`);
}

function distinctSorted(values: Int32Array): number[] {
  return [...new Set(values)].sort((p, q) => p - q);
}
