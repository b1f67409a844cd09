/**
 * The explorer in real Chromium on WebGPU: ZINC loads and lists, the molecule view colours every bond by a
 * finite MA ratio that equals an independent computation in Node (same seeded base model on cpu, same graph),
 * a clicked bond opens the inspector, next/previous change the molecule, a typed SMILES is drawn and a bad one
 * gets a message while the page keeps working.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import type { Graph } from '../../src/data/graph';
import { batchGraphs } from '../../src/data/graphBatch';
import { preset } from '../../src/gnn/config';
import { createModel, forwardTidy } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { median } from '../../src/ma/median';
import { useBackend } from '../unit/helpers/backends';
import { launchChromium, watchErrors } from './helpers/browser';

/** Per layer, per bond: max over its two directed edges of max|s| / median|s| (numpy median), on Node's cpu. */
async function nodeBondRatios(graph: Graph, spec: Parameters<typeof batchGraphs>[1]): Promise<number[][]> {
  await useBackend('cpu');
  const model = createModel(preset('small-gt-zinc', { seed: 41 }));
  const result = forwardTidy(model, batchGraphs([graph], spec), { capture: true });
  const hidden = model.config.hidden;
  const ratios = result.captures.map((capture) => {
    const scores = capture.edgeScore.dataSync();
    const edgeRatio = (e: number) => {
      const row = Array.from(scores.subarray(e * hidden, (e + 1) * hidden), Math.abs);
      return Math.max(...row) / median(row);
    };
    return Array.from(graph.bondBegin, (_, k) => Math.max(edgeRatio(2 * k), edgeRatio(2 * k + 1)));
  });
  tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
  disposeParams(model.params);
  return ratios;
}

const maxOverLayers = (perLayer: number[][]) => perLayer[0].map((_, k) => Math.max(...perLayer.map((l) => l[k])));

function expectRelativelyClose(actual: number[], expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((want, i) =>
    expect(Math.abs(actual[i] - want) / want, `${what}[${i}]: ${actual[i]} vs ${want}`).toBeLessThan(1e-3),
  );
}

/** The data-ma-ratio of every bond once all are filled in (the analysis has arrived). */
async function bondRatios(page: Page, numBonds: number): Promise<number[]> {
  const read = () =>
    page.$$eval('g.bond[data-testid^="bond-"]', (bonds) => bonds.map((b) => b.getAttribute('data-ma-ratio') ?? ''));
  await expect.poll(async () => (await read()).filter((r) => r !== '').length, { timeout: 90_000 }).toBe(numBonds);
  return (await read()).map(Number);
}

const title = (page: Page) => page.getByTestId('molecule-title').textContent();

/** Waits until the view shows the finished analysis of `modelEntry`. */
async function analysedWith(page: Page, modelEntry: string) {
  const view = page.getByTestId('molecule-view');
  await expect
    .poll(
      async () =>
        `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`,
      {
        timeout: 90_000,
      },
    )
    .toBe(`ready ${modelEntry}`);
}

const SMALL_GT = 'base:small-gt-zinc';

describe('the explorer on WebGPU', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let zincTest: Graph[];
  let zincSpec: Parameters<typeof batchGraphs>[1];

  beforeAll(async () => {
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    [zincTest, zincSpec] = [zinc.splits.test, zinc.spec];
    browser = await launchChromium({ webgpu: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('loads ZINC and lists its molecules with SMILES and targets', async () => {
    await expect.poll(() => page.getByTestId('molecule-row-0').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('dataset-select').inputValue()).toBe('zinc');
    expect(await page.locator('.list-count').textContent()).toContain('1,000 molecules');
    expect(await page.getByTestId('molecule-row-0').textContent()).toContain('Clc1ccc(CNc2ncccc2Cl)cn1');
    await page.getByTestId('molecule-search').fill('C#N');
    await expect.poll(() => page.locator('.list-count').textContent()).toMatch(/^\d+ of 1000 match$/);
    await page.getByTestId('molecule-search').fill('');
  });

  it('colours every bond with the MA ratio that Node computes for the same model and graph', async () => {
    await page.getByTestId('model-select').selectOption(SMALL_GT);
    await analysedWith(page, SMALL_GT);
    const graph = zincTest[0];
    const numBonds = graph.bondBegin.length;
    const shown = await bondRatios(page, numBonds);
    expect(shown.every((r) => Number.isFinite(r) && r > 0)).toBe(true);
    const expected = await nodeBondRatios(graph, zincSpec);
    expectRelativelyClose(shown, maxOverLayers(expected), 'max over layers');

    await page.getByTestId('layer-select').selectOption('1');
    await expect
      .poll(async () => Number(await page.getByTestId('bond-0').getAttribute('data-ma-ratio')))
      .toBeCloseTo(expected[1][0], 2);
    expectRelativelyClose(await bondRatios(page, numBonds), expected[1], 'layer 2');
    await page.getByTestId('layer-select').selectOption('max');
    expect(await page.getByTestId('prediction').textContent()).toMatch(/penalized logP/);
  });

  it('shows a clicked bond in the inspector: type, atoms and its ratio in every layer', async () => {
    const graph = zincTest[0];
    await page.getByTestId('bond-5').click();
    const inspector = page.getByTestId('bond-inspector');
    await expect.poll(() => inspector.locator('h2').textContent()).toContain('Bond 5');
    expect(await page.getByTestId('inspector-bond-type').textContent()).toContain('single');
    expect(await page.getByTestId('bond-5').getAttribute('class')).toContain('bond-selected');
    const expected = (await nodeBondRatios(graph, zincSpec)).map((layer) => layer[5]);
    const perLayer = await inspector
      .locator('circle[data-testid^="layer-ratio-"]')
      .evaluateAll((points) => points.map((p) => Number(p.getAttribute('data-ratio'))));
    expectRelativelyClose(perLayer, expected, 'bond 5 per layer');
    await expect.poll(() => page.getByTestId('activation-profile').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('attention-heads').isVisible()).toBe(true);
  });

  it('moves to the next and previous molecule with the buttons and the keyboard', async () => {
    expect(await title(page)).toContain('test #0');
    await page.getByTestId('molecule-next').click();
    await expect.poll(() => title(page)).toContain('test #1');
    const ratios = await bondRatios(page, zincTest[1].bondBegin.length);
    expect(ratios.every((r) => Number.isFinite(r) && r > 0)).toBe(true);
    await page.locator('body').press('k');
    await expect.poll(() => title(page)).toContain('test #0');
  });

  it('draws a typed SMILES, with its triple bond', async () => {
    await page.getByTestId('smiles-input').fill('N#Cc1ccccc1');
    await page.getByTestId('smiles-submit').click();
    await expect.poll(() => title(page), { timeout: 30_000 }).toBe('Typed SMILES');
    const ratios = await bondRatios(page, 8);
    expect(ratios.every((r) => Number.isFinite(r) && r > 0)).toBe(true);
    await page.getByTestId('bond-0').click();
    await expect.poll(() => page.getByTestId('inspector-bond-type').textContent()).toContain('triple');
  });

  it('answers a bad SMILES with a message and keeps the page working', async () => {
    await page.getByTestId('smiles-input').fill('C1CC(<b>x</b>');
    await page.getByTestId('smiles-submit').click();
    const message = page.getByTestId('smiles-error');
    await expect.poll(() => message.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await message.textContent()).toMatch(/"<" \(U\+003C\) at position 6, which is not part of SMILES/);
    expect(await page.locator('b').count()).toBe(0); // the input was shown as text, not markup
    expect(await title(page)).toBe('Typed SMILES'); // the last good molecule stays
    await page.getByTestId('molecule-next').click();
    await expect.poll(() => title(page)).toContain('ZINC 12k');
    await bondRatios(page, zincTest[0].bondBegin.length);
    expect(errors).toEqual([]);
  });
});
