import { describe, expect, it } from 'vitest';
import { edgeMedianPair, elementRatios, median, perEdgeRatios, selectKth } from '../../../src/ma';
import { loadFixture } from './fixtures';

/** Reference medians the slow way: sort a copy. */
function sortedMedians(values: number[]): { numpy: number; lower: number } {
  const s = [...values].sort((p, q) => p - q);
  const n = s.length;
  return { numpy: n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2, lower: s[(n - 1) >> 1] };
}

/** Small seeded generator so every run draws the same arrays. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('selection-based median', () => {
  const next = lcg(7);
  const arrays: number[][] = [];
  for (let n = 1; n <= 70; n++)
    for (const distinct of [2, 5, 1000]) arrays.push(Array.from({ length: n }, () => Math.floor(next() * distinct)));

  it('selectKth puts the k-th smallest at k with smaller values before it and larger after', () => {
    for (const values of arrays) {
      const k = Math.floor(values.length / 3);
      const buf = Float64Array.from(values);
      selectKth(buf, buf.length, k);
      const sorted = [...values].sort((p, q) => p - q);
      expect(buf[k]).toBe(sorted[k]);
      for (let i = 0; i < buf.length; i++) expect(i < k ? buf[i] <= buf[k] : buf[i] >= buf[k]).toBe(true);
    }
  });

  it('matches sorting for odd and even lengths, with many ties, in both conventions', () => {
    for (const values of arrays) {
      const expected = sortedMedians(values);
      expect(median(values, 'numpy')).toBe(expected.numpy);
      expect(median(values, 'lower')).toBe(expected.lower);
    }
  });

  it('gives NaN for no values or a NaN value, like np.median', () => {
    expect(median([])).toBeNaN();
    expect(median([1, NaN, 3])).toBeNaN();
  });
});

interface MedianCase {
  values: number[];
  numpyMedian: number;
  lowerMedian: number;
  ratioNumpy: number;
  ratioLower: number;
  elementRatio: number[];
}

describe('per-edge medians and ratios against numpy', () => {
  const { cases } = loadFixture<{ cases: MedianCase[] }>('medians.json');

  it.each(cases.map((c, i) => [i, c.values.length, c] as const))('case %i (D = %i)', (_i, dim, c) => {
    const acts = { values: Float32Array.from(c.values), numEdges: 1, dim };
    const medians = edgeMedianPair(acts);
    // Same float64 operations as numpy (selection, then (a + b) / 2; division), so equality is exact.
    expect(medians.numpy[0]).toBe(c.numpyMedian);
    expect(medians.lower[0]).toBe(c.lowerMedian);
    expect(perEdgeRatios(acts, 'numpy')[0]).toBe(c.ratioNumpy);
    expect(perEdgeRatios(acts, 'lower')[0]).toBe(c.ratioLower);
    // The display matrix is float32: numpy's float64 ratio rounded once.
    expect(Array.from(elementRatios(acts))).toEqual(c.elementRatio.map(Math.fround));
  });
});
