/** Hand-checked ratios on toy edges: every number below was worked out by hand from docs/METHOD.md §8.1-8.2. */
import { describe, expect, it } from 'vitest';
import {
  edgeMedianPair,
  edgeMedians,
  elementRatios,
  fractionMassive,
  isMassive,
  massiveEdgeFlags,
  massiveFeatureFlags,
  perEdgeRatios,
  perGraphMaxima,
  type EdgeActivations,
} from '../../../src/ma';

function matrix(rows: number[][]): EdgeActivations {
  const dim = rows[0]?.length ?? 1;
  return { values: Float32Array.from(rows.flat()), numEdges: rows.length, dim };
}

describe('per-edge ratios on toy edges', () => {
  it('handles the empty graph (E = 0)', () => {
    const acts = matrix([]);
    expect(edgeMedians(acts)).toHaveLength(0);
    expect(perEdgeRatios(acts)).toHaveLength(0);
    expect(elementRatios(acts)).toHaveLength(0);
    expect(Array.from(perGraphMaxima(new Float64Array(0), new Int32Array(0), 2))).toEqual([NaN, NaN]);
    expect(fractionMassive(new Float64Array(0))).toBeNaN();
  });

  it('uses the mean of the two middle values for even D, and the lower one as torch does', () => {
    // |x| = 1, 2, 3, 4000: numpy median 2.5 -> 1600, torch median 2 -> 2000.
    const acts = matrix([[1, -2, 3, -4000]]);
    expect(perEdgeRatios(acts, 'numpy')[0]).toBe(1600);
    expect(perEdgeRatios(acts, 'lower')[0]).toBe(2000);
    expect(Array.from(elementRatios(acts))).toEqual([0.4, 0.8, 1.2, 1600].map(Math.fround));
  });

  it('takes the middle value for odd D', () => {
    const acts = matrix([[3, -1, 2]]);
    expect(perEdgeRatios(acts, 'numpy')[0]).toBe(1.5);
    expect(perEdgeRatios(acts, 'lower')[0]).toBe(1.5);
  });

  it('gives NaN for an all-zero row, 1 for a constant row and +Infinity when the median is 0', () => {
    const acts = matrix([
      [0, 0, 0, 0],
      [-5, 5, 5, -5],
      [0, 0, 0, 7],
    ]);
    const ratios = Array.from(perEdgeRatios(acts));
    expect(ratios).toEqual([NaN, 1, Infinity]);
    expect(Array.from(elementRatios(acts))).toEqual([NaN, NaN, NaN, NaN, 1, 1, 1, 1, NaN, NaN, NaN, Infinity]);
    expect(Array.from(massiveEdgeFlags(perEdgeRatios(acts)))).toEqual([0, 0, 1]);
  });

  it('is massive only strictly above the threshold; NaN never, +Infinity always', () => {
    expect(isMassive(1000, 1000)).toBe(false);
    expect(isMassive(1000.0001, 1000)).toBe(true);
    expect(isMassive(NaN, 0)).toBe(false);
    expect(isMassive(Infinity, 1e300)).toBe(true);
    // |x| = 1, 1, 1, 2000, 999: median 1; features 3 (2000) is massive at 1000, 4 (999) is not; at 2000 none.
    const acts = matrix([[1, -1, 1, 2000, -999]]);
    expect(Array.from(massiveFeatureFlags(acts, 1000))).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(massiveFeatureFlags(acts, 2000))).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts NaN ratios as not massive but keeps them in the denominator', () => {
    expect(fractionMassive([NaN, 5000, 10, Infinity], 1000)).toBe(0.5);
  });

  it('takes per-graph maxima skipping NaN and keeping +Infinity', () => {
    const ratios = Float64Array.of(NaN, 5, Infinity, 3, NaN, 2);
    const graphOfEdge = Int32Array.of(0, 0, 1, 1, 2, 4);
    // graph 2 has only a NaN ratio and graph 3 has no edge: both NaN.
    expect(Array.from(perGraphMaxima(ratios, graphOfEdge, 5))).toEqual([5, Infinity, NaN, NaN, 2]);
  });

  it('rejects inconsistent shapes and graph ids', () => {
    expect(() => edgeMedians({ values: new Float32Array(5), numEdges: 2, dim: 3 })).toThrow(/expected 2 x 3/);
    expect(() => perGraphMaxima(Float64Array.of(1), Int32Array.of(3), 2)).toThrow(/outside 0..1/);
    expect(() => perGraphMaxima(Float64Array.of(1, 2), Int32Array.of(0), 1)).toThrow(/1 entries for 2 edges/);
  });
});

describe('float32 captures: medians selected on bit patterns', () => {
  /** Random rows with the awkward values mixed in: zeros of both signs, ties, infinities, NaN, tiny and huge values. */
  function awkwardRows(numEdges: number, dim: number): Float32Array {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const specials = [0, -0, Infinity, -Infinity, 1e-40, -3e38, 7, -7];
    return Float32Array.from({ length: numEdges * dim }, (_, i) => {
      const row = Math.floor(i / dim);
      if (row % 11 === 3 && i % dim === 1) return NaN;
      if (row % 7 === 5) return specials[Math.floor(next() * specials.length)];
      return (next() - 0.5) * 10 ** (6 * next() - 3);
    });
  }

  it.each([64, 7, 2, 1])('equals the float64 selection bit for bit, %i features per edge', (dim) => {
    const values = awkwardRows(300, dim);
    const fast = edgeMedianPair({ values, numEdges: 300, dim });
    const plain = edgeMedianPair({ values: Float64Array.from(values), numEdges: 300, dim });
    expect(Array.from(fast.numpy)).toEqual(Array.from(plain.numpy));
    expect(Array.from(fast.lower)).toEqual(Array.from(plain.lower));
    expect(fast.numpy.some(Number.isNaN)).toBe(dim > 1); // the NaN rows
  });

  it('works on a view into a larger buffer', () => {
    const all = Float32Array.of(99, -4, 1, -2, 3, 99);
    const { numpy, lower } = edgeMedianPair({ values: all.subarray(1, 5), numEdges: 1, dim: 4 });
    // |x| = 4, 1, 2, 3: middle values 2 and 3
    expect([numpy[0], lower[0]]).toEqual([2.5, 2]);
  });
});
