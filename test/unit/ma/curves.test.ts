/** Sorted per-graph maxima and the base band (docs/METHOD.md §8.2). */
import { describe, expect, it } from 'vitest';
import { baseBand, sortedItemMaxima } from '../../../src/ma';

describe('sorted per-graph maxima', () => {
  it('drops NaN items and sorts ascending, keeping +Infinity', () => {
    expect(Array.from(sortedItemMaxima(Float64Array.of(30, NaN, Infinity, 2, 1e4)))).toEqual([2, 30, 1e4, Infinity]);
  });

  it('keeps only the first items (in item order, not the largest)', () => {
    expect(Array.from(sortedItemMaxima(Float64Array.of(9, 1, 5, 100, 2), 3))).toEqual([1, 5, 9]);
  });

  it('caps at 60 000 items by default', () => {
    const maxima = Float64Array.from({ length: 60_010 }, (_, i) => 60_010 - i);
    const curve = sortedItemMaxima(maxima);
    expect(curve).toHaveLength(60_000);
    expect([curve[0], curve[59_999]]).toEqual([11, 60_010]);
  });
});

describe('base band', () => {
  it('spans the smallest to the largest maximum over all layers', () => {
    expect(baseBand([Float64Array.of(3, 8), Float64Array.of(1.5, 4), new Float64Array(0)])).toEqual({
      min: 1.5,
      max: 8,
    });
    expect(baseBand([Float64Array.of(2, Infinity)])).toEqual({ min: 2, max: Infinity });
  });

  it('is NaN with no values', () => {
    expect(baseBand([new Float64Array(0)])).toEqual({ min: NaN, max: NaN });
  });
});
