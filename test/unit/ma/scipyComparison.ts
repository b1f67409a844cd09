/**
 * How a fit of ours is compared with scipy.stats.gamma.fit, and why these tolerances.
 *
 * - Likelihood: ours must be at least as good, up to rounding: nnlf(ours) <= nnlf(scipy) + 1e-10 |nnlf| + 1e-8.
 *   The sums run over up to 3.2M values, so both sides carry rounding of ~1e-13 relative; 1e-10 is well above it
 *   and far below any real difference between optima (scipy's own stopping test is fatol = 1e-4 absolute).
 * - Parameters, when scipy converged (fmin warnflag 0): within 1e-3 * max(1, |value|). fmin stops once its simplex
 *   spans less than xatol = 1e-4 in every parameter, so it sits within a few 1e-4 of the optimum.
 * - Parameters, when scipy spent its 600 evaluations (warnflag 1) before converging: within 1% relative. There the
 *   likelihood is flat along a ridge of (a, loc, scale) (large shapes), scipy stopped partway along it and our
 *   likelihood is the higher one (checked above), so only closeness along the ridge can be asked.
 * - The a < 1 sample: the likelihood grows without bound as loc -> min(x); both searches stop one double below
 *   min(x), where the shape still agrees to 1%.
 * - Where our fit falls back to scipy's own Nelder-Mead path (no interior optimum), the parameters must equal
 *   scipy's to 1e-9: same steps, objective values that differ only in rounding (checked by the callers).
 */
import { expect } from 'vitest';
import { negLogLikelihood, type GammaFit } from '../../../src/ma';
import type { ScipyFitRecord } from './fixtures';

export function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(expected), 1e-300));
}

export function expectFitLikeScipy(
  x: Float64Array,
  fit: Pick<GammaFit, 'a' | 'loc' | 'scale' | 'converged'>,
  scipy: ScipyFitRecord,
): void {
  const ours = negLogLikelihood(x, fit);
  expect(ours).toBeLessThanOrEqual(scipy.nnlf + 1e-10 * Math.abs(scipy.nnlf) + 1e-8);
  const unbounded = fit.a < 1 && !fit.converged;
  const converged = scipy.fminWarnflag === 0 && !unbounded;
  for (const key of ['a', 'loc', 'scale'] as const) {
    const [mine, theirs] = [fit[key], scipy.fit[key]];
    const tolerance = converged ? 1e-3 * Math.max(1, Math.abs(theirs)) : 1e-2 * Math.abs(theirs);
    expect(Math.abs(mine - theirs), `${key}: ours ${mine}, scipy ${theirs}`).toBeLessThanOrEqual(tolerance);
  }
  if (unbounded) expect(fit.loc).toBe(scipy.fit.loc);
}
