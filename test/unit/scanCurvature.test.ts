/**
 * The dataset scan's MAs against curvature and its global-node share: hand-checked cases (a tree edge between two
 * degree-3 atoms, leaves and a triangle, with virtual edges mixed in), then the engine's scanDataset against
 * independent counts on the small untrained GT and on the shipped global-node checkpoint.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import { curvatureOfDirectedEdges } from '../../src/data/curvature';
import type { Graph } from '../../src/data/graph';
import type { Engine } from '../../src/engine/api';
import { bondEdgeCurvature, curvatureByLayer, curvatureInScanOrder } from '../../src/engine/scanCurvature';
import { scanSplit } from '../../src/engine/scan';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { curvatureEnrichment } from '../../src/ma/curvatureEnrichment';
import { globalShare } from '../../src/ma/globalShare';
import { useBackend } from './helpers/backends';
import { createServedEngine } from './helpers/engines';

const graph = (numNodes: number, bonds: [number, number][]) =>
  ({ numNodes, bondBegin: bonds.map((b) => b[0]), bondEnd: bonds.map((b) => b[1]) }) as unknown as Graph;

// Graph A: atoms 0 and 1 (degree 3 each) bonded, each with two leaves: Ric(0,1) = 2/3 + 2/3 − 2 = −2/3; leaves 0.
const treeA = graph(6, [
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 4],
  [1, 5],
]);
// Graph B: a triangle, Ric = 1 + 1 − 2 + 2·1/2 + 1/2 = 1.5 on every edge.
const triangleB = graph(3, [
  [0, 1],
  [1, 2],
  [0, 2],
]);

describe('curvature enrichment of a scan, by hand', () => {
  it('spreads bond curvature over the scan order, virtual edges NaN, and gives E(c) = P(c | MA) / P(c)', () => {
    const bonds = bondEdgeCurvature([treeA, triangleB]);
    [-2 / 3, -2 / 3, 0, 0].forEach((want, e) => expect(bonds[e]).toBeCloseTo(want, 12));
    expect(Array.from(bonds.subarray(10))).toEqual(new Array(6).fill(1.5));
    // a global-node scan: 16 bond edges, then 4 virtual edges (massive, but without curvature)
    const virtual = Uint8Array.from([...new Array(16).fill(0), 1, 1, 1, 1]);
    const curvature = curvatureInScanOrder(bonds, virtual);
    expect(curvature.slice(16).every(Number.isNaN)).toBe(true);
    // MAs on both edges of the tree's inner bond and on both edges of one triangle bond (plus the virtual ones)
    const ratios = new Float64Array(20).fill(1);
    for (const e of [0, 1, 10, 11, 16, 17, 18, 19]) ratios[e] = 5000;
    const { bins, layers } = curvatureByLayer(curvature, [ratios, new Float64Array(20)], 1000);
    // bins [-2,-1,-0.5,-0.25,0,0.25,0.5,1,2]: −2/3 in [-1,-0.5), 0 in [0,0.25), 1.5 in [1,2]
    expect(bins.map((b) => b.edges)).toEqual([0, 2, 0, 0, 8, 0, 0, 6]);
    expect(bins.map((b) => b.share)).toEqual([0, 2 / 16, 0, 0, 8 / 16, 0, 0, 6 / 16]);
    expect(Array.from(layers[0].massive)).toEqual([0, 2, 0, 0, 0, 0, 0, 2]);
    // P(c | MA) = 1/2, 0, 1/2 → E = (1/2)/(2/16) = 4, 0/(8/16) = 0, (1/2)/(6/16) = 4/3; empty bins NaN
    const e = Array.from(layers[0].enrichment);
    expect(e[1]).toBeCloseTo(4, 12);
    expect(e[4]).toBe(0);
    expect(e[7]).toBeCloseTo(4 / 3, 12);
    for (const empty of [0, 2, 3, 5, 6]) expect(e[empty]).toBeNaN();
    // a layer without MAs: no enrichment anywhere, but the bins' shares stay
    expect(Array.from(layers[1].enrichment).every(Number.isNaN)).toBe(true);
  });

  it('refuses a scan whose bond edges do not match the graphs', () => {
    expect(() => curvatureInScanOrder(new Float64Array(4), new Uint8Array(6))).toThrow(/6 bond edges/);
  });

  it('a graph with a repeated bond has no curvature (NaN), the others keep theirs', () => {
    const bad = graph(3, [
      [0, 1],
      [1, 0],
    ]);
    const c = bondEdgeCurvature([bad, triangleB]);
    expect(Array.from(c.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(c[4]).toBe(1.5);
  });
});

describe('global share, by hand', () => {
  it('counts the MA edges on virtual edges against all MA edges, NaN ratios not massive', () => {
    const s = globalShare([2000, 5, 3000, 4000, NaN, 10], [0, 0, 1, 1, 1, 0], 1000);
    expect(s).toEqual({ massive: 3, massiveVirtual: 2, share: 2 / 3, edgeShare: 0.5 });
    expect(globalShare([1, 2], [1, 0], 1000).share).toBeNaN();
    expect(() => globalShare([1], [0, 1], 1000)).toThrow(/1 edge ratios for 2/);
  });
});

describe('scanDataset: curvature and global share', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createServedEngine(join(process.cwd(), 'public/models'));
    await engine.init();
    await useBackend('wasm');
  }, 60_000);

  it('small GT: enrichment per layer equals curvatureEnrichment over the bonds; no global share', async () => {
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const graphs = zinc.splits.test.slice(0, 30);
    const model = createModel(preset('small-gt-zinc', { seed: 41 }));
    const want = await scanSplit(model, graphs, zinc.spec);
    disposeParams(model.params);
    const threshold = 30;
    const scan = await engine.scanDataset({
      dataset: 'zinc',
      split: 'test',
      modelEntry: 'base:small-gt-zinc',
      threshold,
      limit: 30,
    });
    const curvature = curvatureOfDirectedEdges(graphs);
    expect(scan.curvatureBins.reduce((n, b) => n + b.edges, 0)).toBe(curvature.length);
    scan.layers.forEach((layer, l) => {
      const bins = curvatureEnrichment(curvature, want.layers[l].perEdgeRatio, threshold);
      expect(Array.from(layer.curvature.massive)).toEqual(bins.map((b) => b.massive));
      expect(Array.from(layer.curvature.enrichment)).toEqual(bins.map((b) => b.enrichment));
      expect(layer.globalShare).toBeNull();
    });
    expect(scan.layers.some((l) => l.curvature.massive.some((m) => m > 0))).toBe(true);
  }, 120_000);

  it('global-node checkpoint: types 4 and 5 are named, their MAs counted, bonds alone carry curvature', async () => {
    const scan = await engine.scanDataset({
      dataset: 'zinc',
      split: 'test',
      modelEntry: 'ckpt:gt-zinc-global-base',
      threshold: 20,
      limit: 12,
    });
    const names = scan.bondTypes.map((t) => t.name);
    expect(names).toContain('atom→global');
    expect(names).toContain('global→atom');
    const virtualTypes = scan.bondTypes.map((t) => t.type >= 4);
    const virtualEdges = scan.bondTypes.filter((_, i) => virtualTypes[i]).reduce((n, t) => n + t.edges, 0);
    expect(scan.curvatureBins.reduce((n, b) => n + b.edges, 0)).toBe(scan.edges - virtualEdges);
    let someMassive = false;
    for (const layer of scan.layers) {
      const byType = Array.from(layer.massiveEdgesByType);
      const total = byType.reduce((a, b) => a + b, 0);
      const onVirtual = byType.filter((_, i) => virtualTypes[i]).reduce((a, b) => a + b, 0);
      expect(layer.globalShare).toMatchObject({ massive: total, massiveVirtual: onVirtual });
      expect(layer.globalShare!.edgeShare).toBeCloseTo(virtualEdges / scan.edges, 12);
      someMassive ||= total > 0;
    }
    expect(someMassive).toBe(true);
  }, 120_000);
});
