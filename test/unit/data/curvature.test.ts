/**
 * Balanced Forman curvature (src/data/curvature.ts) against values worked out by hand on small graphs, and against a
 * float64 numpy implementation written from the paper's matrix notation (scripts/fixtures/make_curvature_fixtures.py
 * -> test/fixtures/curvature/bfc.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { balancedFormanCurvature, curvatureOfDirectedEdges } from '../../../src/data/curvature';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/curvature/bfc.json', import.meta.url), 'utf8')) as {
  graphs: { name: string; numNodes: number; edges: [number, number][]; curvature: number[] }[];
};

const curvature = (n: number, edges: [number, number][]) =>
  Array.from(
    balancedFormanCurvature(
      n,
      edges.map((e) => e[0]),
      edges.map((e) => e[1]),
    ),
  );

describe('Balanced Forman curvature', () => {
  it('matches hand-computed values', () => {
    // triangle: 2/2 + 2/2 - 2 + 2·1/2 + 1/2
    expect(
      curvature(3, [
        [0, 1],
        [1, 2],
        [2, 0],
      ]),
    ).toEqual([1.5, 1.5, 1.5]);
    // square: 1 + 1 - 2 + (1 + 1) / (γ 1 · 2)
    expect(
      curvature(4, [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
      ]),
    ).toEqual([1, 1, 1, 1]);
    // path: the end bonds touch a degree-1 atom (0 by definition); the middle one 1 + 1 - 2
    expect(
      curvature(4, [
        [0, 1],
        [1, 2],
        [2, 3],
      ]),
    ).toEqual([0, 0, 0]);
    // star: every edge touches a leaf
    expect(
      curvature(5, [
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
      ]),
    ).toEqual([0, 0, 0, 0]);
    // K4: 2/3 + 2/3 - 2 + 2·2/3 + 2/3 = 4/3 (K_n: n/(n-1)), no diagonal-free 4-cycle
    for (const c of curvature(4, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]))
      expect(c).toBeCloseTo(4 / 3, 14);
    // K_{2,3}, edge 0-2: 2/3 + 2/2 - 2 + (|□^0| 2 + |□^2| 1) / (γ 2 · 3) = 1/6
    expect(
      curvature(5, [
        [0, 2],
        [0, 3],
        [0, 4],
        [1, 2],
        [1, 3],
        [1, 4],
      ])[0],
    ).toBeCloseTo(1 / 6, 14);
    // naphthalene's fusion bond joins two degree-3 atoms without triangles or 4-cycles: 2/3 + 2/3 - 2
    const naphthalene = fixture.graphs.find((g) => g.name === 'naphthalene')!;
    expect(curvature(10, naphthalene.edges)[4]).toBeCloseTo(-2 / 3, 14);
  });

  it('matches the numpy reference on every fixture graph (float64)', () => {
    expect(fixture.graphs.length).toBeGreaterThanOrEqual(15);
    for (const g of fixture.graphs) {
      const ours = curvature(g.numNodes, g.edges);
      ours.forEach((c, k) => expect(Math.abs(c - g.curvature[k]), `${g.name} edge ${k}`).toBeLessThan(1e-12));
    }
  });

  it('does not depend on edge order or direction', () => {
    const g = fixture.graphs.find((x) => x.name === 'random3')!;
    const reversed = [...g.edges].reverse().map(([a, b]) => [b, a] as [number, number]);
    const back = curvature(g.numNodes, reversed).reverse();
    back.forEach((c, k) => expect(c).toBeCloseTo(g.curvature[k], 12));
  });

  it('gives both directed edges of a bond its curvature, graph after graph', () => {
    const triangle = { numNodes: 3, bondBegin: [0, 1, 2], bondEnd: [1, 2, 0] };
    const path = { numNodes: 4, bondBegin: [0, 1, 2], bondEnd: [1, 2, 3] };
    expect(Array.from(curvatureOfDirectedEdges([path, triangle]))).toEqual([
      0, 0, 0, 0, 0, 0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5,
    ]);
  });

  it('refuses loops, repeated bonds and out-of-range atoms', () => {
    expect(() => balancedFormanCurvature(3, [0], [0])).toThrow(/self-loop/);
    expect(() => balancedFormanCurvature(3, [0, 1], [1, 0])).toThrow(/twice/);
    expect(() => balancedFormanCurvature(3, [0], [3])).toThrow(/outside/);
  });
});
