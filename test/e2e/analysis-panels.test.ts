/**
 * The analysis panels in real Chromium (wasm: WebGPU is disabled, since SwiftShader makes a dataset scan very
 * slow): the layer strip counts the bonds the molecule view colours above the threshold; a scan of the first
 * 100 ZINC test molecules with the small untrained GT shows a histogram, fit numbers, base band and heatmap equal
 * (to 1e-3) to the same scan computed in Node; a heatmap cell and a brushed ratio range filter the molecule list
 * to exactly the expected rows, with a removable chip.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import { graphOfEdges, HISTOGRAM_BINS } from '../../src/engine/datasetScan';
import { scanSplit, type ScanResult } from '../../src/engine/scan';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { baseBand } from '../../src/ma/curves';
import { useBackend } from '../unit/helpers/backends';
import { launchChromium, watchErrors } from './helpers/browser';

const MODEL = 'base:small-gt-zinc';
const SCANNED = 100;
/** Low enough that the untrained model has bonds above it (its ratios are tens to hundreds). */
const THRESHOLD = 40;
const LAYER = 1;
const LONG = { timeout: 180_000 };

function expectNear(actual: string | null, expected: number, what: string, tolerance = 1e-3) {
  const value = Number(actual);
  expect(Number.isFinite(value), `${what}: ${actual}`).toBe(true);
  expect(Math.abs(value - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

/** Row indices the list renders, top to bottom. */
const listedRows = (page: Page) =>
  page.$$eval('[data-testid^="molecule-row-"]', (rows) =>
    rows
      .map((r) => ({
        top: parseFloat((r as HTMLElement).style.top),
        index: Number(r.getAttribute('data-testid')!.slice(13)),
      }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.index),
  );

describe('analysis panels on wasm', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let node: ScanResult;
  let graphOf: Int32Array;

  beforeAll(async () => {
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const graphs = zinc.splits.test.slice(0, SCANNED);
    await useBackend('wasm');
    const model = createModel(preset('small-gt-zinc', { seed: 41 }));
    node = await scanSplit(model, graphs, zinc.spec, { histogramBins: HISTOGRAM_BINS });
    disposeParams(model.params);
    graphOf = graphOfEdges(graphs);
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1&ds=zinc&i=3&m=${MODEL}&layer=${LAYER + 1}&thr=${THRESHOLD}`);
  }, 180_000);
  afterAll(() => browser?.close());

  it('layer strip: per layer, the bonds above the threshold and the largest ratio the bonds show', async () => {
    const view = page.getByTestId('molecule-view');
    await expect.poll(() => view.getAttribute('data-analysis-status'), LONG).toBe('ready');
    const cells = ['0', '1', '2', '3', 'max'];
    let someCounted = false;
    for (const cell of cells) {
      const strip = page.getByTestId(`layer-strip-${cell}`);
      await strip.click();
      await expect.poll(() => strip.getAttribute('aria-pressed')).toBe('true');
      const ratios = (
        await page.$$eval('g.bond[data-testid^="bond-"]', (bonds) => bonds.map((b) => b.getAttribute('data-ma-ratio')))
      ).map(Number);
      expect(ratios.length).toBeGreaterThan(5);
      const above = ratios.filter((r) => r > THRESHOLD).length;
      expect(Number(await strip.getAttribute('data-count')), `layer ${cell}`).toBe(above);
      expectNear(await strip.getAttribute('data-max-ratio'), Math.max(...ratios), `max ratio, layer ${cell}`, 1e-9);
      someCounted ||= above > 0 && above < ratios.length;
    }
    expect(someCounted).toBe(true);
    await page.getByTestId(`layer-strip-${LAYER}`).click();
  });

  it('scans the first 100 molecules: histogram, fits and base band equal the Node scan', async () => {
    await page.getByTestId('analysis-open').click();
    await page.getByTestId('scan-limit').selectOption(String(SCANNED));
    const button = page.getByTestId('scan-button');
    expect(await button.textContent()).toBe('Scan test split (100 molecules)');
    await button.click();
    await page.getByTestId('analysis-grid').waitFor(LONG);
    const summary = await page.getByTestId('scan-summary').textContent();
    expect(summary).toContain('100 of 1,000 test molecules');
    // the layers were fitted in the engine's statistics workers (nested Web Workers), not in its own thread
    expect(summary).toMatch(/fits in [1-4] workers/);
    const want = node.layers[LAYER].distribution;
    const gamma = page.getByTestId('hist-gamma');
    expect(Number(await gamma.getAttribute('data-size'))).toBe(want.size);
    for (const key of ['a', 'loc', 'scale'] as const)
      expectNear(await gamma.getAttribute(`data-${key}`), want.gamma[key], `gamma ${key}`);
    expectNear(await page.getByTestId('hist-own-ks').getAttribute('data-value'), want.own.ks, 'KS');
    expectNear(await page.getByTestId('hist-own-ll').getAttribute('data-value'), want.own.logLikelihood, 'log-lik.');
    expect(await page.getByTestId('histogram-panel').getAttribute('data-layer')).toBe(String(LAYER));
    expect(await page.getByTestId('hist-pdf-model').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    const band = baseBand(node.layers.map((l) => l.curve));
    const bandRect = page.getByTestId('base-band');
    expectNear(await bandRect.getAttribute('data-min'), band.min, 'band min');
    expectNear(await bandRect.getAttribute('data-max'), band.max, 'band max');
  });

  it('heatmap: every cell’s rate and molecule count equal the Node scan; a click filters the list exactly', async () => {
    const types = [...new Set(node.bondTypeOfEdge)].sort((a, b) => a - b);
    const expected = (layer: number, type: number) => {
      const rows = new Set<number>();
      let [edges, massive] = [0, 0];
      node.layers[layer].perEdgeRatio.forEach((r, e) => {
        if (node.bondTypeOfEdge[e] !== type) return;
        edges++;
        if (r > THRESHOLD) {
          massive++;
          rows.add(graphOf[e]);
        }
      });
      return { rate: massive / edges, rows: [...rows].sort((a, b) => a - b) };
    };
    let pick: { cell: string; rows: number[] } | null = null;
    for (let layer = 0; layer < node.layers.length; layer++)
      for (const [t, type] of types.entries()) {
        const cell = page.getByTestId(`heatmap-cell-${t}-${layer}`);
        const want = expected(layer, type);
        expectNear(await cell.getAttribute('data-rate'), want.rate, `rate ${type}/${layer}`);
        expect(Number(await cell.getAttribute('data-graphs'))).toBe(want.rows.length);
        if (want.rows.length > 0 && (!pick || want.rows.length < pick.rows.length))
          pick = { cell: `heatmap-cell-${t}-${layer}`, rows: want.rows };
      }
    expect(await page.getByTestId('heatmap-legend').count()).toBe(1);
    expect(pick, 'some cell has molecules with an MA').not.toBeNull();
    await page.getByTestId(pick!.cell).click();
    const chip = page.getByTestId('filter-chip');
    await expect.poll(() => chip.getAttribute('data-count')).toBe(String(pick!.rows.length));
    expect(await chip.textContent()).toMatch(/^MA on a \w+ bond in layer \d+/);
    expect(await page.locator('.list-count').textContent()).toBe(`${pick!.rows.length} of 1000 match`);
    const rendered = await listedRows(page);
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered).toEqual(pick!.rows.slice(0, rendered.length));
    if (pick!.rows.length <= 20) expect(rendered).toEqual(pick!.rows);

    await page.getByTestId('filter-chip-remove').click();
    await expect.poll(() => chip.count()).toBe(0);
    expect(await page.locator('.list-count').textContent()).toBe('1,000 molecules');
  });

  it('brushing a ratio range on the maxima chart lists the molecules whose largest ratio lies in it', async () => {
    const chart = page.locator('.maxima-chart');
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.55, { steps: 4 });
    await page.mouse.up();
    const chip = page.getByTestId('filter-chip');
    await chip.waitFor();
    const filter = await page.evaluate(() => {
      const state = (
        window as unknown as { maExplorer: { store: { getState(): Record<string, unknown> } } }
      ).maExplorer.store.getState() as {
        moleculeFilter: { indices: Int32Array; range: { layer: number; low: number; high: number } };
      };
      return { indices: Array.from(state.moleculeFilter.indices), range: state.moleculeFilter.range };
    });
    expect(filter.range.layer).toBe(LAYER);
    expect(filter.range.low).toBeLessThan(filter.range.high);
    const maxima = node.layers[LAYER].perGraphMax;
    const want = Array.from(maxima.keys()).filter(
      (g) => maxima[g] >= filter.range.low && maxima[g] <= filter.range.high,
    );
    expect(want.length).toBeGreaterThan(0);
    expect(filter.indices).toEqual(want);
    expect(Number(await chip.getAttribute('data-count'))).toBe(want.length);
    expect(await page.getByTestId('maxima-brush').count()).toBe(1);
    await page.getByTestId('filter-chip-remove').click();
    expect(errors).toEqual([]);
  });

  it('lists the molecules with the largest ratio and opens one from the list or from its maxima line', async () => {
    const maxima = node.layers[LAYER].perGraphMax;
    const top = Array.from(maxima.keys()).sort((a, b) => maxima[b] - maxima[a])[0];
    const matches = page.getByTestId('analysis-matches');
    expect(await matches.textContent()).toContain(`largest ratio in layer ${LAYER + 1}`);
    await page.getByTestId(`match-${top}`).click();
    // The explorer comes back with that molecule; the scan is kept for when the view opens again.
    await expect.poll(() => page.getByTestId('analysis-panel').count()).toBe(0);
    await expect.poll(() => page.getByTestId('molecule-title').textContent()).toContain(`#${top}`);
    await page.getByTestId('analysis-open').click();
    await page.getByTestId('analysis-grid').waitFor(LONG);

    // Hovering the maxima chart reads out a molecule; a click there opens it.
    const chart = page.locator('.maxima-chart');
    const box = (await chart.boundingBox())!;
    const at = { x: box.x + box.width * 0.5, y: box.y + box.height * 0.5 };
    await page.mouse.move(at.x, at.y);
    const readout = await page.getByTestId('maxima-readout').textContent();
    const picked = Number(/Molecule #(\d+)/.exec(readout ?? '')?.[1]);
    expect(Number.isInteger(picked), readout ?? '').toBe(true);
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('analysis-panel').count()).toBe(0);
    await expect.poll(() => page.getByTestId('molecule-title').textContent()).toContain(`#${picked}`);
    await page.getByTestId('analysis-open').click();
    await page.getByTestId('analysis-grid').waitFor(LONG);

    // Heatmap cells have a readout for focus (and touch), not only a native tooltip.
    await page.getByTestId(`heatmap-cell-0-${LAYER}`).focus();
    expect(await page.getByTestId('heatmap-readout').textContent()).toMatch(new RegExp(`layer ${LAYER + 1}: .* edges`));
    // The summary covers every layer: one bar per layer.
    expect(await page.getByTestId('scan-layers').locator('button').count()).toBe(node.layers.length);
    expect(errors).toEqual([]);
  });

  it('a scan names its steps while it runs: each model layer by layer, then the fits still running', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { scanStages: string[] }).scanStages = seen;
      new MutationObserver(() => {
        const status = document.querySelector('[data-testid="scan-status"]');
        const stage = status?.getAttribute('data-stage');
        if (stage && status?.textContent)
          seen.push(`${stage}|${status.querySelector('.analysis-status')?.textContent}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByTestId('scan-limit').selectOption('500');
    await page.getByTestId('scan-button').click();
    await page.getByTestId('analysis-grid').waitFor(LONG);
    const stages = await page.evaluate(() => (window as unknown as { scanStages: string[] }).scanStages);
    expect(
      stages.some((s) => s.startsWith('forward|') && /run over the molecules.*: layer \d+ of \d+/.test(s)),
      stages.join('\n'),
    ).toBe(true);
    expect(stages.some((s) => s.startsWith('statistics|') && /Gamma law.*\d+ (of \d+ )?layers fitted/.test(s))).toBe(
      true,
    );
    expect(errors).toEqual([]);
  });

  it('a shipped model over the whole split takes its base from the record: the fits a run of the base gives', async () => {
    const result = await page.evaluate(async () => {
      type Scan = {
        baseRecorded?: boolean;
        base: { label: string; layers: { gamma: { a: number } }[] } | null;
        layers: { againstBase: { ks: number | null } | null }[];
      };
      const { engine } = (window as unknown as { maExplorer: { engine: { scanDataset(r: object): Promise<Scan> } } })
        .maExplorer;
      const request = { dataset: 'zinc', split: 'test', modelEntry: 'ckpt:gt-zinc-trained', threshold: 1000 };
      const recorded = await engine.scanDataset(request);
      const live = await engine.scanDataset({ ...request, liveBase: true });
      return {
        flags: [recorded.baseRecorded, live.baseRecorded],
        label: recorded.base?.label,
        shapes: recorded.base!.layers.map((l, i) => [l.gamma.a, live.base!.layers[i].gamma.a]),
        scored: recorded.layers.filter((l) => l.againstBase?.ks != null).length,
      };
    });
    expect(result.flags).toEqual([true, false]);
    expect(result.label).toMatch(/untrained/);
    for (const [a, b] of result.shapes) expectNear(String(a), b, 'recorded vs run base fit', 1e-9);
    expect(result.scored).toBe(result.shapes.length); // every layer scored against the recorded base fit
    expect(errors).toEqual([]);
  });

  it('Cancel stops a whole-split scan, and the page and the next scan still work', async () => {
    await page.getByTestId('scan-limit').selectOption('all');
    await page.getByTestId('scan-button').click();
    await page.getByTestId('scan-cancel').click();
    await page.getByTestId('scan-cancel').waitFor({ state: 'detached', ...LONG });
    expect(await page.getByTestId('scan-status').textContent()).not.toContain('failed');
    expect(await page.getByTestId('analysis-grid').count()).toBe(0);
    await page.getByTestId('scan-limit').selectOption(String(SCANNED));
    await page.getByTestId('scan-button').click();
    await page.getByTestId('analysis-grid').waitFor(LONG);
    expect(await page.getByTestId('scan-summary').textContent()).toContain('100 of 1,000 test molecules');
    expect(errors).toEqual([]);
  });
});
