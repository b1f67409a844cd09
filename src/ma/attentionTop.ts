/**
 * The attention-top criterion's numbers (Tori, Bini et al., arXiv 2602.21092; see criterion.ts): per directed
 * edge and head, attention / median attention of that head over the split's edges; per edge the maximum over
 * heads; the split's pooled values summarised at fixed percentiles (numpy's default, linear interpolation).
 */
import { median } from './median';

/** Per head, the numpy median of the attention weights [numEdges * heads] over all edges. */
export function attentionMedians(attention: ArrayLike<number>, heads: number): number[] {
  const numEdges = attention.length / heads;
  return Array.from({ length: heads }, (_, h) =>
    median(Float64Array.from({ length: numEdges }, (_, e) => attention[e * heads + h])),
  );
}

/** Per directed edge, max over heads of attention / median of that head (NaN skipped; NaN if all are). */
export function attentionTopOfEdges(attention: ArrayLike<number>, heads: number, medians: number[]): Float64Array {
  const numEdges = attention.length / heads;
  return Float64Array.from({ length: numEdges }, (_, e) => {
    let best = NaN;
    for (let h = 0; h < heads; h++) {
      const v = attention[e * heads + h] / medians[h];
      if (!Number.isNaN(v) && !(v <= best)) best = v;
    }
    return best;
  });
}

/** Per bond of a molecule, the larger of its two directed edges' values (edges 2k and 2k+1). */
export function attentionTopOfBonds(attention: ArrayLike<number>, heads: number, medians: number[], numBonds: number) {
  const edges = attentionTopOfEdges(Array.prototype.slice.call(attention, 0, 2 * numBonds * heads), heads, medians);
  return Float64Array.from({ length: numBonds }, (_, k) => {
    const [a, b] = [edges[2 * k], edges[2 * k + 1]];
    return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
  });
}

/** numpy.percentile(values, q) with linear interpolation, NaN left out. */
export function percentiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort();
  if (sorted.length === 0) return qs.map(() => NaN);
  return qs.map((q) => {
    const pos = (q / 100) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  });
}
