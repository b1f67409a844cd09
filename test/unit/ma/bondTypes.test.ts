/** Bond-type heatmaps and rates on a toy set of edges, every number worked out by hand (docs/METHOD.md §10.1). */
import { describe, expect, it } from 'vitest';
import { bondTypeHeatmaps, edgeMedians, maRateByBondType, perEdgeRatios, type EdgeActivations } from '../../../src/ma';

// D = 4 features in 2 heads of 2. Per edge: |x|, np.median, the massive features at threshold 1000.
const rows = [
  [1, -1, 5000, 1], // type 1: median 1, feature 2 (ratio 5000)
  [2, 2, -2, 2], // type 1: constant, ratio 1
  [1, 3000, 1, -1], // type 2: median 1, feature 1 (ratio 3000: massive at 1000, not at 3000)
  [4000, 1, 1, -4000], // type 1: median (1 + 4000) / 2 = 2000.5, so nothing is massive
  [0, 0, 0, 0], // type 3: 0/0, never massive
  [-1, 1, -1, 2500], // type 2: median 1, feature 3 (ratio 2500)
];
const acts: EdgeActivations = { values: Float32Array.from(rows.flat()), numEdges: 6, dim: 4 };
const types = Int32Array.of(1, 1, 2, 1, 3, 2);

describe('bond-type heatmaps', () => {
  it('gives the % of edges of each type in which each feature is massive, heads x dims', () => {
    const { heads, headDim, panels } = bondTypeHeatmaps(acts, types, { heads: 2 });
    expect([heads, headDim]).toEqual([2, 2]);
    expect(panels.map((p) => [p.bondType, p.edges, p.share])).toEqual([
      [1, 3, 3 / 6],
      [2, 2, 2 / 6],
      [3, 1, 1 / 6],
    ]);
    // Row-major by head: [head 0 dim 0, head 0 dim 1, head 1 dim 0, head 1 dim 1].
    expect(Array.from(panels[0].percentMassive)).toEqual([0, 0, 100 * (1 / 3), 0]); // 100 * mean, as numpy
    expect(Array.from(panels[1].percentMassive)).toEqual([0, 50, 0, 50]);
    expect(Array.from(panels[2].percentMassive)).toEqual([0, 0, 0, 0]);
  });

  it('uses a strict threshold and keeps requested types that have no edge', () => {
    const { panels } = bondTypeHeatmaps(acts, types, { heads: 2, threshold: 3000, bondTypes: [2, 4] });
    expect(panels.map((p) => p.bondType)).toEqual([2, 4]);
    expect(Array.from(panels[0].percentMassive)).toEqual([0, 0, 0, 0]);
    expect(panels[1].edges).toBe(0);
    expect(panels[1].share).toBe(0);
    expect(Array.from(panels[1].percentMassive)).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('handles no edges at all', () => {
    const empty = bondTypeHeatmaps({ values: new Float32Array(0), numEdges: 0, dim: 4 }, new Int32Array(0), {
      heads: 2,
      bondTypes: [1],
    });
    expect(empty.panels[0].share).toBeNaN();
    expect(Array.from(empty.panels[0].percentMassive)).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('refuses a head count that does not divide D, and a type list of the wrong length', () => {
    expect(() => bondTypeHeatmaps(acts, types, { heads: 3 })).toThrow(/4 features do not split into 3 heads/);
    expect(() => bondTypeHeatmaps(acts, Int32Array.of(1), { heads: 2 })).toThrow(/1 entries for 6 edges/);
  });
});

describe('MA rate per bond type', () => {
  const ratios = perEdgeRatios(acts);
  it('is the share of the type edges whose r_e exceeds the threshold', () => {
    expect(maRateByBondType(ratios, types)).toEqual([
      { bondType: 1, edges: 3, rate: 1 / 3 },
      { bondType: 2, edges: 2, rate: 1 },
      { bondType: 3, edges: 1, rate: 0 },
    ]);
    expect(maRateByBondType(ratios, types, 3000, [2, 5]).map((r) => r.rate)).toEqual([0, NaN]);
  });
});

describe('bond-type heatmaps given the per-edge ratios', () => {
  it('skip the edges without a massive feature and count the same', () => {
    const dim = 8;
    const numEdges = 400;
    const values = Float32Array.from({ length: numEdges * dim }, (_, i) => {
      const [e, t] = [Math.floor(i / dim), i % dim];
      if (e % 9 === 0) return 0; // all-zero rows: NaN ratios
      if (e % 5 === 0 && t === e % dim) return 5000 * (1 + (e % 3)); // a massive feature
      return 1 + ((e * 7 + t * 3) % 11) / 10;
    });
    const acts = { values, numEdges, dim };
    const types = Int32Array.from({ length: numEdges }, (_, e) => e % 3);
    const medians = edgeMedians(acts);
    for (const threshold of [100, 6000, 12_000]) {
      const plain = bondTypeHeatmaps(acts, types, { heads: 2, threshold, medians });
      const skipping = bondTypeHeatmaps(acts, types, {
        heads: 2,
        threshold,
        medians,
        perEdgeRatio: perEdgeRatios(acts, 'numpy', medians),
      });
      expect(skipping).toEqual(plain);
    }
    const counted = bondTypeHeatmaps(acts, types, { heads: 2, threshold: 100, medians });
    expect(counted.panels.some((p) => p.percentMassive.some((x) => x > 0))).toBe(true);
  });
});
