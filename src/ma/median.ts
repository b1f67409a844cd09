/**
 * Median of |x| over one row, by selection rather than sorting (docs/METHOD.md §8.1, §13 item 2).
 *
 * Two conventions, because the paper's code uses both:
 * - 'numpy': np.median, the mean of the two middle values when the length is even (histograms, heatmaps);
 * - 'lower': torch.median, the lower of the two middle values (the sorted per-graph maximum curves).
 * For an odd length both are the middle value.
 */

export type MedianKind = 'numpy' | 'lower';

/**
 * Rearranges buf[0..n) so that buf[k] holds the k-th smallest value, everything before it is <= it and everything
 * after it is >= it (Hoare's quickselect with a median-of-three pivot; expected O(n)). No NaN allowed.
 */
export function selectKth(buf: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three moved to buf[mid], guarding both scans.
    if (buf[mid] < buf[lo]) swap(buf, mid, lo);
    if (buf[hi] < buf[lo]) swap(buf, hi, lo);
    if (buf[hi] < buf[mid]) swap(buf, hi, mid);
    const pivot = buf[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i] < pivot) i++;
      while (buf[j] > pivot) j--;
      if (i <= j) {
        swap(buf, i, j);
        i++;
        j--;
      }
    }
    // Now buf[lo..j] <= pivot <= buf[i..hi], and buf(j..i) == pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(buf: Float64Array, i: number, j: number): void {
  const t = buf[i];
  buf[i] = buf[j];
  buf[j] = t;
}

/**
 * Median of buf[0..n) under the given convention; buf is reordered. NaN for n = 0 or when any value is NaN (as
 * np.median and torch.median return NaN then).
 */
export function medianInPlace(buf: Float64Array, n: number, kind: MedianKind = 'numpy'): number {
  middlePair(buf, n, PAIR);
  return kind === 'lower' ? PAIR[0] : (PAIR[0] + PAIR[1]) / 2;
}

const PAIR = new Float64Array(2);

/**
 * The two middle values of buf[0..n) (the same value twice for odd n) into out: out[0] is torch's median,
 * (out[0] + out[1]) / 2 numpy's. buf is reordered; NaN for n = 0 or any NaN value.
 */
export function middlePair(buf: Float64Array, n: number, out: Float64Array): void {
  out[0] = out[1] = NaN;
  if (n === 0) return;
  for (let i = 0; i < n; i++) if (Number.isNaN(buf[i])) return;
  const upper = n >>> 1;
  selectKth(buf, n, upper);
  out[1] = buf[upper];
  if (n % 2 === 1) {
    out[0] = out[1];
    return;
  }
  // After selecting the upper middle, the lower middle is the largest value to its left.
  let lower = buf[0];
  for (let i = 1; i < upper; i++) if (buf[i] > lower) lower = buf[i];
  out[0] = lower;
}

/** Median of any list of numbers (copied, so the input is left as it is). */
export function median(values: ArrayLike<number>, kind: MedianKind = 'numpy'): number {
  const buf = Float64Array.from(values);
  return medianInPlace(buf, buf.length, kind);
}
