/** The shortcuts behind the fast statistics give what the plain computation gives. */
import { describe, expect, it } from 'vitest';
import { gammaCdf, histogram, ksStatistic, orderSample, sampleMoments, shiftedSums } from '../../../src/ma';

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** KS the textbook way: sort everything, look at every point (scipy's formula). */
function bruteForceKs(x: Float64Array, cdf: (v: number) => number): number {
  const sorted = x.slice().sort();
  const n = sorted.length;
  let d = 0;
  sorted.forEach((v, i) => (d = Math.max(d, (i + 1) / n - cdf(v), cdf(v) - i / n)));
  return d;
}

const next = lcg(11);
const samples: [string, Float64Array][] = [
  ['continuous, 20 000 values', Float64Array.from({ length: 20_000 }, () => -Math.log(next()) * 2 - 1)],
  ['integers (heavy ties)', Float64Array.from({ length: 5000 }, () => Math.floor(next() * 12))],
  ['three values', Float64Array.of(0.5, 0.1, 0.9)],
  ['one value repeated', new Float64Array(700).fill(1.5)],
];
const cdfs: [string, (v: number) => number][] = [
  ['gamma(2, -1, 1)', (v) => gammaCdf(v, { a: 2, loc: -1, scale: 1 })],
  ['gamma(0.8, -1.2, 3)', (v) => gammaCdf(v, { a: 0.8, loc: -1.2, scale: 3 })],
  ['uniform(0, 12)', (v) => Math.min(1, Math.max(0, v / 12))],
];

describe.each(samples)('ordered sample: %s', (_name, x) => {
  const sample = orderSample(x);

  it('holds the same values, bucket by bucket in increasing order', () => {
    expect(Array.from(sample.values).sort()).toEqual(Array.from(x).sort());
    for (let k = 0; k + 2 < sample.start.length; k++)
      if (sample.start[k + 1] > sample.start[k] && sample.start[k + 2] > sample.start[k + 1])
        expect(sample.high[k]).toBeLessThanOrEqual(sample.low[k + 1]);
  });

  it('has the moments of the plain two-pass computation', () => {
    const [fromBuckets, direct] = [sample.moments, sampleMoments(x)];
    expect([fromBuckets.n, fromBuckets.min, fromBuckets.max]).toEqual([direct.n, direct.min, direct.max]);
    // Different summation orders only; the skewness of a constant sample is NaN on both sides.
    for (const key of ['mean', 'variance', 'skewness'] as const)
      if (Number.isNaN(direct[key])) expect(fromBuckets[key]).toBeNaN();
      else expect(Math.abs(fromBuckets[key] - direct[key])).toBeLessThanOrEqual(1e-12 * Math.abs(direct[key]) + 1e-15);
  });

  it.each(cdfs)('KS against %s equals the brute-force statistic exactly', (_c, cdf) => {
    // The bound-and-refine search evaluates the same terms as the full scan, so the maxima are identical.
    expect(ksStatistic(sample, cdf)).toBe(bruteForceKs(x, cdf));
  });

  it('sums log(x - loc), 1/(x - loc), 1/(x - loc)^2 like the value-by-value sums', () => {
    const min = Math.min(...x);
    for (const loc of [min - 100, min - 1, min - 1e-3, min - 1e-9, min, min + 0.3]) {
      const direct = { above: 0, atLoc: 0, shifted: 0, log: 0, inv: 0, inv2: 0 };
      for (const v of x) {
        const y = v - loc;
        if (y === 0) direct.atLoc++;
        if (!(y > 0)) continue;
        direct.above++;
        direct.shifted += y;
        direct.log += Math.log(y);
        direct.inv += 1 / y;
        direct.inv2 += 1 / (y * y);
      }
      const sums = shiftedSums(sample, loc);
      expect([sums.above, sums.atLoc]).toEqual([direct.above, direct.atLoc]);
      // The truncated series errs by < 2e-16 per value; summation order adds ~n * 1e-16 relative at most.
      for (const key of ['shifted', 'log', 'inv', 'inv2'] as const)
        expect(Math.abs(sums[key] - direct[key])).toBeLessThanOrEqual(1e-11 * Math.abs(direct[key]) + 1e-12);
    }
  });

  it('bins like the plain histogram', () => {
    expect(histogram(sample, 37).counts).toEqual(histogram(x, 37).counts);
  });
});

describe('KS of an empty sample', () => {
  it('is NaN', () => expect(ksStatistic(new Float64Array(0), () => 0.5)).toBeNaN());
});
