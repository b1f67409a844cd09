/** Node-level MA ratios (docs/METHOD.md §8.1 on the rows of h_att, §10.2): every number below worked out by hand. */
import { describe, expect, it } from 'vitest';
import { attentionSpread, nodeRatios, peakRatio } from '../../../src/ma';

describe('node ratios r_v = max|h| / median|h| per atom', () => {
  it('takes each row of a [N, D] node tensor, with the numpy median (mean of the two middle values for even D)', () => {
    const h = Float32Array.from([
      // atom 0: |h| = 1, 2, 3, 4000 -> median 2.5 -> 1600
      1, -2, 3, -4000,
      // atom 1: |h| = 0.5, 0.5, 1, 2 -> median 0.75 -> 2 / 0.75
      -0.5, 0.5, 1, -2,
      // atom 2: all zero -> 0/0 = NaN
      0, 0, 0, 0,
      // atom 3: median 0, max 7 -> +Infinity
      0, 0, 0, 7,
    ]);
    const r = Array.from(nodeRatios(h, 4));
    expect(r[0]).toBe(1600);
    expect(r[1]).toBeCloseTo(8 / 3, 12);
    expect(r[2]).toBeNaN();
    expect(r[3]).toBe(Infinity);
    expect(nodeRatios(h, 4, 2, 'lower')[0]).toBe(2000); // torch's lower median, 2
  });

  it('reads only the first numNodes rows (a global node appended after the atoms is no atom)', () => {
    const h = Float32Array.from([3, -1, 2, 100, 1, 1]);
    expect(Array.from(nodeRatios(h, 3, 1))).toEqual([1.5]);
    expect(nodeRatios(h, 3)).toHaveLength(2);
    expect(() => nodeRatios(h, 3, 3)).toThrow(/cannot take 3 nodes/);
  });

  it('peaks skip NaN and keep +Infinity', () => {
    expect(peakRatio([NaN, 3, 2])).toBe(3);
    expect(peakRatio([2, Infinity, NaN])).toBe(Infinity);
    expect(peakRatio([NaN])).toBeNaN();
    expect(peakRatio([])).toBeNaN();
  });
});

describe('attention spread per destination', () => {
  it('reads 1 for uniform weights and more for peaked ones; nodes with one incoming edge are skipped', () => {
    // Node 0 has edges 0, 1, 2 in; node 1 only edge 3. Head 0 uniform, head 1 all on edge 0.
    const dst = [0, 0, 0, 1];
    const w = [1 / 3, 1, 1 / 3, 0, 1 / 3, 0, 0.7, 0.7];
    const spread = attentionSpread(w, 2, dst);
    expect(spread.destinations).toBe(1);
    expect(spread.peakOverUniform).toBeCloseTo((1 + 3) / 2, 12); // head 0: 1/3 * 3; head 1: 1 * 3
    expect(spread.evenness).toBeCloseTo((1 + 0) / 2, 12);
    expect(attentionSpread([0.5, 0.5], 1, [0, 0]).evenness).toBeCloseTo(1, 12);
    expect(attentionSpread([1], 1, [0]).evenness).toBeNaN();
  });
});
