/**
 * The analysis panels' pure parts and their state: brushing picks exactly the right rows, the list filter, the
 * layer strip's counts, histogram densities, the panel in the URL, and the controller that runs scans (a fake
 * engine records what it was asked).
 */
import { describe, expect, it } from 'vitest';
import type {
  DatasetScanLayer,
  DatasetScanProgress,
  DatasetScanRequest,
  DatasetScanResult,
  MoleculeAnalysis,
} from '../../src/engine/api';
import { startAnalysis } from '../../src/state/analysisController';
import { scanForView } from '../../src/state/slices/analysisSlice';
import { createAppStore } from '../../src/state/store';
import { decodeUrl, encodeUrl, URL_DEFAULTS } from '../../src/state/urlState';
import { panelLayer } from '../../src/ui/analysis/analysisLayer';
import {
  applyMoleculeFilter,
  perGraphMaxOf,
  rangeFilter,
  rowsWithMaOnType,
  typeFilter,
} from '../../src/ui/analysis/brushing';
import { densityBins, gammaDensity, oneValueDensity } from '../../src/ui/analysis/histogramGeometry';
import { layerCounts } from '../../src/ui/LayerStrip';

/** A scan of 4 graphs, 2 layers, bond types SINGLE (index 0) and TRIPLE (index 1). */
function fakeScan(): DatasetScanResult {
  const layer = (perGraphMax: number[], masks: number[]): DatasetScanLayer => ({
    histogram: { edges: Float64Array.from([0, 1, 2]), counts: Float64Array.from([3, 1]), size: 4 },
    gamma: { a: 2, loc: -1, scale: 0.5 },
    fitConverged: true,
    own: { ks: 0.1, logLikelihood: -1 },
    againstBase: null,
    fractionEdgesMassive: 0,
    fractionGraphsMassive: 0,
    maxGraphRatio: Math.max(...perGraphMax.filter((m) => !Number.isNaN(m))),
    perGraphMax: Float64Array.from(perGraphMax),
    curve: Float64Array.from(perGraphMax.filter((m) => !Number.isNaN(m)).sort((a, b) => a - b)),
    massiveEdgesByType: new Int32Array(2),
    rateByType: new Float64Array(2),
    graphsByType: new Int32Array(2),
    typeMaskOfGraph: Uint32Array.from(masks),
    curvature: { massive: new Int32Array(1), enrichment: Float64Array.from([NaN]) },
    globalShare: null,
  });
  return {
    key: 'k',
    modelEntry: 'base:small-gt-zinc',
    modelLabel: 'GT small',
    dataset: 'zinc',
    split: 'test',
    threshold: 1000,
    graphs: 4,
    splitSize: 1000,
    edges: 20,
    bondTypes: [
      { type: 1, name: 'SINGLE', edges: 16 },
      { type: 3, name: 'TRIPLE', edges: 4 },
    ],
    curvatureBins: [{ lo: -2, hi: 2, edges: 20, share: 1 }],
    layers: [layer([50, 2000, NaN, 1500], [0b00, 0b01, 0b00, 0b11]), layer([3000, 10, 40, NaN], [0b10, 0, 0, 0])],
    base: null,
    isBase: true,
    backend: 'cpu',
    seconds: 1,
  };
}

describe('brushing', () => {
  it('a heatmap cell picks the rows with an MA on that bond type in that layer', () => {
    const scan = fakeScan();
    expect(Array.from(rowsWithMaOnType(scan, 0, 0))).toEqual([1, 3]);
    expect(Array.from(rowsWithMaOnType(scan, 0, 1))).toEqual([3]);
    expect(Array.from(rowsWithMaOnType(scan, 1, 1))).toEqual([0]);
    const filter = typeFilter(scan, 0, 1);
    expect(filter.label).toBe('MA on a triple bond in layer 1');
    expect([filter.dataset, filter.split]).toEqual(['zinc', 'test']);
  });

  it('a ratio range picks the rows whose largest ratio lies in it (in a layer, or in any layer)', () => {
    const scan = fakeScan();
    expect(Array.from(rowsWithMaxInRangeOf(scan, 0, 1000, 2000))).toEqual([1, 3]);
    expect(Array.from(rowsWithMaxInRangeOf(scan, 1, 5, 50))).toEqual([1, 2]);
    expect(Array.from(perGraphMaxOf(scan, 'max'))).toEqual([3000, 2000, 40, 1500]);
    const any = rangeFilter(scan, 'max', 1000, 5000);
    expect(Array.from(any.indices)).toEqual([0, 1, 3]);
    expect(any.label).toBe('largest ratio in any layer between 1,000 and 5,000');
    expect(any.range).toEqual({ layer: 'max', low: 1000, high: 5000 });
  });

  it('the list keeps the searched rows that the filter picked, in order', () => {
    const filter = { ...typeFilter(fakeScan(), 0, 0) };
    expect(Array.from(applyMoleculeFilter(Int32Array.from([0, 1, 2, 3, 4]), filter))).toEqual([1, 3]);
    expect(Array.from(applyMoleculeFilter(Int32Array.from([3, 2]), filter))).toEqual([3]);
    expect(Array.from(applyMoleculeFilter(Int32Array.from([3, 2]), null))).toEqual([3, 2]);
  });

  it('"max" shows the layer with the largest ratio', () => {
    expect(panelLayer(fakeScan(), 'max')).toBe(1);
    expect(panelLayer(fakeScan(), 0)).toBe(0);
    expect(panelLayer(fakeScan(), 7)).toBe(1);
  });
});

const rowsWithMaxInRangeOf = (scan: DatasetScanResult, layer: number, low: number, high: number) =>
  rangeFilter(scan, layer, low, high).indices;

describe('layer strip and histogram geometry', () => {
  it('counts bonds strictly above the threshold per layer and for the maximum over layers, NaN skipped', () => {
    const analysis = {
      numLayers: 2,
      numBonds: 3,
      bondRatios: [Float64Array.from([10, 1000, NaN]), Float64Array.from([1001, 5, NaN])],
    } as unknown as MoleculeAnalysis;
    expect(layerCounts(analysis, 1000)).toEqual([
      { layer: 0, massive: 0, peak: 1000 },
      { layer: 1, massive: 1, peak: 1001 },
      { layer: 'max', massive: 1, peak: 1001 },
    ]);
  });

  it('turns counts into densities that integrate to 1, and draws the Gamma density inside its support', () => {
    const histogram = { edges: Float64Array.from([-3, -1, 1, 3]), counts: Float64Array.from([1, 6, 3]), size: 10 };
    const bins = densityBins(histogram);
    expect(bins.reduce((sum, b) => sum + b.density * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12);
    expect(oneValueDensity(histogram)).toBeCloseTo(1 / 20, 12);
    const pdf = gammaDensity({ a: 2, loc: 0, scale: 1 }, [-1, 3], 4);
    expect(pdf.map(([x]) => x)).toEqual([1, 2, 3]); // x = -1 and 0 are outside (0 has density 0)
    expect(pdf[0][1]).toBeCloseTo(Math.exp(-1), 12);
  });
});

describe('analysis state', () => {
  it('puts the open analysis panel in the link and reads it back', () => {
    const hash = encodeUrl({ ...URL_DEFAULTS, openPanels: ['analysis'] });
    expect(hash).toContain('panels=analysis');
    expect(decodeUrl(hash).state.openPanels).toEqual(['analysis']);
  });

  it('scans on request, reports progress, re-derives for a new threshold, and drops a stale answer', async () => {
    const store = createAppStore();
    store.setState({ modelEntryId: 'base:small-gt-zinc', datasetName: 'zinc', split: 'test' });
    const asked: DatasetScanRequest[] = [];
    const progress: (DatasetScanProgress | null)[] = [];
    store.subscribe((s, before) => s.scanProgress !== before.scanProgress && progress.push(s.scanProgress));
    const engine = {
      scanDataset: async (request: DatasetScanRequest, onProgress?: (p: DatasetScanProgress) => void) => {
        asked.push(request);
        onProgress?.({ phase: 'model', stage: 'forward', done: 5, total: 10 });
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { ...fakeScan(), threshold: request.threshold, modelEntry: request.modelEntry };
      },
      cancelScan: async () => {},
    };
    const stop = startAnalysis(store, engine);
    expect(asked).toEqual([]); // nothing runs until asked
    store.getState().setScanLimit(100);
    store.getState().requestScan();
    await waitUntil(() => store.getState().scanResult.status === 'ready');
    expect(asked).toEqual([
      { modelEntry: 'base:small-gt-zinc', dataset: 'zinc', split: 'test', threshold: 1000, limit: 100 },
    ]);
    expect(progress).toContainEqual({ phase: 'model', stage: 'forward', done: 5, total: 10 });
    expect(store.getState().scanProgress).toBeNull();
    expect(scanForView(store.getState())?.threshold).toBe(1000);

    store.getState().setThreshold(500);
    expect(scanForView(store.getState())).toBeNull(); // the shown scan is for another threshold
    store.getState().setThreshold(200); // before the 500 answer arrives
    await waitUntil(() => store.getState().scanResult.status === 'ready');
    expect(asked.map((r) => r.threshold)).toEqual([1000, 500, 200]);
    expect(scanForView(store.getState())?.threshold).toBe(200);

    store.getState().chooseModel('base:small-san-zinc');
    expect(scanForView(store.getState())).toBeNull();
    expect(asked).toHaveLength(3); // another model waits for its own Scan click
    stop();
  });

  it('Cancel stops the running scan in the engine and drops its late answer', async () => {
    const store = createAppStore();
    store.setState({ modelEntryId: 'base:small-gt-zinc', datasetName: 'zinc', split: 'test' });
    let release = () => {};
    let cancels = 0;
    const engine = {
      scanDataset: (request: DatasetScanRequest) =>
        new Promise<DatasetScanResult>((resolve) => {
          release = () => resolve({ ...fakeScan(), threshold: request.threshold, modelEntry: request.modelEntry });
        }),
      cancelScan: async () => {
        cancels++;
      },
    };
    const stop = startAnalysis(store, engine);
    store.getState().requestScan();
    expect(store.getState().scanResult.status).toBe('loading');
    store.getState().cancelScan();
    expect(cancels).toBe(1);
    expect(store.getState().scanResult.status).toBe('idle');
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.getState().scanResult.status).toBe('idle');
    stop();
  });

  it('a new scan clears the molecule filter', () => {
    const store = createAppStore();
    store.setState({ modelEntryId: 'base:small-gt-zinc' });
    store.getState().setMoleculeFilter(typeFilter(fakeScan(), 0, 0));
    store.getState().requestScan();
    expect(store.getState().moleculeFilter).toBeNull();
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
