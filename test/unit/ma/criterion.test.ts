/** The MA criteria against numpy/scipy (scripts/fixtures/make_criterion_fixtures.py). */
import { describe, expect, it } from 'vitest';
import {
  attentionMedians,
  attentionTopOfBonds,
  attentionTopOfEdges,
  baseTailProbability,
  baseTailRatioThreshold,
  DEFAULT_CRITERION,
  effectiveAlpha,
  gammaQuantile,
  layerCutoffs,
  percentiles,
  type CriterionReference,
} from '../../../src/ma';
import { loadFixture } from './fixtures';

interface Fit {
  source: string;
  a: number;
  loc: number;
  scale: number;
}
interface Fixture {
  baseTail: {
    fit: Fit;
    thresholds: { alpha: number; quantile: number; ratio: number }[];
    tails: { ratio: number; probability: number }[];
  }[];
  attentionTop: {
    heads: number;
    attention: number[];
    medians: number[];
    edgeValues: number[];
    bondValues: number[];
    percentiles: number[];
    cutoffs: number[];
    flaggedBonds: Record<string, number[]>;
  };
}

const fixture = loadFixture<Fixture>('criterion.json');

describe('base-tail', () => {
  for (const { fit, thresholds, tails } of fixture.baseTail)
    it(`matches scipy's gamma.ppf and cdf for ${fit.source}`, () => {
      for (const t of thresholds) {
        expect(gammaQuantile(t.alpha, fit)).toBeCloseTo(t.quantile, 9);
        expect(baseTailRatioThreshold(fit, t.alpha) / t.ratio).toBeCloseTo(1, 8);
      }
      for (const t of tails) {
        const p = baseTailProbability(t.ratio, fit);
        if (t.probability < 1e-300) expect(p).toBeLessThan(1e-290);
        else expect(p / t.probability).toBeCloseTo(1, 7);
      }
    });

  it('divides alpha by the split edges with Bonferroni and gives a per-layer cut-off', () => {
    const criterion = { ...DEFAULT_CRITERION, kind: 'base-tail' as const, bonferroni: true };
    expect(effectiveAlpha(criterion, 50_000)).toBeCloseTo(2e-9, 20);
    const fit = fixture.baseTail[0].fit;
    const reference: CriterionReference = {
      source: 'test',
      edges: 50_000,
      layers: [{ baseFit: fit, attentionMedians: null, attentionQuantiles: null }],
    };
    const [cutoff, missing] = layerCutoffs(criterion, 2, reference);
    const expected = fixture.baseTail[0].thresholds.find((t) => t.alpha === 1e-4 / 50000)!.ratio;
    expect(cutoff / expected).toBeCloseTo(1, 8);
    expect(missing).toBeNaN();
  });
});

describe('attention-top', () => {
  const { heads, attention, medians, edgeValues, bondValues, cutoffs, flaggedBonds } = fixture.attentionTop;
  const weights = Float32Array.from(attention);

  it('takes numpy medians per head and the max over heads of weight / median', () => {
    attentionMedians(weights, heads).forEach((m, h) => expect(m).toBeCloseTo(medians[h], 12));
    attentionTopOfEdges(weights, heads, medians).forEach((v, e) => expect(v).toBeCloseTo(edgeValues[e], 10));
    const bonds = attentionTopOfBonds(weights, heads, medians, bondValues.length);
    bonds.forEach((v, k) => expect(v).toBeCloseTo(bondValues[k], 10));
  });

  it('flags the bonds above numpy percentiles of the pooled edge values', () => {
    const ours = percentiles(attentionTopOfEdges(weights, heads, medians), fixture.attentionTop.percentiles);
    ours.forEach((c, i) => expect(c).toBeCloseTo(cutoffs[i], 10));
    const bonds = attentionTopOfBonds(weights, heads, medians, bondValues.length);
    fixture.attentionTop.percentiles.forEach((p, i) => {
      const flagged = [...bonds.keys()].filter((k) => bonds[k] > ours[i]);
      expect(flagged).toEqual(flaggedBonds[String(p)]);
      expect(flagged.length).toBeGreaterThan(0);
    });
  });
});
