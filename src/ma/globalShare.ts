/**
 * Where do MAs go when a global node exists (docs/METHOD.md §10.2)? The paper's measurement, per layer: of the
 * edges with an MA, the share that are the virtual node's edges (types 4 and 5: atom→global, global→atom) rather
 * than bonds (types 1–3), next to the share of all edges that are virtual (what the MA share would be if MAs fell
 * on edges at random). An edge is massive when isMassive(r_e, threshold); NaN ratios are not massive.
 */
import { isMassive } from './edgeRatios';

export interface GlobalShare {
  /** Edges with an MA, and of them those on the virtual node's edges. */
  massive: number;
  massiveVirtual: number;
  /** massiveVirtual / massive; NaN when no edge has an MA. */
  share: number;
  /** Virtual edges / all edges: the share expected if MAs ignored the edge kind. */
  edgeShare: number;
}

export function globalShare(ratios: ArrayLike<number>, virtualEdge: ArrayLike<number>, threshold: number): GlobalShare {
  if (ratios.length !== virtualEdge.length)
    throw new RangeError(`${ratios.length} edge ratios for ${virtualEdge.length} virtual-edge flags`);
  let [massive, massiveVirtual, virtual] = [0, 0, 0];
  for (let e = 0; e < ratios.length; e++) {
    const isVirtual = virtualEdge[e] !== 0;
    if (isVirtual) virtual++;
    if (!isMassive(ratios[e], threshold)) continue;
    massive++;
    if (isVirtual) massiveVirtual++;
  }
  return {
    massive,
    massiveVirtual,
    share: massive ? massiveVirtual / massive : Number.NaN,
    edgeShare: ratios.length ? virtual / ratios.length : Number.NaN,
  };
}
