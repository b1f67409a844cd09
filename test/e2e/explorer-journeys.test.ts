/**
 * Journeys 3 and 4 in real Chromium on WebGPU, with the small untrained GT: ablations re-run the model and undo
 * to the exact prediction; bonds coloured by attribution carry the occlusion that src/explain computes in Node
 * for the same seeded model and graph; a shared link restores the whole view in a fresh page; a broken link
 * loads the defaults with a notice and no errors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import type { FeatureSpec, Graph } from '../../src/data/graph';
import { attributeMolecule } from '../../src/explain/attribution';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from '../unit/helpers/backends';
import { launchChromium, watchErrors } from './helpers/browser';

const SMALL_GT = 'base:small-gt-zinc';
/** The ZINC test molecule with the fewest bonds (10): attributions on SwiftShader take seconds per bond. */
const SMALL_ROW = 204;
const LONG = { timeout: 150_000 };

/** Occlusion per bond on Node's cpu: the same seeded base model, the same graph. */
async function nodeOcclusion(graph: Graph, spec: FeatureSpec, threshold: number): Promise<number[]> {
  await useBackend('cpu');
  const model = createModel(preset('small-gt-zinc', { seed: 41 }));
  const tensors = tf.memory().numTensors;
  try {
    return Array.from((await attributeMolecule(model, graph, spec, { threshold })).occlusion);
  } finally {
    expect(tf.memory().numTensors).toBe(tensors);
    disposeParams(model.params);
  }
}

/** Waits until the view shows the finished analysis of the small GT, with or without ablations. */
async function analysed(page: Page, ablated: boolean) {
  const view = page.getByTestId('molecule-view');
  const state = async () =>
    [
      await view.getAttribute('data-analysis-status'),
      await view.getAttribute('data-analysis-model'),
      await view.getAttribute('data-analysis-ablated'),
    ].join(' ');
  await expect.poll(state, LONG).toBe(`ready ${SMALL_GT} ${ablated}`);
}

const attributed = (page: Page) =>
  expect.poll(() => page.getByTestId('molecule-view').getAttribute('data-attribution-status'), LONG).toBe('ready');

const prediction = (page: Page, which = 'prediction-value') =>
  page.getByTestId(which).first().getAttribute('data-value');

/** Every bond's data attributes, in bond order. */
const bondData = (page: Page) =>
  page.$$eval('g.bond[data-testid^="bond-"]', (bonds) =>
    bonds.map((b) => ({
      ratio: b.getAttribute('data-ma-ratio'),
      attribution: b.getAttribute('data-attribution'),
      removed: b.getAttribute('data-removed'),
    })),
  );

const title = (page: Page) => page.getByTestId('molecule-title').textContent();

function expectClose(actual: string | null, expected: string | null, what: string) {
  const [a, b] = [Number(actual), Number(expected)];
  expect(Number.isFinite(a), `${what}: ${actual}`).toBe(true);
  expect(Math.abs(a - b), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
}

describe('ablations, attributions and shared links on WebGPU', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let zincTest: Graph[];
  let zincSpec: FeatureSpec;
  let unablated: string | null;

  beforeAll(async () => {
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    [zincTest, zincSpec] = [zinc.splits.test, zinc.spec];
    browser = await launchChromium({ webgpu: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('opens ZINC with the small untrained GT', async () => {
    await expect
      .poll(() => page.getByTestId('model-select').locator(`option[value="${SMALL_GT}"]`).count(), LONG)
      .toBe(1);
    await page.getByTestId('model-select').selectOption(SMALL_GT);
    await analysed(page, false);
    unablated = await prediction(page);
    expect(Number.isFinite(Number(unablated))).toBe(true);
  });

  it('removes a bond: drawn as removed, the prediction changes, and undo restores it exactly', async () => {
    const before = await bondData(page);
    await page.getByTestId('bond-5').click();
    await page.getByTestId('ablation-remove-bond').click();
    await analysed(page, true);
    const bond = page.getByTestId('bond-5');
    expect(await bond.getAttribute('data-removed')).toBe('true');
    expect(await bond.getAttribute('class')).toContain('bond-removed');
    expect(await page.getByTestId('ablation-remove-bond').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('ablation-stack').textContent()).toContain('bond 5');
    expect(await prediction(page)).not.toBe(unablated);
    expect(await prediction(page, 'prediction-unablated')).toBe(unablated);
    expect(await page.getByTestId('prediction-change').textContent()).toMatch(/^[+−]/);
    expect(await page.getByTestId('inspector-ablated').textContent()).toContain('removed');

    await page.getByTestId('ablation-undo').click();
    await analysed(page, false);
    expect(await prediction(page)).toBe(unablated);
    expect(await bondData(page)).toEqual(before);
    expect(await page.getByTestId('prediction-change').count()).toBe(0);
  });

  it('zeroes the massive features of all bonds at a low threshold, which changes the prediction', async () => {
    await page.getByTestId('threshold-input').fill('3');
    await page.getByTestId('ablation-ma-all').click();
    await analysed(page, true);
    expect(await prediction(page)).not.toBe(unablated);
    expect(await page.getByTestId('ablation-ma-all').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('ablation-clear').click();
    await analysed(page, false);
    expect(await prediction(page)).toBe(unablated);
  });

  it('colours every bond by attribution; occlusion equals src/explain in Node', async () => {
    await page.getByTestId('threshold-input').fill('500');
    await page.getByTestId('molecule-search').fill(`#${SMALL_ROW}`);
    await page.getByTestId(`molecule-row-${SMALL_ROW}`).click();
    await page.getByTestId('molecule-search').fill('');
    await expect.poll(() => title(page)).toContain(`test #${SMALL_ROW}`);
    await page.getByTestId('color-mode').selectOption('attribution');
    await attributed(page);
    const shown = (await bondData(page)).map((b) => Number(b.attribution));
    expect(shown).toHaveLength(zincTest[SMALL_ROW].bondBegin.length);
    expect(shown.every(Number.isFinite)).toBe(true);
    expect(await page.getByTestId('attribution-legend').isVisible()).toBe(true);

    const expected = await nodeOcclusion(zincTest[SMALL_ROW], zincSpec, 500);
    const strongest = expected.reduce((best, v, k) => (Math.abs(v) > Math.abs(expected[best]) ? k : best), 0);
    expect(Math.abs(shown[strongest] - expected[strongest]), `bond ${strongest}`).toBeLessThan(
      1e-5 + 0.01 * Math.abs(expected[strongest]),
    );
    shown.forEach((v, k) => expect(Math.abs(v - expected[k]), `bond ${k}`).toBeLessThan(5e-5));

    await page.getByTestId(`bond-${strongest}`).click();
    const inspector = page.getByTestId('bond-inspector');
    await expect.poll(() => inspector.locator('h2').textContent()).toContain(`Bond ${strongest}`);
    expect(Number(await page.getByTestId('attribution-occlusion').getAttribute('data-value'))).toBe(shown[strongest]);
    for (const method of ['maAblation', 'gradInput', 'integratedGradients'])
      expect(Number.isFinite(Number(await page.getByTestId(`attribution-${method}`).getAttribute('data-value')))).toBe(
        true,
      );
    await page.getByTestId('attribution-method').selectOption('integratedGradients');
    await expect
      .poll(() => page.getByTestId(`bond-${strongest}`).getAttribute('data-attribution'))
      .toBe(await page.getByTestId('attribution-integratedGradients').getAttribute('data-value'));
  });

  it('shares a link that restores dataset, molecule, model, layer, threshold, colour, ablation, bond and panels', async () => {
    await page.getByTestId('layer-select').selectOption('2');
    await page.getByTestId('bond-1').click();
    await page.getByTestId('ablation-remove-bond').click();
    await page.getByTestId('bond-3').click();
    await page.getByRole('button', { name: 'About', exact: true }).click();
    await analysed(page, true);
    await attributed(page);
    const want = await bondData(page);
    expect(want[1].removed).toBe('true');

    await page.getByTestId('share-button').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/#v=1&ds=zinc&split=test&i=204&m=base:small-gt-zinc&layer=3&thr=500&color=attribution/);
    expect(url).toContain('&attr=ig&abl=remove-bond:1&bond=3&panels=about');

    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const freshErrors = watchErrors(fresh);
    try {
      await fresh.goto(url);
      await analysed(fresh, true);
      await attributed(fresh);
      const values = async (testId: string) => fresh.getByTestId(testId).inputValue();
      expect(await values('dataset-select')).toBe('zinc');
      expect(await values('split-select')).toBe('test');
      expect(await title(fresh)).toContain(`test #${SMALL_ROW}`);
      expect(await values('model-select')).toBe(SMALL_GT);
      expect(await values('layer-select')).toBe('2');
      expect(await values('threshold-input')).toBe('500');
      expect(await values('color-mode')).toBe('attribution');
      expect(await values('attribution-method')).toBe('integratedGradients');
      expect(await fresh.getByTestId('bond-inspector').locator('h2').textContent()).toContain('Bond 3');
      expect(await fresh.getByTestId('about-panel').isVisible()).toBe(true);
      expect(await fresh.getByTestId('ablation-stack').textContent()).toBe(
        await page.getByTestId('ablation-stack').textContent(),
      );
      const got = await bondData(fresh);
      expect(got.map((b) => b.removed)).toEqual(want.map((b) => b.removed));
      got.forEach((b, k) => {
        expectClose(b.ratio, want[k].ratio, `bond ${k} ratio`);
        if (want[k].removed === 'true') expect(b.attribution).toBe('NaN');
        else expectClose(b.attribution, want[k].attribution, `bond ${k} attribution`);
      });
      expect(await fresh.getByTestId('url-notice').count()).toBe(0);
      expect(freshErrors).toEqual([]);
    } finally {
      await fresh.close();
    }
    expect(errors).toEqual([]);
  }, 300_000);

  it('loads the defaults with a notice for a broken or old link, with no errors and nothing injected', async () => {
    const broken = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const brokenErrors = watchErrors(broken);
    const dialogs: string[] = [];
    broken.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      const hash =
        '#v=1&ds=chembl&i=-3&thr=abc&layer=0&color=rainbow&abl=remove-bond:x,explode&bond=1.5' +
        '&m=<script>alert(1)</script>&foo=<img src=x onerror=alert(1)>';
      await broken.goto(`${inject('baseUrl')}${hash}`);
      const notice = broken.getByTestId('url-notice');
      await expect.poll(() => notice.isVisible(), LONG).toBe(true);
      const text = await notice.textContent();
      for (const part of ['ds=chembl', 'i=-3', 'thr=abc', 'layer=0', 'color=rainbow', 'abl=', 'bond=1.5', 'm=', 'foo='])
        expect(text).toContain(part);
      expect(text).toContain('<img src=x onerror=alert(1)> (unknown key)'); // shown as text
      expect(await broken.locator('img').count()).toBe(0);
      expect(await broken.getByTestId('dataset-select').inputValue()).toBe('zinc');
      expect(await broken.getByTestId('threshold-input').inputValue()).toBe('1000');
      expect(await broken.getByTestId('color-mode').inputValue()).toBe('ma');
      await expect
        .poll(() => broken.getByTestId('molecule-view').getAttribute('data-analysis-status'), LONG)
        .toBe('ready');
      await expect // the page writes its hash shortly after a change (urlSync coalesces writes)
        .poll(() => broken.url())
        .toMatch(/#v=1&ds=zinc&split=test&i=0&m=[^&]+&layer=max&thr=1000&color=ma&attr=occ$/);

      await broken.goto('about:blank');
      await broken.goto(`${inject('baseUrl')}#v=0&ds=tox21&thr=5`);
      await expect.poll(() => notice.textContent(), LONG).toContain('made for version 0, so none of it was used');
      expect(await broken.getByTestId('dataset-select').inputValue()).toBe('zinc');
      expect(await broken.getByTestId('threshold-input').inputValue()).toBe('1000');
      expect(dialogs).toEqual([]);
      expect(brokenErrors).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});
