/**
 * The engine's dataset scan against independent computations: scanSplit on the same seeded model and graphs,
 * rates by bond type and per-graph masks counted here from the per-edge ratios, a tiny hand-made case, a trained
 * checkpoint scored against its base checkpoint's fits, the cache, and no tensors left behind.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpointFolder } from '../../src/cli/checkpointFiles';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import type { Graph } from '../../src/data/graph';
import { type DatasetScanProgress, type Engine } from '../../src/engine/api';
import { baseEntryFor, graphOfEdges, HISTOGRAM_BINS, massiveByBondType } from '../../src/engine/datasetScan';
import type { ModelEntry } from '../../src/engine/explorerTypes';
import { scanSplit, type ScanResult } from '../../src/engine/scan';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { baseBand } from '../../src/ma/curves';
import { useBackend } from './helpers/backends';
import { createServedEngine } from './helpers/engines';

const MODELS = join(process.cwd(), 'public/models');
const LIMIT = 40;
let engine: Engine;
let graphs: Graph[];
let reference: ScanResult;

beforeAll(async () => {
  engine = createServedEngine(MODELS);
  await engine.init();
  await useBackend('wasm');
  const zinc = await loadBundledDataset('zinc', folderBundleSource());
  graphs = zinc.splits.test.slice(0, LIMIT);
  const model = createModel(preset('small-gt-zinc', { seed: 41 }));
  reference = await scanSplit(model, graphs, zinc.spec, { histogramBins: HISTOGRAM_BINS });
  disposeParams(model.params);
}, 120_000);

const request = (threshold: number, limit = LIMIT) =>
  ({ dataset: 'zinc', split: 'test', modelEntry: 'base:small-gt-zinc', threshold, limit }) as const;

/** A threshold that some graphs pass and others do not, in layer 0. */
const middleThreshold = () => {
  const sorted = Array.from(reference.layers[0].perGraphMax).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

describe('scanDataset on the small untrained GT', () => {
  it('cancelScan stops a running scan after its current batch; the next scan runs', async () => {
    expect((await engine.scanDataset(request(1000, 5))).graphs).toBe(5); // opens the model
    const tensors = (await engine.memory()).numTensors;
    const running = engine.scanDataset(request(1000, 600), () => void engine.cancelScan());
    await expect(running).rejects.toThrow('the scan was cancelled');
    expect((await engine.memory()).numTensors).toBe(tensors);
    expect((await engine.scanDataset(request(1000, 6))).graphs).toBe(6);
  });

  it('equals scanSplit on the same seeded model and graphs, and is its own base', async () => {
    const progress: DatasetScanProgress[] = [];
    const scan = await engine.scanDataset(request(1000), (p) => progress.push(p));
    // The layers first, then the statistics still running when the forward ends (here, in one thread, none are:
    // each layer is summarised as soon as its forward is done), named as such.
    const forward = progress.filter((p) => p.stage === 'forward');
    const statistics = progress.filter((p) => p.stage === 'statistics');
    const layers = reference.layers.length;
    expect(forward.map((p) => p.done)).toEqual(Array.from({ length: layers }, (_, l) => l + 1));
    expect(forward.every((p) => p.total === layers)).toBe(true);
    expect(statistics.map((p) => p.done)).toEqual([layers]);
    expect(statistics.every((p) => p.total === layers)).toBe(true);
    expect(progress.indexOf(statistics[0])).toBeGreaterThan(progress.indexOf(forward.at(-1)!));
    expect(progress.every((p) => p.phase === 'model')).toBe(true);
    expect([scan.graphs, scan.splitSize, scan.edges]).toEqual([LIMIT, 1000, reference.edges]);
    expect(scan.isBase).toBe(true);
    expect(scan.bondTypes.map((t) => t.name)).toEqual(['SINGLE', 'DOUBLE', 'TRIPLE'].slice(0, scan.bondTypes.length));
    scan.layers.forEach((layer, l) => {
      const want = reference.layers[l];
      expect(Array.from(layer.perGraphMax)).toEqual(Array.from(want.perGraphMax));
      expect(Array.from(layer.curve)).toEqual(Array.from(want.curve));
      expect(Array.from(layer.histogram.counts)).toEqual(Array.from(want.distribution.histogram!.counts));
      expect(layer.histogram.size).toBe(want.distribution.size);
      expect(layer.gamma).toEqual(want.distribution.gamma);
      expect(layer.own.ks).toBe(want.distribution.own.ks);
      expect(layer.own.logLikelihood).toBe(want.distribution.own.logLikelihood);
      expect(layer.againstBase).toBeNull();
      expect(layer.fractionEdgesMassive).toBe(want.fractionEdgesMassive);
      expect(layer.fractionGraphsMassive).toBe(want.fractionItemsMassive);
    });
    const band = baseBand(reference.layers.map((l) => l.curve));
    expect(scan.base?.band).toEqual({ min: band.min, max: band.max });
    expect(scan.base?.layers[2].gamma).toEqual(scan.layers[2].gamma);
  });

  it('counts MAs by bond type and per graph as the per-edge ratios say, for any threshold', async () => {
    const threshold = middleThreshold();
    const scan = await engine.scanDataset(request(threshold));
    const graphOf = graphOfEdges(graphs);
    scan.layers.forEach((layer, l) => {
      const ratios = reference.layers[l].perEdgeRatio;
      scan.bondTypes.forEach(({ type, edges }, t) => {
        let massive = 0;
        let total = 0;
        const withMa = new Set<number>();
        ratios.forEach((r, e) => {
          if (reference.bondTypeOfEdge[e] !== type) return;
          total++;
          if (r > threshold) {
            massive++;
            withMa.add(graphOf[e]);
          }
        });
        expect(total).toBe(edges);
        expect(layer.massiveEdgesByType[t]).toBe(massive);
        expect(layer.graphsByType[t]).toBe(withMa.size);
        expect(layer.rateByType[t]).toBeCloseTo(massive / total, 12);
        graphs.forEach((_, g) => expect(Boolean(layer.typeMaskOfGraph[g] & (1 << t))).toBe(withMa.has(g)));
      });
      // A graph has some type with an MA exactly when its maximum passes the threshold.
      layer.perGraphMax.forEach((m, g) => expect(layer.typeMaskOfGraph[g] !== 0).toBe(m > threshold));
    });
    expect(scan.layers[0].fractionGraphsMassive).toBeGreaterThan(0);
    expect(scan.layers[0].fractionGraphsMassive).toBeLessThan(1);
  });

  it('keeps results per request and leaves no tensors behind', async () => {
    const first = await engine.scanDataset(request(1000));
    expect(await engine.scanDataset(request(1000))).toBe(first);
    const before = tf.memory().numTensors;
    const other = await engine.scanDataset(request(1000, 12));
    expect(tf.memory().numTensors).toBe(before);
    expect(other.graphs).toBe(12);
    expect(Array.from(other.layers[1].perGraphMax)).toEqual(Array.from(first.layers[1].perGraphMax.subarray(0, 12)));
  });

  it('says what is wrong with a bad request', async () => {
    await expect(engine.scanDataset(request(0.5))).rejects.toThrow(/threshold must be a number of at least 1/);
    await expect(engine.scanDataset(request(1000, 0))).rejects.toThrow(/at least 1/);
    await expect(engine.scanDataset({ ...request(1000), modelEntry: 'ckpt:nope' })).rejects.toThrow(/no model/);
  });
});

describe('a trained checkpoint against its base checkpoint', () => {
  it('scans the base first, and scores each layer against the base fit as scanSplit does', async () => {
    const phases = new Set<string>();
    const scan = await engine.scanDataset(
      { dataset: 'zinc', split: 'test', modelEntry: 'ckpt:gt-zinc-trained', threshold: 1000, limit: 24 },
      (p) => phases.add(p.phase),
    );
    expect([...phases]).toEqual(['base', 'model']);
    expect(scan.isBase).toBe(false);
    expect(scan.base?.modelEntry).toBe('ckpt:gt-zinc-base');
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const few = zinc.splits.test.slice(0, 24);
    const base = await loadCheckpointFolder(join(MODELS, 'gt-zinc-base'));
    const trained = await loadCheckpointFolder(join(MODELS, 'gt-zinc-trained'));
    const baseScan = await scanSplit(base.model, few, zinc.spec);
    const fits = baseScan.layers.map((l) => (l.distribution.fitConverged ? l.distribution.gamma : undefined));
    const want = await scanSplit(trained.model, few, zinc.spec, { referenceFits: fits });
    [base, trained].forEach(({ model }) => disposeParams(model.params));
    scan.layers.forEach((layer, l) => {
      expect(layer.againstBase?.ks).toBe(want.layers[l].distribution.againstReference?.ks);
      expect(layer.own.ks).toBe(want.layers[l].distribution.own.ks);
      expect(scan.base?.layers[l].gamma).toEqual(baseScan.layers[l].distribution.gamma);
    });
    const band = baseBand(baseScan.layers.map((l) => l.curve));
    expect(scan.base?.band).toEqual({ min: band.min, max: band.max });
  }, 120_000);
});

describe('helpers', () => {
  it('counts a hand-made case: 2 graphs, 3 bond types', () => {
    // graph 0: edges 0-3, graph 1: edges 4-7; type index per edge; ratios, threshold 100 (strictly above).
    const typeIndexOf = Int32Array.from([0, 0, 1, 1, 0, 0, 2, 2]);
    const perEdgeRatio = Float64Array.from([150, 3, 100, 2, NaN, 101, 500, 900]);
    const counts = massiveByBondType(
      { perEdgeRatio, perGraphMax: Float64Array.from([150, 900]) },
      { graphOf: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), typeIndexOf, edgesOfType: [4, 2, 2] },
      100,
    );
    expect(Array.from(counts.massiveEdgesByType)).toEqual([2, 0, 2]);
    expect(Array.from(counts.graphsByType)).toEqual([2, 0, 1]);
    expect(Array.from(counts.rateByType)).toEqual([0.5, 0, 1]);
    expect(Array.from(counts.typeMaskOfGraph)).toEqual([0b001, 0b101]);
    expect(counts.fractionEdgesMassive).toBe(4 / 8);
    expect(counts.fractionGraphsMassive).toBe(1);
  });

  it('picks the base model of the same architecture, a served checkpoint first', () => {
    const entry = (id: string, state: ModelEntry['state'], layers = 10): ModelEntry => ({
      id,
      label: id,
      detail: '',
      dataset: 'zinc',
      model: 'gt',
      state,
      layers,
      heads: 8,
      hidden: 64,
    });
    const trained = entry('ckpt:t', 'trained');
    const small = entry('base:small-gt-zinc', 'base', 4);
    expect(baseEntryFor(trained, [trained, small, entry('ckpt:b', 'base')])?.id).toBe('ckpt:b');
    expect(baseEntryFor(trained, [trained, small])).toBeNull();
    expect(baseEntryFor(small, [trained, small])).toBe(small);
    // a global-node model is compared with the untrained global-node checkpoint, not the plain one listed first
    const global = { ...entry('ckpt:gt-zinc-global-trained', 'trained'), family: 'gt-global' };
    const globalBase = { ...entry('ckpt:gt-zinc-global-base', 'base'), family: 'gt-global' };
    expect(baseEntryFor(global, [entry('ckpt:b', 'base'), globalBase, global])?.id).toBe('ckpt:gt-zinc-global-base');
    expect(baseEntryFor(trained, [globalBase, entry('ckpt:b', 'base')])?.id).toBe('ckpt:b');
  });
});
