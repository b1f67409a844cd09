/** The Nelder-Mead replica takes scipy.optimize.fmin's steps (fixture: scripts/fixtures/make_ma_fixtures.py). */
import { describe, expect, it } from 'vitest';
import { fmin } from '../../../src/ma';
import { loadFixture } from './fixtures';
import { expectRelative } from './scipyComparison';

interface FminCase {
  x0: number[];
  maxEvaluations?: number;
  x: number[];
  fun: number;
  iterations: number;
  evaluations: number;
  warnflag: number;
}

describe('Nelder-Mead replica against scipy.optimize.fmin on the Rosenbrock function', () => {
  const rosen = (x: Float64Array) => {
    let sum = 0;
    for (let i = 0; i + 1 < x.length; i++) sum += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
    return sum;
  };
  const { cases } = loadFixture<{ cases: FminCase[] }>('fmin.json');
  it.each(cases.map((c) => [c.x0.join(', '), c.maxEvaluations ?? 'default', c] as const))(
    'from [%s], budget %s',
    (_x0, _budget, c) => {
      const result = fmin(rosen, c.x0, { maxEvaluations: c.maxEvaluations });
      // Same steps in the same order: the counts match exactly; the point to rounding (numpy may sum the
      // Rosenbrock terms in another order).
      expect([result.iterations, result.evaluations, result.warnflag]).toEqual([
        c.iterations,
        c.evaluations,
        c.warnflag,
      ]);
      result.x.forEach((v, i) => expectRelative(v, c.x[i], 1e-9));
      expect(Math.abs(result.fun - c.fun)).toBeLessThanOrEqual(1e-9 * Math.max(c.fun, 1e-6));
    },
  );
});
