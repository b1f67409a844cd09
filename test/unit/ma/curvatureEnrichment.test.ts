/** E(c) = P(c | MA) / P(c) over curvature bins (src/ma/curvatureEnrichment.ts): a hand count and the numpy fixture. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binOf, curvatureEnrichment } from '../../../src/ma/curvatureEnrichment';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/curvature/bfc.json', import.meta.url), 'utf8'))
  .enrichment as {
  curvature: number[];
  ratios: number[];
  threshold: number;
  bins: number[];
  expected: { edges: number; massive: number; enrichment: number | null }[];
};

describe('curvature enrichment of MA edges', () => {
  it('bins half-open intervals, the last one closed', () => {
    const edges = [-2, 0, 1, 2];
    expect([-2, -0.1, 0, 0.99, 1, 2].map((v) => binOf(v, edges))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(binOf(2.5, edges)).toBe(-1);
    expect(binOf(Number.NaN, edges)).toBe(-1);
  });

  it('counts by hand: 6 edges, 2 massive, both in the negative bin', () => {
    const curvature = [-1.5, -1.2, 0, 0, 0.5, 1.5];
    const ratios = [5000, 2000, 10, Number.NaN, 1000, 3];
    const bins = curvatureEnrichment(curvature, ratios, 1000, [-2, -1, 0, 1, 2]);
    expect(bins.map((b) => [b.edges, b.massive])).toEqual([
      [2, 2],
      [0, 0],
      [3, 0],
      [1, 0],
    ]);
    // P(c | MA) = 1, P(c) = 2/6: E = 3; ratio exactly 1000 is not massive (strict), NaN never is
    expect(bins[0].enrichment).toBeCloseTo(3, 14);
    expect(bins[1].enrichment).toBeNaN();
    expect(bins[2].enrichment).toBe(0);
    // Σ_c P(c) E(c) = 1 whenever some edge is massive
    expect(bins.reduce((s, b) => s + (b.edges ? b.share * b.enrichment : 0), 0)).toBeCloseTo(1, 14);
  });

  it('is NaN everywhere when no edge is massive, and clamps out-of-range curvatures into the end bins', () => {
    const bins = curvatureEnrichment([-3, 3, 0], [1, 1, 1], 1000, [-2, 0, 2]);
    expect(bins.map((b) => b.edges)).toEqual([1, 2]);
    for (const b of bins) expect(b.enrichment).toBeNaN();
  });

  it('matches the numpy reference', () => {
    const ours = curvatureEnrichment(fixture.curvature, fixture.ratios, fixture.threshold, fixture.bins);
    ours.forEach((b, i) => {
      expect(b.edges).toBe(fixture.expected[i].edges);
      expect(b.massive).toBe(fixture.expected[i].massive);
      expect(b.enrichment).toBeCloseTo(fixture.expected[i].enrichment!, 12);
    });
  });

  it('refuses mismatched lengths and unsorted bins', () => {
    expect(() => curvatureEnrichment([0], [1, 2], 10)).toThrow(/curvatures/);
    expect(() => curvatureEnrichment([0], [1], 10, [0, 0, 1])).toThrow(/increase/);
  });
});
