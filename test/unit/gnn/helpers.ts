/** Small random molecule-like graphs in the ZINC encoding, for model tests that need no dataset. */
import type { Graph } from '../../../src/data/graph';
import { seededRandom } from '../../../src/gnn/random';

/** A tree with random parents plus one ring closure: atom types 0..27, bond types 1..3. */
export function randomZincGraph(seed: number, numNodes = 8): Graph {
  const random = seededRandom(seed);
  const bonds: [number, number][] = [];
  for (let i = 1; i < numNodes; i++) bonds.push([random.int(i), i]);
  // a ring closure, unless node n-1 already hangs off node 0 (a molecule has no duplicate bonds)
  if (numNodes > 4 && bonds[numNodes - 2][0] !== 0) bonds.push([0, numNodes - 1]);
  return {
    numNodes,
    bondBegin: Int32Array.from(bonds.map((b) => b[0])),
    bondEnd: Int32Array.from(bonds.map((b) => b[1])),
    nodeFeatures: Int32Array.from({ length: numNodes }, () => random.int(28)),
    bondFeatures: Int32Array.from(bonds, () => 1 + random.int(3)),
    nodeValues: new Float32Array(0),
    target: Float32Array.of(random.uniform(-2, 2)),
    targetMask: Uint8Array.of(1),
  };
}

/** The same molecule with atoms renumbered: new atom i is old atom perm[i]. */
export function relabel(graph: Graph, perm: number[]): Graph {
  const inverse = new Int32Array(perm.length);
  perm.forEach((old, i) => (inverse[old] = i));
  return {
    ...graph,
    bondBegin: graph.bondBegin.map((a) => inverse[a]),
    bondEnd: graph.bondEnd.map((b) => inverse[b]),
    nodeFeatures: Int32Array.from(perm, (old) => graph.nodeFeatures[old]),
  };
}

/** The graph without bond k. */
export function withoutBond(graph: Graph, k: number): Graph {
  const keep = (_: number, i: number) => i !== k;
  return {
    ...graph,
    bondBegin: graph.bondBegin.filter(keep),
    bondEnd: graph.bondEnd.filter(keep),
    bondFeatures: graph.bondFeatures.filter(keep),
  };
}
