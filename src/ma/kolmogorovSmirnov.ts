/**
 * One-sample Kolmogorov-Smirnov statistic D = sup |F_n - F| (scipy.stats.kstest(x, cdf).statistic), exact, for
 * millions of points without sorting them all or evaluating the CDF at every point.
 *
 * With x sorted and i counted from 0, D = max_i max((i+1)/n - F(x_i), F(x_i) - i/n), exactly as scipy computes it
 * (ties included). The ordered sample's blocks are runs of consecutive ranks. Since F is non-decreasing, a run of
 * sorted points i = s..e-1 can do no better than max(e/n - F(x_s), F(x_{e-1}) - s/n); runs whose bound cannot beat
 * the best value found so far are skipped, the others are sorted and halved until the bound settles them. The
 * result equals the full computation.
 */
import { orderSample, type OrderedSample } from './orderedSample';

interface Run {
  block: number;
  s: number;
  e: number;
  fs: number;
  fe: number;
  bound: number;
}

export function ksStatistic(sample: OrderedSample | Float64Array, cdf: (x: number) => number): number {
  const ordered = sample instanceof Float64Array ? orderSample(sample) : sample;
  const { values, start, blockStart } = ordered;
  const n = values.length;
  if (n === 0) return NaN;
  const runs: Run[] = [];
  let best = 0;
  for (let block = 0; block + 1 < blockStart.length; block++) {
    const s = start[blockStart[block]];
    const e = start[blockStart[block + 1]];
    if (e === s) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = s; i < e; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
    const fs = cdf(lo);
    const fe = cdf(hi);
    // The block's smallest value has rank s and its largest rank e-1: both terms are exact already.
    best = Math.max(best, (s + 1) / n - fs, fs - s / n, e / n - fe, fe - (e - 1) / n);
    runs.push({ block, s, e, fs, fe, bound: Math.max(e / n - fs, fe - s / n) });
  }
  runs.sort((p, q) => q.bound - p.bound);
  for (const run of runs) {
    if (run.bound <= best) break;
    sortBlock(ordered, run.block);
    best = refine(values, run, cdf, best);
  }
  return best;
}

function sortBlock({ values, start, blockStart, blockSorted }: OrderedSample, block: number): void {
  if (blockSorted[block]) return;
  values.subarray(start[blockStart[block]], start[blockStart[block + 1]]).sort();
  blockSorted[block] = 1;
}

/** Largest KS term over a sorted run, halving it (an explicit stack rather than recursion). */
function refine(values: Float64Array, run: Run, cdf: (x: number) => number, best0: number): number {
  const n = values.length;
  let best = best0;
  const stack: number[] = [run.s, run.e, run.fs, run.fe];
  while (stack.length > 0) {
    const fe = stack.pop()!;
    const fs = stack.pop()!;
    const e = stack.pop()!;
    const s = stack.pop()!;
    if (Math.max(e / n - fs, fe - s / n) <= best || e - s <= 2) continue; // both ends are counted already
    const m = (s + e) >>> 1;
    const fm = cdf(values[m]);
    best = Math.max(best, (m + 1) / n - fm, fm - m / n);
    stack.push(s, m + 1, fs, fm, m, e, fm, fe);
  }
  return best;
}
