/**
 * The ratio distribution of docs/METHOD.md §8.3: x = -log10(R + eps) over every element-wise ratio R[e,t] of the first
 * 50 000 edges (per-edge np.median), and its histogram.
 *
 * Ratio 1000 gives x = -3; R = 0 gives x = -log10(eps) ~ 15.65. scipy refuses non-finite data in gamma.fit, so
 * the values that are not finite (R = NaN from 0/0, R = +Infinity from x/0) are left out of the sample and
 * counted in `dropped`.
 */
import { checkActivations, edgeMedians, type EdgeActivations } from './edgeRatios';
import type { MedianKind } from './median';
import type { OrderedSample } from './orderedSample';

/** float64 machine epsilon, the paper's eps (np.finfo(float).eps). */
export const RATIO_EPS = 2.220446049250313e-16;
const MINUS_INV_LN10 = -1 / Math.LN10;
/** Only the first rows (edges) go into the distribution (docs/METHOD.md §8.3 step 1). */
export const MAX_DISTRIBUTION_EDGES = 50_000;

export interface RatioSample {
  /** Finite -log10(R + eps) values, row-major over the edges kept. */
  values: Float64Array;
  /** Element-wise ratios left out because x was not finite. */
  dropped: number;
  /** Edges (rows) that went in. */
  edges: number;
  /** Smallest and largest value (Infinity and -Infinity for an empty sample). */
  min: number;
  max: number;
}

export interface SampleOptions {
  maxEdges?: number;
  median?: MedianKind;
  /** Per-edge medians already computed (at least the first maxEdges), under the `median` convention. */
  medians?: Float64Array;
}

export function negLog10Ratios(acts: EdgeActivations, options: SampleOptions = {}): RatioSample {
  checkActivations(acts);
  const { maxEdges = MAX_DISTRIBUTION_EDGES, median = 'numpy' } = options;
  const edges = Math.min(acts.numEdges, maxEdges);
  const { values, dim } = acts;
  const head: EdgeActivations = { values: values.subarray(0, edges * dim), numEdges: edges, dim };
  const medians = options.medians ?? edgeMedians(head, median);
  if (medians.length < edges) throw new RangeError(`${medians.length} medians for ${edges} edges`);
  const out = new Float64Array(edges * dim);
  let kept = 0;
  let [min, max] = [Infinity, -Infinity];
  for (let e = 0; e < edges; e++) {
    const row = e * dim;
    const med = medians[e];
    for (let t = 0; t < dim; t++) {
      // ln(y) / -ln(10): Math.log is twice as fast as Math.log10 in V8 and differs by an ulp at most
      const x = Math.log(Math.abs(values[row + t]) / med + RATIO_EPS) * MINUS_INV_LN10;
      if (Number.isFinite(x)) {
        out[kept++] = x;
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
  }
  return { values: kept === out.length ? out : out.slice(0, kept), dropped: out.length - kept, edges, min, max };
}

export interface Histogram {
  /** bins + 1 edges; counts[i] covers [edges[i], edges[i+1]), the last bin also its right edge. */
  edges: Float64Array;
  counts: Float64Array;
}

/**
 * np.histogram(values, bins) with the default range [min, max] (widened by 0.5 each way when min = max; [0, 1]
 * for no data): same edges (np.linspace) and the same bin for a value that lands on an edge. Given an ordered
 * sample, a bucket that lies inside one bin is counted whole.
 */
export function histogram(
  sample: ArrayLike<number> | OrderedSample,
  bins: number,
  range?: [number, number],
): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins ${bins} must be a positive integer`);
  const ordered = 'start' in sample ? sample : undefined;
  const values = ordered ? ordered.values : (sample as ArrayLike<number>);
  let [first, last] = range ?? (ordered ? [ordered.moments.min, ordered.moments.max] : minMax(values));
  if (values.length === 0 && !range) [first, last] = [0, 1];
  if (!(Number.isFinite(first) && Number.isFinite(last)) || first > last)
    throw new RangeError(`histogram range [${first}, ${last}] is not a finite interval`);
  if (first === last) [first, last] = [first - 0.5, last + 0.5];
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  const counts = new Float64Array(bins);
  const perUnit = bins / (last - first);
  // numpy's first guess, then its correction for values that rounding puts one bin off their edges; the
  // correction makes the result exact, and the bin of a value never decreases as the value grows.
  const binOf = (v: number) => {
    if (!(v >= first && v <= last)) return -1;
    let k = Math.min(bins - 1, Math.trunc((v - first) * perUnit));
    if (v < edges[k]) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]) k++;
    return k;
  };
  const countRange = (s: number, e: number) => {
    for (let i = s; i < e; i++) {
      const k = binOf(values[i]);
      if (k >= 0) counts[k]++;
    }
  };
  if (!ordered) countRange(0, values.length);
  else
    for (let b = 0; b + 1 < ordered.start.length; b++) {
      const [s, e] = [ordered.start[b], ordered.start[b + 1]];
      if (e === s) continue;
      const k = binOf(ordered.low[b]);
      if (k >= 0 && k === binOf(ordered.high[b])) counts[k] += e - s;
      else countRange(s, e);
    }
  return { edges, counts };
}

function minMax(values: ArrayLike<number>): [number, number] {
  if (values.length === 0) return [0, 1];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}
