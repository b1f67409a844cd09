/**
 * 2D positions for drawing: RDKit's coordinates for molecules, a deterministic d3-force layout for plain graphs
 * (PROTEINS). Both come out in screen orientation (y down), centred, with the median bond 1 long.
 */
import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface Layout {
  x: Float64Array;
  y: Float64Array;
}

/** Centres the points, scales the median bond to length 1 and (for y-up input) flips y. */
export function normalizeLayout(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  bonds: readonly { begin: number; end: number }[],
  { flipY }: { flipY: boolean },
): Layout {
  const n = x.length;
  const lengths = bonds
    .map((b) => Math.hypot(x[b.begin] - x[b.end], y[b.begin] - y[b.end]))
    .filter((l) => l > 1e-9)
    .sort((a, b) => a - b);
  const medianLength = lengths.length ? lengths[Math.floor(lengths.length / 2)] : 1;
  let [cx, cy] = [0, 0];
  for (let i = 0; i < n; i++) [cx, cy] = [cx + x[i] / n, cy + y[i] / n];
  const scale = 1 / medianLength;
  return {
    x: Float64Array.from({ length: n }, (_, i) => (x[i] - cx) * scale),
    y: Float64Array.from({ length: n }, (_, i) => (y[i] - cy) * scale * (flipY ? -1 : 1)),
  };
}

/**
 * A force layout of a graph: d3-force with its built-in seeded random source and phyllotaxis start, run for a
 * fixed number of ticks without a timer, so the same graph always gets the same picture.
 */
export function forceLayout(numNodes: number, bonds: readonly { begin: number; end: number }[], ticks = 300): Layout {
  const nodes: SimulationNodeDatum[] = Array.from({ length: numNodes }, () => ({}));
  const links = bonds.map((b) => ({ source: b.begin, target: b.end }));
  const simulation = forceSimulation(nodes)
    .force('link', forceLink(links).distance(30).strength(0.8))
    .force('charge', forceManyBody().strength(-40))
    // A weak pull to the centre keeps disconnected parts of a graph close together.
    .force('x', forceX(0).strength(0.06))
    .force('y', forceY(0).strength(0.06))
    .stop();
  simulation.tick(ticks);
  return normalizeLayout(
    nodes.map((d) => d.x ?? 0),
    nodes.map((d) => d.y ?? 0),
    bonds,
    { flipY: false },
  );
}
