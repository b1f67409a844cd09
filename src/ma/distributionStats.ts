/**
 * A ratio sample against a Gamma law (docs/METHOD.md §8.3 steps 4-6): its own fit, the mean log-likelihood and KS against
 * that fit, and optionally the same two scores against another sample's fit (a trained layer against its base
 * model's fit, the extra that docs/METHOD.md §8.3 suggests; each score says which fit it used).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { gammaCdf, meanLogLikelihood, type GammaParams } from './gamma';
import { fitGamma, type GammaFit } from './gammaFit';
import { ksStatistic } from './kolmogorovSmirnov';
import { shiftedSums, type OrderedSample } from './orderedSample';

export interface FitScore {
  /** Mean of gamma.logpdf over the sample; -Infinity when some value lies below the fit's loc. */
  logLikelihood: number;
  /** sup |F_n - F| against the fit's CDF. */
  ks: number;
}

export interface DistributionStats {
  fit: GammaFit;
  /** The sample against its own fit. */
  own: FitScore;
  /** The sample against the fit it was given (e.g. the base model's), when one was. */
  againstReference?: FitScore;
}

export function scoreAgainstFit(sample: OrderedSample, params: GammaParams): FitScore {
  if (sample.values.length === 0 || !Number.isFinite(params.a)) return { logLikelihood: NaN, ks: NaN };
  return {
    logLikelihood: sampleMeanLogLikelihood(sample, params),
    ks: ksStatistic(sample, (x) => gammaCdf(x, params)),
  };
}

/** Mean gamma.logpdf over the sample, from its shifted sums (see orderedSample.ts). */
export function sampleMeanLogLikelihood(sample: OrderedSample, params: GammaParams): number {
  const { a, loc, scale } = params;
  const { n, mean, min } = sample.moments;
  // At or below loc a value has density 0 or +Infinity: leave those rare cases to the value-by-value sum.
  if (!(min > loc)) return meanLogLikelihood(sample.values, params);
  const sumLog = shiftedSums(sample, loc).log;
  const logScale = Math.log(scale);
  return ((a - 1) * (sumLog - n * logScale) - (n * (mean - loc)) / scale) / n - gammaln(a) - logScale;
}

/** Fit, then score against the fit and, when given, against a reference fit. */
export function describeDistribution(sample: OrderedSample, referenceFit?: GammaParams): DistributionStats {
  const fit = fitGamma(sample);
  const stats: DistributionStats = { fit, own: scoreAgainstFit(sample, fit) };
  if (referenceFit) stats.againstReference = scoreAgainstFit(sample, referenceFit);
  return stats;
}
