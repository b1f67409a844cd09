import { describe, expect, it } from 'vitest';
import {
  adjacency,
  bondSegments,
  innerSide,
  sideOf,
  smallestRing,
  type BondShape,
} from '../../../src/ui/molecule/bondGeometry';

const a = { x: 0, y: 0 };
const b = { x: 40, y: 0 };
const spacing = { gap: 6, trimBegin: 0, trimEnd: 0 };
const shape = (order: number, side: BondShape['side'] = 0, aromatic = false): BondShape => ({
  order,
  aromatic,
  aromaticStyle: 'dashed',
  side,
});

describe('bondSegments', () => {
  it('draws a single bond as one line, stopping short of labelled atoms', () => {
    const [line] = bondSegments(a, b, shape(1), { gap: 6, trimBegin: 10, trimEnd: 5 });
    expect(line).toEqual({ x1: 10, y1: 0, x2: 35, y2: 0, dashed: false });
  });

  it('draws an acyclic double bond without a side as two centred lines', () => {
    const lines = bondSegments(a, b, shape(2, 0), spacing);
    expect(lines.map((l) => [l.y1, l.y2])).toEqual([
      [3, 3],
      [-3, -3],
    ]);
  });

  it('puts the second line of a ring double bond on the ring side, shorter', () => {
    const [main, inner] = bondSegments(a, b, shape(2, 1), spacing);
    expect(main.y1).toBe(0);
    expect(inner.y1).toBeCloseTo(6); // +1 = along the left normal (-dy, dx) = (0, 1)
    expect(inner.x1).toBeGreaterThan(main.x1);
    expect(inner.x2).toBeLessThan(main.x2);
    const [, other] = bondSegments(a, b, shape(2, -1), spacing);
    expect(other.y1).toBeCloseTo(-6);
  });

  it('draws a triple bond as three parallel lines', () => {
    const lines = bondSegments(a, b, shape(3), spacing);
    expect(lines.map((l) => Math.round(l.y1))).toEqual([0, 6, -6]);
  });

  it('draws an aromatic bond with a dashed inner line, or as its Kekulé order', () => {
    const dashed = bondSegments(a, b, shape(1, -1, true), spacing);
    expect(dashed.map((l) => l.dashed)).toEqual([false, true]);
    expect(dashed[1].y1).toBeCloseTo(-6);
    expect(bondSegments(a, b, { ...shape(1, 1, true), aromaticStyle: 'kekule' }, spacing)).toHaveLength(1);
  });

  it('draws nothing for atoms on the same spot', () => {
    expect(bondSegments(a, a, shape(1), spacing)).toEqual([]);
  });
});

describe('rings and sides', () => {
  // A hexagon 0-5 with a substituent 6 on atom 0.
  const hexagon = Array.from({ length: 6 }, (_, i) => ({
    x: 40 * Math.cos((i * Math.PI) / 3),
    y: 40 * Math.sin((i * Math.PI) / 3),
  }));
  const points = [...hexagon, { x: 80, y: 0 }];
  const bonds = [...Array.from({ length: 6 }, (_, i) => ({ begin: i, end: (i + 1) % 6 })), { begin: 0, end: 6 }];
  const neighbours = adjacency(points.length, bonds);

  it('finds the smallest ring through a bond, and none for a chain bond', () => {
    expect(smallestRing(0, 1, neighbours)?.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(smallestRing(0, 6, neighbours)).toBeNull();
  });

  it('puts a ring bond’s inner line towards the ring centre', () => {
    const side = innerSide(0, 1, points, neighbours);
    expect(side).toBe(sideOf(points[0], points[1], { x: 0, y: 0 }));
    expect(side).not.toBe(0);
  });

  it('centres an acyclic bond whose neighbours balance, else leans to the busier side', () => {
    const chain = [
      { x: 0, y: 0 },
      { x: 40, y: 0 },
      { x: -20, y: 30 },
      { x: 60, y: -30 },
    ];
    const transBonds = adjacency(4, [
      { begin: 0, end: 1 },
      { begin: 0, end: 2 },
      { begin: 1, end: 3 },
    ]);
    expect(innerSide(0, 1, chain, transBonds)).toBe(0);
    const cis = [...chain.slice(0, 3), { x: 60, y: 30 }];
    expect(innerSide(0, 1, cis, transBonds)).toBe(1);
  });
});
