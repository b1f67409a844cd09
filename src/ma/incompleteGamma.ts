/**
 * Regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a), the Gamma law's CDF.
 *
 * Written by hand because @stdlib/math-base-special-gammainc 0.3.1 is off by up to 3e-2 for a >= 1000 (checked
 * against scipy.special.gammainc), and trained layers do produce such shapes. This is Numerical Recipes' pair
 * (series for x < a + 1, Lentz's continued fraction for Q = 1 - P otherwise) with the prefactor
 * x^a e^-x / Gamma(a) taken in Stirling form for a >= 10, so that it stays accurate when a and x are large and
 * close (the naive a log x - x - lgamma(a) cancels there).
 */
import gammaln from '@stdlib/math-base-special-gammaln';

const EPS = 1e-16;
/** Both expansions need O(sqrt(a)) terms near x = a; this bound is never reached below a = 1e9. */
const MAX_TERMS = 300_000;
const TINY = 1e-300;

export function regularizedLowerGamma(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperFraction(a, x);
}

/** log(x^a e^-x / Gamma(a)). */
function logPrefactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - gammaln(a);
  // lgamma(a) = (a - 1/2) log a - a + log(2 pi)/2 + stirling(a), so the large terms cancel exactly on paper.
  return a * logRatioMinusShift(x, a) + 0.5 * Math.log(a / (2 * Math.PI)) - stirlingCorrection(a);
}

/** log(x/a) - t with t = (x - a)/a, i.e. log(1 + t) - t, without cancellation for small t nor for x << a. */
function logRatioMinusShift(x: number, a: number): number {
  const t = (x - a) / a;
  if (Math.abs(t) > 0.1) return Math.log(x / a) - t;
  let term = t; // (-1)^(k+1) t^k, the k-th term of log(1 + t) times k
  let sum = 0;
  for (let k = 2; k < 40; k++) {
    term *= -t;
    const add = term / k;
    sum += add;
    if (Math.abs(add) < EPS * Math.abs(sum)) break;
  }
  return sum;
}

/** lgamma(a) - [(a - 1/2) log a - a + log(2 pi) / 2] for a >= 10: the Stirling series, error < 5e-17 there. */
function stirlingCorrection(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  const terms = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];
  let sum = 0;
  for (let k = terms.length - 1; k >= 0; k--) sum = sum * r2 + terms[k];
  return r * sum;
}

function lowerSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < MAX_TERMS; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return Math.min(1, sum * Math.exp(logPrefactor(a, x)));
}

function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefactor(a, x)) * h;
}
