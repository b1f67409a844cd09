/**
 * A large sample (50 000 edges x D ratios, docs/METHOD.md §8.3) prepared once so that the Gamma fit and the KS tests can
 * run over it many times without touching every value each time.
 *
 * The values are grouped into narrow buckets of increasing value (one counting sort pass, no comparison sort), and
 * each bucket keeps its count, range, mean and central power sums. Then, for a location loc below a bucket,
 *   sum over the bucket of log(x - loc) = m log z + sum log(1 + d/z),   z = mean - loc, d = x - mean,
 * and the second sum is its Taylor series in d/z truncated after d^4, whose terms are the bucket's power sums
 * (sum d = 0). With |d|/z <= 1e-3 the first neglected term is below 2e-16 of the result, i.e. at rounding level;
 * buckets closer to loc than that, or reaching it, are summed value by value. Sums of 1/(x - loc) and
 * 1/(x - loc)^2 work the same way. A pass of the fit then costs tens of thousands of logs instead of millions.
 */
import type { SampleMoments } from './gamma';

export interface OrderedSample {
  /** The values grouped by bucket; bucket k is values[start[k]..start[k+1]), all <= those of bucket k+1. */
  values: Float64Array;
  start: Int32Array;
  /** Per bucket: smallest and largest value, mean, sums of d^2, d^3, d^4 with d = x - mean, and max |d|. */
  low: Float64Array;
  high: Float64Array;
  mean: Float64Array;
  m2: Float64Array;
  m3: Float64Array;
  m4: Float64Array;
  spread: Float64Array;
  moments: SampleMoments;
  /** KS works on blocks of whole buckets (block j = buckets blockStart[j]..blockStart[j+1]), sorted on demand. */
  blockStart: Int32Array;
  blockSorted: Uint8Array;
}

const VALUES_PER_BUCKET = 32;
const MAX_BUCKETS = 65_536;
const VALUES_PER_BLOCK = 512;
/** Largest |d|/z for which a bucket is summed from its power sums. */
const SERIES_RATIO = 1e-3;

/**
 * Prepares a sample (copied; the input is left as it is). The values must be finite. `range`, when the caller
 * already has it, must be the sample's exact smallest and largest value.
 */
export function orderSample(x: Float64Array, range?: { min: number; max: number }): OrderedSample {
  const n = x.length;
  const buckets = Math.max(1, Math.min(MAX_BUCKETS, Math.ceil(n / VALUES_PER_BUCKET)));
  let { min, max } = range ?? { min: Infinity, max: -Infinity };
  if (!range)
    for (let i = 0; i < n; i++) {
      if (x[i] < min) min = x[i];
      if (x[i] > max) max = x[i];
    }
  const scale = max > min ? buckets / (max - min) : 0;
  // (v - min) * scale never decreases as v grows, so the buckets are ordered despite rounding.
  const bucketOf = new Uint16Array(n);
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const k = Math.min(buckets - 1, Math.floor((x[i] - min) * scale));
    bucketOf[i] = k;
    start[k + 1]++;
  }
  for (let k = 0; k < buckets; k++) start[k + 1] += start[k];
  const fill = start.slice(0, buckets);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[fill[bucketOf[i]]++] = x[i];
  return { values, start, ...bucketMoments(values, start, min, max), ...blocksOf(start) };
}

function bucketMoments(values: Float64Array, start: Int32Array, min: number, max: number) {
  const buckets = start.length - 1;
  const [low, high, mean, m2, m3, m4, spread] = [0, 0, 0, 0, 0, 0, 0].map(() => new Float64Array(buckets));
  const n = values.length;
  let total = 0;
  for (let k = 0; k < buckets; k++) {
    const [s, e] = [start[k], start[k + 1]];
    const count = e - s;
    if (count === 0) continue;
    // One pass of power sums about the bucket's first value c, turned into central sums below; |x - c| is at
    // most the bucket's width, so the conversion loses nothing that matters.
    const c = values[s];
    let [s1, s2, s3, s4, lo, hi] = [0, 0, 0, 0, c, c];
    for (let i = s; i < e; i++) {
      const v = values[i];
      const d = v - c;
      const d2 = d * d;
      s1 += d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const shift = s1 / count;
    const mu = c + shift;
    total += c * count + s1;
    [low[k], high[k], mean[k]] = [lo, hi, mu];
    m2[k] = Math.max(0, s2 - count * shift * shift);
    m3[k] = s3 - 3 * shift * s2 + 2 * count * shift * shift * shift;
    m4[k] = Math.max(0, s4 - 4 * shift * s3 + 6 * shift * shift * s2 - 3 * count * shift ** 4);
    spread[k] = Math.max(hi - mu, mu - lo);
  }
  // Whole-sample central moments from the buckets' (the parallel-variance formulas).
  const mu = total / n;
  let c2 = 0;
  let c3 = 0;
  for (let k = 0; k < buckets; k++) {
    const count = start[k + 1] - start[k];
    const d = mean[k] - mu;
    c2 += m2[k] + count * d * d;
    c3 += m3[k] + 3 * d * m2[k] + count * d * d * d;
  }
  c2 /= n;
  c3 /= n;
  const moments: SampleMoments = { n, mean: mu, variance: c2, skewness: c3 / Math.pow(c2, 1.5), min, max };
  return { low, high, mean, m2, m3, m4, spread, moments };
}

function blocksOf(start: Int32Array) {
  const bounds = [0];
  for (let k = 1; k < start.length - 1; k++)
    if (start[k] - start[bounds[bounds.length - 1]] >= VALUES_PER_BLOCK) bounds.push(k);
  bounds.push(start.length - 1);
  return { blockStart: Int32Array.from(bounds), blockSorted: new Uint8Array(bounds.length - 1) };
}

export interface ShiftedSums {
  /** Values above loc, and values equal to it. */
  above: number;
  atLoc: number;
  /** Over the values above loc: sum of (x - loc), of log(x - loc), of 1/(x - loc) and of 1/(x - loc)^2. */
  shifted: number;
  log: number;
  inv: number;
  inv2: number;
}

export function shiftedSums(sample: OrderedSample, loc: number): ShiftedSums {
  const { values, start, low, high, mean, m2, m3, m4, spread } = sample;
  const sums: ShiftedSums = { above: 0, atLoc: 0, shifted: 0, log: 0, inv: 0, inv2: 0 };
  for (let k = 0; k + 1 < start.length; k++) {
    const count = start[k + 1] - start[k];
    if (count === 0 || high[k] < loc) continue;
    const z = mean[k] - loc;
    if (low[k] > loc && spread[k] <= SERIES_RATIO * z) {
      const w = 1 / z;
      const [q2, q3, q4] = [m2[k] * w * w, m3[k] * w * w * w, m4[k] * w * w * w * w];
      sums.above += count;
      sums.shifted += count * z;
      sums.log += count * Math.log(z) - q2 / 2 + q3 / 3 - q4 / 4;
      sums.inv += w * (count + q2 - q3 + q4);
      sums.inv2 += w * w * (count + 3 * q2 - 4 * q3 + 5 * q4);
      continue;
    }
    for (let i = start[k]; i < start[k + 1]; i++) {
      const y = values[i] - loc;
      if (y > 0) {
        const r = 1 / y;
        sums.above++;
        sums.shifted += y;
        sums.log += Math.log(y);
        sums.inv += r;
        sums.inv2 += r * r;
      } else if (y === 0) sums.atLoc++;
    }
  }
  return sums;
}
