/**
 * The 3-parameter Gamma law of docs/METHOD.md §8.3 (shape a, location loc, scale), as scipy.stats.gamma defines it:
 *   pdf(x) = ((x - loc)/scale)^(a-1) exp(-(x - loc)/scale) / (Gamma(a) scale)   for x > loc.
 * log-gamma comes from stdlib (a port of the Cephes/Boost code scipy also uses); the CDF from incompleteGamma.ts.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { regularizedLowerGamma } from './incompleteGamma';

export interface GammaParams {
  a: number;
  loc: number;
  scale: number;
}

/** gamma.logpdf: -Infinity outside the support, like scipy (whose xlogy makes x = loc with a = 1 finite). */
export function gammaLogPdf(x: number, { a, loc, scale }: GammaParams): number {
  const y = (x - loc) / scale;
  if (!(y >= 0)) return Number.isNaN(y) ? NaN : -Infinity;
  const xlogy = a === 1 ? 0 : (a - 1) * Math.log(y);
  return xlogy - y - gammaln(a) - Math.log(scale);
}

/** gamma.cdf, the regularized lower incomplete gamma function P(a, (x - loc)/scale). */
export function gammaCdf(x: number, { a, loc, scale }: GammaParams): number {
  const y = (x - loc) / scale;
  if (Number.isNaN(y)) return NaN;
  if (y <= 0) return 0;
  if (y === Infinity) return 1;
  return regularizedLowerGamma(a, y);
}

/**
 * gamma.ppf: the x with gammaCdf(x) = p, by bisection on log((x - loc)/scale) (the CDF is monotone; 300 halvings
 * of [-745, 12 + log(a + 1)] pin it to rounding). Written by hand: stdlib has no inverse incomplete gamma.
 */
export function gammaQuantile(p: number, params: GammaParams): number {
  const { a, loc, scale } = params;
  if (!(p >= 0 && p <= 1) || !(a > 0 && scale > 0)) return NaN;
  if (p === 0) return loc;
  if (p === 1) return Infinity;
  let [lo, hi] = [-745, 12 + Math.log(a + 1)];
  for (let i = 0; i < 300 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (regularizedLowerGamma(a, Math.exp(mid)) < p) lo = mid;
    else hi = mid;
  }
  return loc + scale * Math.exp((lo + hi) / 2);
}

/** Mean of gamma.logpdf over the sample (docs/METHOD.md §8.3 step 5); -Infinity when a value lies outside the support. */
export function meanLogLikelihood(x: Float64Array, params: GammaParams): number {
  return x.length === 0 ? NaN : -negLogLikelihood(x, params) / x.length;
}

/**
 * -sum(gamma.logpdf(x)) value by value, without scipy's penalty for points outside the support (those give
 * +Infinity). Compensated (Neumaier) sums keep it exact to rounding even over millions of values.
 */
export function negLogLikelihood(x: Float64Array, { a, loc, scale }: GammaParams): number {
  if (!(a > 0 && scale > 0)) return NaN;
  const sumLog = new CompensatedSum();
  const sumY = new CompensatedSum();
  for (let i = 0; i < x.length; i++) {
    const y = (x[i] - loc) / scale;
    if (!(y > 0)) {
      if (y === 0 && a === 1) continue;
      if (y === 0 && a < 1) return -Infinity;
      return Infinity;
    }
    sumLog.add(Math.log(y));
    sumY.add(y);
  }
  const n = x.length;
  return -(a - 1) * sumLog.value() + sumY.value() + n * (gammaln(a) + Math.log(scale));
}

class CompensatedSum {
  private sum = 0;
  private compensation = 0;
  add(v: number): void {
    const t = this.sum + v;
    this.compensation += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }
  value(): number {
    return this.sum + this.compensation;
  }
}

export interface SampleMoments {
  n: number;
  mean: number;
  /** Population (biased) central moments, as np.var and scipy's _skew use. */
  variance: number;
  skewness: number;
  min: number;
  max: number;
}

/** Moments value by value (orderSample computes the same from its buckets). */
export function sampleMoments(x: Float64Array): SampleMoments {
  const n = x.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  m2 /= n;
  m3 /= n;
  return { n, mean, variance: m2, skewness: m3 / Math.pow(m2, 1.5), min, max };
}

/**
 * scipy's starting point for gamma.fit (gamma_gen._fitstart, then rv_continuous._fit_loc_scale_support):
 * a from the skewness (a Gamma's skewness is 2/sqrt(a)), loc and scale from the mean and variance; when that
 * support [loc, inf) would not contain the data, loc = min - 0.1 (max - min) and scale = 1.
 */
export function gammaFitStart(moments: SampleMoments): GammaParams {
  const { mean, variance, skewness, min } = moments;
  const a = 4 / (1e-8 + skewness * skewness);
  let scale = Math.sqrt(variance / a);
  let loc = mean - scale * a;
  if (!Number.isFinite(loc)) loc = 0;
  if (!(Number.isFinite(scale) && scale > 0)) scale = 1;
  if (loc < min) return { a, loc, scale };
  return { a, loc: min - 0.1 * (moments.max - min), scale: 1 };
}
