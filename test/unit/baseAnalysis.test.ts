/**
 * The base checkpoints' recorded dataset analyses (scan.json's baseAnalysis, src/engine/baseAnalysis.ts): each
 * against a live scan of its test split, and the engine's first analysis of a shipped model, which takes the
 * base's numbers from the record, against the same analysis with the base run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpointFolder } from '../../src/cli/checkpointFiles';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import type { DatasetScanProgress, Engine } from '../../src/engine/api';
import { recordBaseAnalysis } from '../../src/engine/baseAnalysis';
import { HISTOGRAM_BINS } from '../../src/engine/datasetScan';
import { recordedScanSchema } from '../../src/engine/recordedScans';
import { scanSplit } from '../../src/engine/scan';
import { parseModelIndex } from '../../src/gnn/modelIndex';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from './helpers/backends';
import { createServedEngine } from './helpers/engines';

const MODELS = join(process.cwd(), 'public/models');
const index = parseModelIndex(JSON.parse(readFileSync(join(MODELS, 'index.json'), 'utf8')));
const recorded = (path: string) =>
  recordedScanSchema.parse(JSON.parse(readFileSync(join(MODELS, path, 'scan.json'), 'utf8')));

/** Equal numbers, to 1e-9 relative; NaN and null where the other has them. */
function expectClose(got: unknown, want: unknown, path = ''): void {
  if (typeof want === 'number' && typeof got === 'number') {
    if (Number.isNaN(want)) expect(got, path).toBeNaN();
    else expect(Math.abs(got - want), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  } else if (want && typeof want === 'object') {
    expect(Object.keys(got as object).sort(), path).toEqual(Object.keys(want).sort());
    for (const [k, v] of Object.entries(want)) expectClose((got as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(got, path).toEqual(want);
}

beforeAll(() => useBackend('wasm'));

describe('recorded base analyses', () => {
  it('every shipped base checkpoint records its analysis of its whole test split', async () => {
    const bases = index.models.filter((m) => m.variant === 'base');
    expect(bases.length).toBeGreaterThan(5);
    for (const entry of bases) {
      const scan = recorded(entry.path);
      const test = (await loadBundledDataset(entry.dataset, folderBundleSource())).splits.test;
      expect(scan.baseAnalysis?.graphs, entry.id).toBe(test.length);
      expect(scan.baseAnalysis?.histogramBins, entry.id).toBe(HISTOGRAM_BINS);
      expect(scan.baseAnalysis?.layers, entry.id).toHaveLength(scan.layers.length);
    }
  });

  it('gt-zinc-base: the record equals a live scan of the 1000 test molecules', async () => {
    const { model } = await loadCheckpointFolder(join(MODELS, 'gt-zinc-base'));
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const live = await scanSplit(model, zinc.splits.test, zinc.spec, { histogramBins: HISTOGRAM_BINS });
    disposeParams(model.params);
    const want = JSON.parse(JSON.stringify(recordBaseAnalysis(live, HISTOGRAM_BINS)));
    const record = JSON.parse(readFileSync(join(MODELS, 'gt-zinc-base', 'scan.json'), 'utf8')).baseAnalysis;
    expectClose(record, want);
    // a histogram of every -log10 ratio of every edge: 1000 molecules, 64 features
    expect(record.layers[0].histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(live.edges * 64);
  }, 120_000);
});

describe('the first analysis of a shipped model', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createServedEngine(MODELS);
    await engine.init();
  });

  it('takes the base from its record, and equals the analysis that runs the base', async () => {
    const request = { dataset: 'proteins', split: 'test', modelEntry: 'ckpt:gt-proteins-trained', threshold: 100 };
    const phases = (progress: DatasetScanProgress[]) => [...new Set(progress.map((p) => p.phase))];
    const [withRecord, withRun] = [[], []] as DatasetScanProgress[][];
    const fast = await engine.scanDataset(request as never, (p) => withRecord.push(p));
    // another engine, so that nothing of the first analysis is kept
    const other = createServedEngine(MODELS);
    await other.init();
    const slow = await other.scanDataset({ ...request, liveBase: true } as never, (p) => withRun.push(p));
    expect(phases(withRecord)).toEqual(['model']);
    expect(phases(withRun)).toEqual(['base', 'model']);
    // the progress says so, for the panel's list of steps
    expect(withRecord.every((p) => p.baseRecorded === true)).toBe(true);
    expect(withRun.some((p) => p.baseRecorded)).toBe(false);
    expect([fast.baseRecorded, slow.baseRecorded]).toEqual([true, false]);
    expect(fast.base?.modelEntry).toBe('ckpt:gt-proteins-base');
    expectClose(JSON.parse(JSON.stringify(fast.base)), JSON.parse(JSON.stringify(slow.base)));
    fast.layers.forEach((layer, l) => {
      expect(layer.againstBase).not.toBeNull();
      expectClose(layer.againstBase, slow.layers[l].againstBase, `layer ${l}`);
    });
  }, 120_000);

  it('runs the base when the analysis covers only part of the split', async () => {
    const progress: DatasetScanProgress[] = [];
    const request = {
      dataset: 'proteins',
      split: 'test',
      modelEntry: 'ckpt:gt-proteins-ebt',
      threshold: 100,
      limit: 20,
    };
    const scan = await engine.scanDataset(request as never, (p) => progress.push(p));
    expect(scan.baseRecorded).toBe(false);
    expect(progress.some((p) => p.phase === 'base')).toBe(true);
  }, 120_000);
});
