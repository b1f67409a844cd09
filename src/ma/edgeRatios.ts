/**
 * Massive-activation ratios of one layer's edge capture (docs/METHOD.md §8.1).
 *
 * The capture is an E x D row-major matrix of signed scores (D = heads * headDim, head-major). With
 * med_e = median_t |x[e,t]|:
 * - per-edge ratio r_e = max_t |x[e,t]| / med_e;
 * - element-wise ratio R[e,t] = |x[e,t]| / med_e.
 * Division follows IEEE, which is what docs/METHOD.md asks for: 0/0 (an all-zero row, or a zero entry of a row whose
 * median is 0) is NaN; x/0 with x > 0 is +Infinity; a constant non-zero row has ratio 1.
 * Everything is computed in double precision from the (usually float32) capture.
 */
import { middlePair, type MedianKind } from './median';

/** One layer's edge activations: values[e * dim + t]. */
export interface EdgeActivations {
  values: Float32Array | Float64Array;
  numEdges: number;
  dim: number;
}

/** The single threshold rule of this module: a ratio is massive when it is strictly greater than the threshold
 * (the heatmap notebook's `r > threshold`). NaN is never massive; +Infinity always is. */
export function isMassive(ratio: number, threshold: number): boolean {
  return ratio > threshold;
}

export const DEFAULT_THRESHOLD = 1000;

export function checkActivations({ values, numEdges, dim }: EdgeActivations): void {
  if (!Number.isInteger(numEdges) || numEdges < 0) throw new RangeError(`numEdges ${numEdges} is not a count`);
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim ${dim} must be a positive integer`);
  if (values.length !== numEdges * dim)
    throw new RangeError(`expected ${numEdges} x ${dim} = ${numEdges * dim} values, got ${values.length}`);
}

/** med_e for every edge (row), under the given median convention. */
export function edgeMedians(acts: EdgeActivations, kind: MedianKind = 'numpy'): Float64Array {
  const both = edgeMedianPair(acts);
  return kind === 'lower' ? both.lower : both.numpy;
}

export interface EdgeMedianPair {
  /** np.median per row. */
  numpy: Float64Array;
  /** torch.median per row (the lower middle value). */
  lower: Float64Array;
}

/** Both conventions from one selection per row. */
export function edgeMedianPair(acts: EdgeActivations): EdgeMedianPair {
  checkActivations(acts);
  if (acts.values instanceof Float32Array) return float32MedianPair(acts.values, acts.numEdges, acts.dim);
  const { values, numEdges, dim } = acts;
  const numpy = new Float64Array(numEdges);
  const lower = new Float64Array(numEdges);
  const buf = new Float64Array(dim);
  const pair = new Float64Array(2);
  for (let e = 0; e < numEdges; e++) {
    const row = e * dim;
    for (let t = 0; t < dim; t++) buf[t] = Math.abs(values[row + t]);
    middlePair(buf, dim, pair);
    lower[e] = pair[0];
    numpy[e] = (pair[0] + pair[1]) / 2;
  }
  return { numpy, lower };
}

const NAN_BITS = 0x7f800000; // float32 bit patterns above this (sign cleared) are NaN

/**
 * edgeMedianPair for float32 captures, selecting on the bit patterns of |x| as integers: for non-negative float32
 * values they order exactly as the values do, and integer comparisons are cheaper. Same results, bit for bit.
 */
function float32MedianPair(values: Float32Array, numEdges: number, dim: number): EdgeMedianPair {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  const numpy = new Float64Array(numEdges);
  const lower = new Float64Array(numEdges);
  const buf = new Int32Array(dim);
  const middle = new Float32Array(2);
  const middleBits = new Int32Array(middle.buffer);
  const upper = dim >>> 1;
  for (let e = 0; e < numEdges; e++) {
    const row = e * dim;
    let nan = false;
    for (let t = 0; t < dim; t++) {
      const b = bits[row + t] & 0x7fffffff;
      buf[t] = b;
      if (b > NAN_BITS) nan = true;
    }
    if (nan) {
      numpy[e] = lower[e] = NaN;
      continue;
    }
    selectKthInt(buf, dim, upper);
    middleBits[1] = buf[upper];
    // the lower middle is the largest value left of the upper one (the same value for an odd length)
    let low = buf[upper];
    if (dim % 2 === 0) {
      low = buf[0];
      for (let i = 1; i < upper; i++) if (buf[i] > low) low = buf[i];
    }
    middleBits[0] = low;
    lower[e] = middle[0];
    numpy[e] = (middle[0] + middle[1]) / 2;
  }
  return { numpy, lower };
}

/**
 * selectKth (median.ts) on integers. A copy on purpose: one function taking both array types made V8's element
 * access polymorphic, and the medians of a ZINC layer went from 48 to 58 ms (float32) and 62 to 75 ms (float64).
 */
function selectKthInt(buf: Int32Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (buf[mid] < buf[lo]) swapInt(buf, mid, lo);
    if (buf[hi] < buf[lo]) swapInt(buf, hi, lo);
    if (buf[hi] < buf[mid]) swapInt(buf, hi, mid);
    const pivot = buf[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i] < pivot) i++;
      while (buf[j] > pivot) j--;
      if (i <= j) {
        swapInt(buf, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swapInt(buf: Int32Array, i: number, j: number): void {
  const t = buf[i];
  buf[i] = buf[j];
  buf[j] = t;
}

/** max_t |x[e,t]| per edge (NaN rows give whatever; their median is NaN, so their ratio is too). */
export function edgeMaxima({ values, numEdges, dim }: EdgeActivations): Float64Array {
  const maxima = new Float64Array(numEdges);
  for (let e = 0; e < numEdges; e++) {
    const row = e * dim;
    let max = 0;
    for (let t = 0; t < dim; t++) {
      const a = Math.abs(values[row + t]);
      if (a > max) max = a;
    }
    maxima[e] = max;
  }
  return maxima;
}

/** r_e = max|x| / median|x| per edge (the top-1 ratio of docs/METHOD.md §8.1). */
export function perEdgeRatios(
  acts: EdgeActivations,
  kind: MedianKind = 'numpy',
  medians: Float64Array = edgeMedians(acts, kind),
  maxima: Float64Array = edgeMaxima(acts),
): Float64Array {
  // a NaN entry already made the median NaN, so the ratio is NaN whatever the maximum
  return maxima.map((max, e) => max / medians[e]);
}

/**
 * R[e,t] = |x[e,t]| / med_e, stored as float32 for display (the distribution and the flags below work from the
 * double-precision quotient, not from this array).
 */
export function elementRatios(acts: EdgeActivations, medians: Float64Array = edgeMedians(acts)): Float32Array {
  const { values, numEdges, dim } = acts;
  const out = new Float32Array(numEdges * dim);
  for (let e = 0; e < numEdges; e++) {
    const row = e * dim;
    const med = medians[e];
    for (let t = 0; t < dim; t++) out[row + t] = Math.abs(values[row + t]) / med;
  }
  return out;
}

/** 1 where R[e,t] > threshold (see isMassive), else 0; [E * D]. */
export function massiveFeatureFlags(
  acts: EdgeActivations,
  threshold = DEFAULT_THRESHOLD,
  medians: Float64Array = edgeMedians(acts),
): Uint8Array {
  const { values, numEdges, dim } = acts;
  const flags = new Uint8Array(numEdges * dim);
  for (let e = 0; e < numEdges; e++) {
    const row = e * dim;
    const med = medians[e];
    for (let t = 0; t < dim; t++) if (isMassive(Math.abs(values[row + t]) / med, threshold)) flags[row + t] = 1;
  }
  return flags;
}

/** 1 where r_e > threshold, else 0. */
export function massiveEdgeFlags(ratios: Float64Array, threshold = DEFAULT_THRESHOLD): Uint8Array {
  const flags = new Uint8Array(ratios.length);
  for (let e = 0; e < ratios.length; e++) if (isMassive(ratios[e], threshold)) flags[e] = 1;
  return flags;
}

/** Share of the values that are massive; NaN for an empty list. NaN entries count in the denominator. */
export function fractionMassive(ratios: ArrayLike<number>, threshold = DEFAULT_THRESHOLD): number {
  let count = 0;
  for (let i = 0; i < ratios.length; i++) if (isMassive(ratios[i], threshold)) count++;
  return ratios.length === 0 ? NaN : count / ratios.length;
}

/**
 * m_n = max over the edges of graph n of r_e (docs/METHOD.md §8.2): NaN ratios are skipped, +Infinity is kept. A graph
 * with no edge, or only NaN ratios, gets NaN.
 */
export function perGraphMaxima(ratios: Float64Array, graphOfEdge: Int32Array, numGraphs: number): Float64Array {
  if (graphOfEdge.length !== ratios.length)
    throw new RangeError(`graphOfEdge has ${graphOfEdge.length} entries for ${ratios.length} edges`);
  const maxima = new Float64Array(numGraphs).fill(NaN);
  for (let e = 0; e < ratios.length; e++) {
    const g = graphOfEdge[e];
    if (!(g >= 0 && g < numGraphs))
      throw new RangeError(`edge ${e} belongs to graph ${g}, outside 0..${numGraphs - 1}`);
    const r = ratios[e];
    if (Number.isNaN(r)) continue;
    if (!(maxima[g] >= r)) maxima[g] = r; // also replaces the initial NaN
  }
  return maxima;
}
