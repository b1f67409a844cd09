/**
 * Maximum-likelihood fit of the 3-parameter Gamma law with free location, standing in for scipy's
 * `stats.gamma.fit(x)` (docs/METHOD.md §8.3 step 4, §13 item 9).
 *
 * scipy starts from gamma._fitstart (gammaFitStart here) and runs Nelder-Mead (optimize.fmin, at most 600
 * evaluations of the negative log-likelihood over 3.2M points). We start from the same point but optimise the
 * profile likelihood instead, which reaches the same local optimum in a handful of passes over the data:
 * - for a fixed loc < min(x), with y = x - loc, the best shape solves log a - digamma(a) = log(mean y) - mean(log y)
 *   and the best scale is mean(y) / a (the classic 2-parameter Gamma MLE);
 * - the profile P(loc) = min over (a, scale) of the negative log-likelihood is then minimised over
 *   u = log(min(x) - loc) by safeguarded Newton steps. P' comes from the envelope theorem and P'' from the Schur
 *   complement of the full Hessian, so the sums of log y, 1/y and 1/y^2 give P, P' and P'' (orderedSample.ts
 *   computes those sums from bucket moments, so a step does not revisit every value).
 * The 3-parameter likelihood is unbounded (a < 1 with loc -> min(x)), so, like scipy, this finds the local
 * optimum reached from the starting point, not a global one. When there is none to find (the likelihood rises
 * towards a -> infinity, as for a left-skewed sample), it runs scipy's own Nelder-Mead from the same start and
 * returns where scipy stops, since that is what scipy.stats.gamma.fit reports.
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import trigamma from '@stdlib/math-base-special-trigamma';
import { gammaFitStart, type GammaParams } from './gamma';
import { fmin } from './nelderMead';
import { orderSample, shiftedSums, type OrderedSample } from './orderedSample';

export interface GammaFit extends GammaParams {
  /** -sum(logpdf) at the fit (scipy's `gamma.nnlf(params, x)`). */
  negLogLikelihood: number;
  /** scipy's starting point. */
  start: GammaParams;
  /**
   * 'profile': the profile search below. 'nelder-mead': scipy's own search (nelderMead.ts), used when the profile
   * finds no interior optimum, i.e. the best Gamma runs off to a -> infinity (a left-skewed sample, for which the
   * limit is a normal law); the answer is then where scipy stops. 'none': fewer than two distinct values.
   */
  method: 'profile' | 'nelder-mead' | 'none';
  /** Objective evaluations (profile points or Nelder-Mead calls). */
  iterations: number;
  /**
   * true at a local optimum. false when the search stopped at the edge of what doubles can express (a < 1 with loc
   * one step below min(x), where the likelihood grows without bound, as it does for scipy) or when Nelder-Mead
   * spent its budget.
   */
  converged: boolean;
}

const MAX_ITERATIONS = 100;
/** Largest Newton step in u, i.e. the distance min(x) - loc changes at most e^3 ~ 20-fold per step. */
const MAX_STEP = 3;
const U_TOLERANCE = 1e-10;
/** A profile optimum beyond this shape (skewness below 0.002) counts as running off to a -> infinity. */
const MAX_PROFILE_SHAPE = 1e6;
/** scipy's penalty per value outside the support: log(largest double) * 100. */
const OUTSIDE_SUPPORT_PENALTY = Math.log(Number.MAX_VALUE) * 100;

interface ProfilePoint {
  u: number;
  loc: number;
  a: number;
  scale: number;
  /** P(u), dP/du and d2P/du2. */
  value: number;
  slope: number;
  curvature: number;
}

export function fitGamma(sample: OrderedSample | Float64Array): GammaFit {
  const ordered = sample instanceof Float64Array ? orderSample(sample) : sample;
  const { moments } = ordered;
  const start = gammaFitStart(moments);
  if (moments.n < 2 || !(moments.max > moments.min))
    return {
      a: NaN,
      loc: NaN,
      scale: NaN,
      negLogLikelihood: NaN,
      start,
      method: 'none',
      iterations: 0,
      converged: false,
    };
  const profile = searchProfile(ordered, start);
  if (profile) return { ...profile, start, method: 'profile' };
  const nm = fmin((theta) => penalizedNegLogLikelihood(ordered, theta), [start.a, start.loc, start.scale]);
  const [a, loc, scale] = nm.x;
  return {
    a,
    loc,
    scale,
    negLogLikelihood: nm.fun,
    start,
    method: 'nelder-mead',
    iterations: nm.evaluations,
    converged: nm.warnflag === 0,
  };
}

/** Safeguarded Newton on P(u) from scipy's start; null when no interior optimum turns up. */
function searchProfile(sample: OrderedSample, start: GammaParams) {
  const { min } = sample.moments;
  // The closest loc below min(x) that doubles can express.
  const uEdge = Math.log(min - nextDown(min));
  let point = profileAt(sample, Math.max(uEdge, Math.log(min - start.loc)));
  let iterations = 1;
  // A bracket [left, right] of u with slope < 0 at left and > 0 at right holds a local minimum.
  let left = -Infinity;
  let right = Infinity;
  while (iterations < MAX_ITERATIONS) {
    if (point.slope < 0) left = Math.max(left, point.u);
    else right = Math.min(right, point.u);
    let step = point.curvature > 0 ? -point.slope / point.curvature : -Math.sign(point.slope) * MAX_STEP;
    step = Math.max(-MAX_STEP, Math.min(MAX_STEP, step));
    let u = point.u + step;
    if (!(u > left && u < right)) u = Number.isFinite(left) && Number.isFinite(right) ? (left + right) / 2 : u;
    if (u <= uEdge) {
      if (point.u === uEdge) return fitOf(point, iterations, false); // still pulled towards min(x): unbounded
      u = uEdge;
    }
    if (Math.abs(u - point.u) < U_TOLERANCE || right - left < U_TOLERANCE) return fitOf(point, iterations, true);
    const next = profileAt(sample, u);
    iterations++;
    if (!Number.isFinite(next.value) || !(next.a <= MAX_PROFILE_SHAPE)) return null;
    point = next;
  }
  return null;
}

function fitOf(point: ProfilePoint, iterations: number, converged: boolean) {
  const { a, loc, scale, value } = point;
  return { a, loc, scale, negLogLikelihood: value, iterations, converged };
}

/** scipy's objective (rv_continuous._penalized_nnlf) for theta = [a, loc, scale]. */
export function penalizedNegLogLikelihood(sample: OrderedSample, theta: ArrayLike<number>): number {
  const [a, loc, scale] = [theta[0], theta[1], theta[2]];
  if (!(a > 0) || !(scale > 0)) return Infinity;
  const { n } = sample.moments;
  const sums = shiftedSums(sample, loc);
  // A value at loc has logpdf xlogy(a - 1, 0) - lgamma(a): finite (0) only for a = 1.
  const good = sums.above + (a === 1 ? sums.atLoc : 0);
  const logScale = Math.log(scale);
  const logPdfSum = (a - 1) * (sums.log - sums.above * logScale) - sums.shifted / scale - good * gammaln(a);
  return -logPdfSum + (n - good) * OUTSIDE_SUPPORT_PENALTY + n * logScale;
}

/** The largest double below x. */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return new Float64Array(bits.buffer)[0];
}

/** The profile, its slope and its curvature at u = log(min(x) - loc). */
function profileAt(sample: OrderedSample, u: number): ProfilePoint {
  const { moments } = sample;
  let loc = moments.min - Math.exp(u);
  if (!(loc < moments.min)) loc = nextDown(moments.min);
  const distance = moments.min - loc;
  const n = moments.n;
  const { log: sumLog, inv: sumInv, inv2: sumInv2 } = shiftedSums(sample, loc);
  const meanY = moments.mean - loc;
  const a = solveShape(Math.log(meanY) - sumLog / n);
  const scale = meanY / a;
  const value = n * (-(a - 1) * (sumLog / n) + a + gammaln(a) + a * Math.log(scale));
  // Derivatives in loc. Hessian of the full negative log-likelihood in (a, scale, loc) at the profile optimum.
  const dLoc = (a - 1) * sumInv - n / scale;
  const hAA = n * trigamma(a);
  const hAS = n / scale;
  const hSS = (n * a) / (scale * scale);
  const hAL = sumInv;
  const hSL = n / (scale * scale);
  const hLL = (a - 1) * sumInv2;
  const det = hAA * hSS - hAS * hAS;
  const d2Loc = hLL - (hSS * hAL * hAL - 2 * hAS * hAL * hSL + hAA * hSL * hSL) / det;
  // loc = min - e^u, so dloc/du = d2loc/du2 = -e^u.
  return {
    u,
    loc,
    a,
    scale,
    value,
    slope: -distance * dLoc,
    curvature: distance * distance * d2Loc - distance * dLoc,
  };
}

/**
 * The shape a > 0 with log(a) - digamma(a) = s (s > 0): Newton's method in log(a) from Minka's closed-form
 * approximation ("Estimating a Gamma distribution", 2002), which is already within a few percent.
 */
export function solveShape(s: number): number {
  if (!(s > 0)) return s === 0 ? Infinity : NaN;
  let a = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let i = 0; i < 50; i++) {
    const g = Math.log(a) - digamma(a) - s;
    const dg = 1 - a * trigamma(a); // d/d(log a) of log(a) - digamma(a)
    const step = g / dg;
    a *= Math.exp(-Math.max(-1, Math.min(1, step)));
    if (Math.abs(step) < 1e-14) break;
  }
  return a;
}
