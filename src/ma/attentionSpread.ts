/**
 * How spread out one layer's attention is over each destination's incoming edges: for every destination with at
 * least two incoming edges and every head, the largest weight times the in-degree (1 = uniform, up to deg = all on
 * one edge) and the entropy divided by log(deg) (1 = uniform, 0 = all on one edge). Averaged over destinations and
 * heads. The paper's SAN/GraphiT EBT code (docs/METHOD.md §5.2) gives every edge into a node the same weight, so
 * both read 1 there; the intended form (§5.1) lets the scores pick edges.
 */

export interface AttentionSpread {
  /** Mean over destinations and heads of max_j w_ij * deg_i (1: uniform). */
  peakOverUniform: number;
  /** Mean over destinations and heads of entropy(w_i.) / log(deg_i) (1: uniform). */
  evenness: number;
  /** Destinations counted (in-degree >= 2). */
  destinations: number;
}

/**
 * From the weights [numEdges * heads] (row-major, edge-major) and each edge's destination; the weights into a node
 * are renormalised to sum 1 first (the stored ones carry the +1e-6 of the denominator, and removed edges are 0).
 */
export function attentionSpread(attention: ArrayLike<number>, heads: number, dst: ArrayLike<number>): AttentionSpread {
  const incoming = new Map<number, number[]>();
  for (let e = 0; e < dst.length; e++) {
    const list = incoming.get(dst[e]);
    if (list) list.push(e);
    else incoming.set(dst[e], [e]);
  }
  let [peak, even, count, destinations] = [0, 0, 0, 0];
  for (const edges of incoming.values()) {
    if (edges.length < 2) continue;
    destinations++;
    for (let h = 0; h < heads; h++) {
      const w = edges.map((e) => attention[e * heads + h]);
      const sum = w.reduce((a, b) => a + b, 0);
      if (!(sum > 0)) continue;
      const p = w.map((x) => x / sum);
      const entropy = -p.reduce((a, x) => (x > 0 ? a + x * Math.log(x) : a), 0);
      peak += Math.max(...p) * edges.length;
      even += entropy / Math.log(edges.length);
      count++;
    }
  }
  return {
    peakOverUniform: count ? peak / count : NaN,
    evenness: count ? even / count : NaN,
    destinations,
  };
}
