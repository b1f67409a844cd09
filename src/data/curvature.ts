/**
 * Balanced Forman curvature of every edge (Topping et al. 2022, "Understanding over-squashing and bottlenecks on
 * graphs via curvature", Definition 1), for the MA-against-topology analysis (docs/METHOD.md §14). Written by hand:
 * no npm package computes it; molecules are small, so sets of neighbours suffice.
 *
 * For an edge i ~ j of a simple undirected graph, with degrees d_i, d_j and S1(x) the neighbours of x:
 *   ♯Δ(i,j)  = S1(i) ∩ S1(j)                                   (triangles on i ~ j)
 *   ♯□^i(i,j) = {k ∈ S1(i) \ S1(j), k ≠ j : ∃ w ∈ S1(k) ∩ S1(j), w ∉ S1(i), w ≠ i}
 *                                                              (4-cycles i-k-w-j without a diagonal, seen from i)
 *   γ_max    = the largest number of such 4-cycles through one node k ∈ ♯□^i (or w ∈ ♯□^j)
 *   Ric(i,j) = 2/d_i + 2/d_j − 2 + 2|♯Δ|/max(d_i,d_j) + |♯Δ|/min(d_i,d_j)
 *              + (|♯□^i| + |♯□^j|) / (γ_max · max(d_i,d_j))      (that last term 0 without 4-cycles)
 *   Ric(i,j) = 0 when min(d_i, d_j) = 1.
 * The paper writes γ_max as max_k A_k·(A_j − A_i ⊙ A_j) − 1: the −1 removes i itself, which is why w ≠ i above.
 * Values lie in (−2, 2): trees' inner edges are negative (bottlenecks), cliques positive (K_n: n/(n−1)), C4 is 1.
 */

/** Curvature of each undirected edge given as (begin[k], end[k]) over `numNodes` nodes; duplicates and loops refused. */
export function balancedFormanCurvature(
  numNodes: number,
  begin: ArrayLike<number>,
  end: ArrayLike<number>,
): Float64Array {
  const neighbours = Array.from({ length: numNodes }, () => new Set<number>());
  for (let k = 0; k < begin.length; k++) {
    const [a, b] = [begin[k], end[k]];
    if (a === b) throw new Error(`edge ${k} is a self-loop on node ${a}`);
    if (!(a >= 0 && a < numNodes && b >= 0 && b < numNodes))
      throw new Error(`edge ${k} (${a}, ${b}) is outside 0..${numNodes - 1}`);
    if (neighbours[a].has(b)) throw new Error(`edge ${k} (${a}, ${b}) appears twice`);
    neighbours[a].add(b);
    neighbours[b].add(a);
  }
  return Float64Array.from({ length: begin.length }, (_, k) => edgeCurvature(neighbours, begin[k], end[k]));
}

function edgeCurvature(neighbours: Set<number>[], i: number, j: number): number {
  const [Si, Sj] = [neighbours[i], neighbours[j]];
  const [di, dj] = [Si.size, Sj.size];
  if (Math.min(di, dj) === 1) return 0;
  const [dMax, dMin] = [Math.max(di, dj), Math.min(di, dj)];
  let triangles = 0;
  for (const k of Si) if (Sj.has(k)) triangles++;
  const squaresI = squareNeighbours(neighbours, i, j);
  const squaresJ = squareNeighbours(neighbours, j, i);
  const gammaMax = Math.max(0, ...squaresI.values(), ...squaresJ.values());
  let ric = 2 / di + 2 / dj - 2 + (2 * triangles) / dMax + triangles / dMin;
  if (gammaMax > 0) ric += (squaresI.size + squaresJ.size) / (gammaMax * dMax);
  return ric;
}

/**
 * ♯□^i(i,j) with, for each of its nodes k, the number of w closing a diagonal-free 4-cycle i-k-w-j (that count's
 * maximum over both ends is γ_max).
 */
function squareNeighbours(neighbours: Set<number>[], i: number, j: number): Map<number, number> {
  const [Si, Sj] = [neighbours[i], neighbours[j]];
  const out = new Map<number, number>();
  for (const k of Si) {
    if (k === j || Sj.has(k)) continue;
    let cycles = 0;
    for (const w of neighbours[k]) if (w !== i && Sj.has(w) && !Si.has(w)) cycles++;
    if (cycles > 0) out.set(k, cycles);
  }
  return out;
}

/** Per directed edge of a batch (edges 2k and 2k+1 are bond k, docs/DESIGN.md), the curvature of its bond. */
export function curvatureOfDirectedEdges(
  graphs: readonly { numNodes: number; bondBegin: ArrayLike<number>; bondEnd: ArrayLike<number> }[],
): Float64Array {
  const total = graphs.reduce((n, g) => n + 2 * g.bondBegin.length, 0);
  const out = new Float64Array(total);
  let offset = 0;
  for (const g of graphs) {
    const bonds = balancedFormanCurvature(g.numNodes, g.bondBegin, g.bondEnd);
    for (let k = 0; k < bonds.length; k++) out[offset + 2 * k] = out[offset + 2 * k + 1] = bonds[k];
    offset += 2 * bonds.length;
  }
  return out;
}
