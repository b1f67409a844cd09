/**
 * The Gamma fit, log-likelihood, KS and histogram against scipy/numpy on Gamma samples (small and large shape,
 * a < 1, a heavy left tail), from test/fixtures/ma/gamma.json.
 */
import { describe, expect, it } from 'vitest';
import {
  fitGamma,
  gammaCdf,
  gammaFitStart,
  gammaLogPdf,
  histogram,
  meanLogLikelihood,
  negLogLikelihood,
  orderSample,
  regularizedLowerGamma,
  sampleMeanLogLikelihood,
  scoreAgainstFit,
} from '../../../src/ma';
import { loadFixture, loadFloat64, type GammaTriple, type ScipyFitRecord, type ScoreRecord } from './fixtures';
import { expectFitLikeScipy, expectRelative } from './scipyComparison';

interface GammaFixture {
  samples: (ScipyFitRecord & { name: string; file: string; againstOther: ScoreRecord & { other: string } })[];
  pointChecks: { params: GammaTriple; x: number[]; logpdf: number[]; cdf: number[] }[];
}

const fixture = loadFixture<GammaFixture>('gamma.json');

describe('Gamma logpdf and cdf against scipy', () => {
  it.each(fixture.pointChecks.map((c) => [c.params.a, c] as const))('a = %f', (_a, check) => {
    check.x.forEach((x, i) => {
      // Both sides are double-precision lgamma/log (logpdf) and Boost/Cephes-style incomplete gamma (cdf): they
      // agree to a few ulps, so 1e-12 relative leaves ample room while catching any formula slip.
      const logpdf = gammaLogPdf(x, check.params);
      if (Number.isFinite(check.logpdf[i])) expectRelative(logpdf, check.logpdf[i], 1e-12);
      else expect(logpdf).toBe(check.logpdf[i]);
      expect(Math.abs(gammaCdf(x, check.params) - check.cdf[i])).toBeLessThanOrEqual(1e-13 + 1e-12 * check.cdf[i]);
    });
  });
});

describe.each(fixture.samples.map((s) => [s.name, s] as const))('sample %s', (_name, record) => {
  const x = loadFloat64(record.file);
  const sample = orderSample(x);
  const fit = fitGamma(sample);

  it('starts where scipy starts (gamma._fitstart)', () => {
    // Moments summed in another order than numpy's: 1e-9 relative is far above that rounding.
    const start = gammaFitStart(sample.moments);
    expectRelative(start.a, record.start.a, 1e-9);
    expectRelative(start.loc, record.start.loc, 1e-9);
    expectRelative(start.scale, record.start.scale, 1e-9);
    expect(fit.start).toEqual(start);
  });

  it('reaches scipy optimum: a likelihood at least as high and close parameters', () => {
    expectFitLikeScipy(x, fit, record);
  });

  it('computes the log-likelihood and KS that scipy computes for the same parameters', () => {
    // Same parameters on both sides: only summation order and the cdf's last bits differ.
    expectRelative(meanLogLikelihood(x, record.fit), record.meanLogLikelihood, 1e-12);
    expectRelative(sampleMeanLogLikelihood(sample, record.fit), record.meanLogLikelihood, 1e-11);
    expect(Math.abs(scoreAgainstFit(sample, record.fit).ks - record.ks)).toBeLessThan(1e-12);
    expectRelative(negLogLikelihood(x, record.fit), record.nnlf, 1e-12);
  });

  it('scores the sample against another sample fit like scipy', () => {
    const other = record.againstOther;
    const score = scoreAgainstFit(sample, other.fit);
    if (Number.isFinite(other.meanLogLikelihood)) expectRelative(score.logLikelihood, other.meanLogLikelihood, 1e-11);
    else expect(score.logLikelihood).toBe(other.meanLogLikelihood);
    expect(Math.abs(score.ks - other.ks)).toBeLessThan(1e-12);
  });

  it('bins like np.histogram(x, 1000), from the values and from the ordered sample', () => {
    expect(Array.from(histogram(x, 1000).counts)).toEqual(record.histogram1000);
    expect(Array.from(histogram(sample, 1000).counts)).toEqual(record.histogram1000);
  });
});

describe('degenerate samples', () => {
  it('returns NaN parameters when fewer than two distinct values remain', () => {
    for (const x of [new Float64Array(0), Float64Array.of(2), Float64Array.of(3, 3, 3)]) {
      const fit = fitGamma(x);
      expect([fit.a, fit.loc, fit.scale, fit.method]).toEqual([NaN, NaN, NaN, 'none']);
      expect(scoreAgainstFit(orderSample(x), fit).ks).toBeNaN();
    }
  });
});

describe('regularized lower incomplete gamma P(a, x)', () => {
  const { points } = loadFixture<{ points: { a: number; x: number; p: number; scipy: number }[] }>(
    'incomplete_gamma.json',
  );
  it.each([0.05, 1, 10, 189, 1646.7, 1e5, 1e6])('matches 60-digit mpmath for a = %f', (a) => {
    for (const point of points.filter((q) => q.a === a)) {
      // Double precision: P = exp(E) * S where the exponent E (up to ~100 here) is known to ~1e-15 relative and
      // the sum S of up to ~10 sqrt(a) terms to ~1e-15; 1e-12 relative leaves room for both and still catches
      // any real slip (stdlib's gammainc, which this replaces, is off by 1e-2 at a = 1646.7).
      const p = regularizedLowerGamma(point.a, point.x);
      expect(Math.abs(p - point.p), `P(${point.a}, ${point.x})`).toBeLessThanOrEqual(1e-12 * point.p + 1e-300);
    }
  });
  it('handles the edges of its domain', () => {
    expect([regularizedLowerGamma(2, 0), regularizedLowerGamma(2, -1), regularizedLowerGamma(2, Infinity)]).toEqual([
      0, 0, 1,
    ]);
    expect(regularizedLowerGamma(0, 1)).toBeNaN();
    expect(regularizedLowerGamma(2, NaN)).toBeNaN();
  });
});
