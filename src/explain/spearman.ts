/**
 * Spearman rank correlation: Pearson correlation of the ranks, ties sharing their average rank (scipy's
 * spearmanr). Written by hand because d3.rank gives tied values their lowest rank, which biases rho with ties.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from(values, (v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    for (let k = i; k < j; k++) ranks[order[k][1]] = (i + j + 1) / 2; // 1-based average of positions i..j-1
    i = j;
  }
  return ranks;
}

/** NaN when fewer than two pairs or when either side is constant (no ranking to compare). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`spearman: ${x.length} values against ${y.length}`);
  if (x.length < 2) return Number.NaN;
  const [rx, ry] = [averageRanks(x), averageRanks(y)];
  const mean = (x.length + 1) / 2;
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const [dx, dy] = [rx[i] - mean, ry[i] - mean];
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}
