/**
 * scipy.optimize.fmin (Nelder-Mead, scipy 1.17 `_minimize_neldermead` with its defaults), step for step: same
 * initial simplex (+5% per coordinate, 0.00025 for a zero), same reflection/expansion/contraction/shrink rules and
 * coefficients, same stopping tests (xatol, fatol, at most 200 * N evaluations and iterations), including what
 * happens when the evaluation budget runs out in the middle of a step. Used where scipy's own answer is wanted:
 * the Gamma fit falls back to it when the likelihood has no interior optimum (see gammaFit.ts).
 */

export interface FminOptions {
  xatol?: number;
  fatol?: number;
  maxIterations?: number;
  maxEvaluations?: number;
}

export interface FminResult {
  x: Float64Array;
  fun: number;
  iterations: number;
  evaluations: number;
  /** scipy's warnflag: 0 converged, 1 evaluation budget spent, 2 iteration budget spent. */
  warnflag: 0 | 1 | 2;
}

class BudgetSpent extends Error {}

export function fmin(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: FminOptions = {}): FminResult {
  const n = x0.length;
  const { xatol = 1e-4, fatol = 1e-4, maxIterations = 200 * n, maxEvaluations = 200 * n } = options;
  let evaluations = 0;
  const evaluate = (x: Float64Array) => {
    if (evaluations >= maxEvaluations) throw new BudgetSpent();
    evaluations++;
    return f(Float64Array.from(x));
  };
  let sim: Float64Array[] = [Float64Array.from(x0)];
  for (let k = 0; k < n; k++) {
    const y = Float64Array.from(x0);
    y[k] = y[k] !== 0 ? (1 + 0.05) * y[k] : 0.00025;
    sim.push(y);
  }
  let fsim: number[] = new Array<number>(n + 1).fill(Infinity);
  try {
    for (let k = 0; k <= n; k++) fsim[k] = evaluate(sim[k]);
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
  }
  [sim, fsim] = sortByValue(sim, fsim);
  let iterations = 1;
  const combine = (p: number, xbar: Float64Array, q: number, worst: Float64Array) =>
    xbar.map((v, i) => p * v + q * worst[i]);
  while (evaluations < maxEvaluations && iterations < maxIterations) {
    try {
      if (spread(sim) <= xatol && Math.max(...fsim.slice(1).map((v) => Math.abs(fsim[0] - v))) <= fatol) break;
      const xbar = new Float64Array(n);
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) xbar[i] += sim[j][i];
      for (let i = 0; i < n; i++) xbar[i] /= n;
      const worst = sim[n];
      const xr = combine(2, xbar, -1, worst);
      const fxr = evaluate(xr);
      if (fxr < fsim[0]) {
        const xe = combine(3, xbar, -2, worst);
        const fxe = evaluate(xe);
        [sim[n], fsim[n]] = fxe < fxr ? [xe, fxe] : [xr, fxr];
      } else if (fxr < fsim[n - 1]) {
        [sim[n], fsim[n]] = [xr, fxr];
      } else {
        let shrink = false;
        if (fxr < fsim[n]) {
          const xc = combine(1.5, xbar, -0.5, worst);
          const fxc = evaluate(xc);
          if (fxc <= fxr) [sim[n], fsim[n]] = [xc, fxc];
          else shrink = true;
        } else {
          const xcc = combine(0.5, xbar, 0.5, worst);
          const fxcc = evaluate(xcc);
          if (fxcc < fsim[n]) [sim[n], fsim[n]] = [xcc, fxcc];
          else shrink = true;
        }
        if (shrink)
          for (let j = 1; j <= n; j++) {
            sim[j] = sim[j].map((v, i) => sim[0][i] + 0.5 * (v - sim[0][i]));
            fsim[j] = evaluate(sim[j]); // as in scipy, a spent budget leaves this vertex with its old value
          }
      }
      iterations++;
    } catch (error) {
      if (!(error instanceof BudgetSpent)) throw error;
    }
    [sim, fsim] = sortByValue(sim, fsim);
  }
  const warnflag = evaluations >= maxEvaluations ? 1 : iterations >= maxIterations ? 2 : 0;
  return { x: sim[0], fun: Math.min(...fsim), iterations, evaluations, warnflag };
}

/** Largest |sim[j][i] - sim[0][i]|. */
function spread(sim: Float64Array[]): number {
  let max = 0;
  for (let j = 1; j < sim.length; j++)
    for (let i = 0; i < sim[0].length; i++) max = Math.max(max, Math.abs(sim[j][i] - sim[0][i]));
  return max;
}

/** np.argsort on N + 1 <= 16 values is an insertion sort, hence stable: so is Array.prototype.sort. */
function sortByValue(sim: Float64Array[], fsim: number[]): [Float64Array[], number[]] {
  const order = fsim.map((_, i) => i).sort((p, q) => compare(fsim[p], fsim[q]));
  return [order.map((i) => sim[i]), order.map((i) => fsim[i])];
}

/** numpy sorts NaN last. */
function compare(p: number, q: number): number {
  if (Number.isNaN(p)) return Number.isNaN(q) ? 0 : 1;
  if (Number.isNaN(q)) return -1;
  return p < q ? -1 : p > q ? 1 : 0;
}
