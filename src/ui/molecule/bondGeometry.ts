/**
 * Where the lines of a bond go, as chemists draw them: a double bond in a ring has its second line inside the ring,
 * shorter; an acyclic double bond with no preferred side is two centred lines; a triple bond is three lines; an
 * aromatic bond (dashed style) is a solid line with a dashed inner line. Lines stop short of atom labels.
 * Hand-written because d3 has no chemistry; pure functions, unit-tested.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  dashed: boolean;
}

export interface BondShape {
  order: number;
  aromatic: boolean;
  aromaticStyle: 'kekule' | 'dashed';
  /** Which side of begin -> end the inner line goes (+1: along the left normal (-dy, dx)); 0 for centred. */
  side: -1 | 0 | 1;
}

export interface BondSpacing {
  /** Distance between parallel lines. */
  gap: number;
  /** How far each end stops short of its atom (room for a label). */
  trimBegin: number;
  trimEnd: number;
  /** Share of the length an inner (ring) line loses at each end. */
  innerShrink?: number;
}

export function bondSegments(a: Point, b: Point, shape: BondShape, spacing: BondSpacing): Segment[] {
  const { gap, trimBegin, trimEnd, innerShrink = 0.12 } = spacing;
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const length = Math.hypot(dx, dy);
  if (length < 1e-9) return [];
  const [ux, uy] = [dx / length, dy / length];
  const [nx, ny] = [-uy, ux];
  const from = (t: number, offset: number) => ({ x: a.x + ux * t + nx * offset, y: a.y + uy * t + ny * offset });
  const line = (t1: number, t2: number, offset: number, dashed = false): Segment => {
    const [p, q] = [from(t1, offset), from(t2, offset)];
    return { x1: p.x, y1: p.y, x2: q.x, y2: q.y, dashed };
  };
  const [t1, t2] = [trimBegin, length - trimEnd];
  const main = line(t1, t2, 0);
  const inner = (dashed: boolean, side: number) =>
    line(Math.max(t1, length * innerShrink), Math.min(t2, length * (1 - innerShrink)), side * gap, dashed);

  if (shape.aromatic && shape.aromaticStyle === 'dashed') return [main, inner(true, shape.side || 1)];
  switch (shape.order) {
    case 2:
      return shape.side === 0 ? [line(t1, t2, gap / 2), line(t1, t2, -gap / 2)] : [main, inner(false, shape.side)];
    case 3:
      return [main, line(t1 + gap * 0.3, t2 - gap * 0.3, gap), line(t1 + gap * 0.3, t2 - gap * 0.3, -gap)];
    default:
      return [main];
  }
}

/** Neighbour lists of a drawing's atoms. */
export function adjacency(numAtoms: number, bonds: readonly { begin: number; end: number }[]): number[][] {
  const neighbours = Array.from({ length: numAtoms }, () => [] as number[]);
  for (const { begin, end } of bonds) {
    neighbours[begin].push(end);
    neighbours[end].push(begin);
  }
  return neighbours;
}

/** Atoms of the smallest ring through bond begin-end (a shortest other path, at most `maxSize` atoms), or null. */
export function smallestRing(begin: number, end: number, neighbours: number[][], maxSize = 8): number[] | null {
  const previous = new Map<number, number>([[begin, -1]]);
  let frontier = [begin];
  for (let depth = 1; depth < maxSize && frontier.length; depth++) {
    const next: number[] = [];
    for (const atom of frontier)
      for (const n of neighbours[atom]) {
        if (previous.has(n) || (atom === begin && n === end)) continue;
        previous.set(n, atom);
        if (n === end) {
          const ring = [end];
          for (let at = atom; at !== -1; at = previous.get(at)!) ring.push(at);
          return ring;
        }
        next.push(n);
      }
    frontier = next;
  }
  return null;
}

const sign = (value: number, tolerance = 1e-6): -1 | 0 | 1 => (value > tolerance ? 1 : value < -tolerance ? -1 : 0);

/** +1 when p lies left of a -> b (along (-dy, dx)), -1 right, 0 on the line. */
export function sideOf(a: Point, b: Point, p: Point): -1 | 0 | 1 {
  return sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
}

/** Where a bond's inner line goes: towards its smallest ring's centre, else towards the side with more neighbours. */
export function innerSide(begin: number, end: number, points: readonly Point[], neighbours: number[][]): -1 | 0 | 1 {
  const [a, b] = [points[begin], points[end]];
  const ring = smallestRing(begin, end, neighbours);
  if (ring) {
    const centre = {
      x: ring.reduce((s, i) => s + points[i].x, 0) / ring.length,
      y: ring.reduce((s, i) => s + points[i].y, 0) / ring.length,
    };
    return sideOf(a, b, centre);
  }
  let sum = 0;
  for (const n of neighbours[begin]) if (n !== end) sum += sideOf(a, b, points[n]);
  for (const n of neighbours[end]) if (n !== begin) sum += sideOf(a, b, points[n]);
  return sign(sum);
}
