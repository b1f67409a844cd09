/**
 * Issue 8 in real Chromium (wasm): a broken file gets a message and changes nothing; a dropped CSV of SMILES lists
 * its molecules, reports its bad row by line, and draws each with bonds whose MA ratios equal a Node computation
 * (same seeded base model on cpu, same SMILES featurised for ZINC); a link made with a file falls back with a
 * notice; SVG, PNG and CSV exports match the view; the TOX21 task choice moves the highlight and survives a link.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import * as tf from '@tensorflow/tfjs-core';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseMolecule } from '../../src/chem/molecule';
import { initRDKit } from '../../src/chem/rdkit';
import { batchGraphs } from '../../src/data/graphBatch';
import { featurizerSpec, moleculeGraph } from '../../src/data/moleculeGraphs';
import { preset } from '../../src/gnn/config';
import { createModel, forwardTidy } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { median } from '../../src/ma/median';
import { useBackend } from '../unit/helpers/backends';
import { launchChromium, watchErrors } from './helpers/browser';

const SMALL_GT = 'base:small-gt-zinc';
const TOX_GT = 'base:small-gt-tox21';
const LONG = { timeout: 150_000 };
const SMILES = ['CCO', 'c1ccccc1O', 'N#Cc1ccccc1', 'CC(=O)Nc1ccc(O)cc1', 'OC(=O)c1ccccc1'];
/** Line 4 holds a SMILES RDKit cannot read, with markup that must stay text. */
const CSV = [
  'smiles,value',
  `${SMILES[0]},1`,
  `${SMILES[1]},2`,
  'C1CC(<b>x</b>,3',
  ...SMILES.slice(2).map((s) => `${s},4`),
];

/** Per bond, the maximum over layers of max|s| / median|s| over its two directed edges, on Node's cpu. */
async function nodeRatios(smiles: string): Promise<number[]> {
  await initRDKit();
  await useBackend('cpu');
  const molecule = parseMolecule(smiles, { inputKekule: true, maxAtoms: 150 });
  const graph = moleculeGraph(molecule, 'zinc', [null]);
  const model = createModel(preset('small-gt-zinc', { seed: 41 }));
  const result = forwardTidy(model, batchGraphs([graph], featurizerSpec('zinc', 1)), { capture: true });
  const hidden = model.config.hidden;
  const perLayer = result.captures.map((capture) => {
    const scores = capture.edgeScore.dataSync();
    const edgeRatio = (e: number) => {
      const row = Array.from(scores.subarray(e * hidden, (e + 1) * hidden), Math.abs);
      return Math.max(...row) / median(row);
    };
    return Array.from(graph.bondBegin, (_, k) => Math.max(edgeRatio(2 * k), edgeRatio(2 * k + 1)));
  });
  tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
  disposeParams(model.params);
  return perLayer[0].map((_, k) => Math.max(...perLayer.map((layer) => layer[k])));
}

/** Every bond's data-ma-ratio once all are filled in. */
async function shownRatios(page: Page, numBonds: number): Promise<string[]> {
  const read = () =>
    page.$$eval('g.bond[data-testid^="bond-"]', (bonds) => bonds.map((b) => b.getAttribute('data-ma-ratio') ?? ''));
  await expect.poll(async () => (await read()).filter((r) => r !== '').length, LONG).toBe(numBonds);
  return read();
}

const title = (page: Page) => page.getByTestId('molecule-title').textContent();

async function analysedWith(page: Page, model: string) {
  const view = page.getByTestId('molecule-view');
  const state = async () =>
    `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`;
  await expect.poll(state, LONG).toBe(`ready ${model}`);
}

async function chooseModel(page: Page, model: string) {
  const select = page.getByTestId('model-select');
  await expect.poll(() => select.locator(`option[value="${model}"]`).count(), LONG).toBe(1);
  await select.selectOption(model);
  await analysedWith(page, model);
}

async function downloaded(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

describe('file drop and export', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('answers a broken file with a message and keeps the dataset and view', async () => {
    await chooseModel(page, SMALL_GT);
    await expect.poll(() => title(page)).toContain('test #0');
    // Dropped on the drop zone, as a person would (the good file below goes through the file input).
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 7, 0, 1])], 'broken.csv'));
      const zone = document.querySelector('[data-testid="file-drop"]')!;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('file-drop-error').textContent(), LONG).toContain('broken.csv');
    expect(await page.getByTestId('file-drop-error').textContent()).toContain('not a text file');
    expect(await page.getByTestId('dataset-select').inputValue()).toBe('zinc');
    expect(await title(page)).toContain('test #0');
    expect(await page.getByTestId('molecule-row-0').count()).toBe(1);
  }, 200_000);

  it('lists a dropped CSV, reports its bad row by line as text, and colours a molecule as Node computes it', async () => {
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV.join('\n')) });
    const rejected = page.getByTestId('rejected-row');
    await expect.poll(() => rejected.count(), LONG).toBe(1);
    expect(await rejected.getAttribute('data-line')).toBe('4');
    expect(await rejected.textContent()).toMatch(/^line 4: \S/);
    expect(await page.locator('[data-testid="file-drop-report"] b').count()).toBe(0);
    expect(await page.getByTestId('file-drop-summary').textContent()).toContain('5 of 6 molecules read, 1 rejected');
    expect(await page.getByTestId('dataset-select').inputValue()).toBe('user-file');
    for (const [i, smiles] of SMILES.entries())
      expect(await page.getByTestId(`molecule-row-${i}`).locator('.row-smiles').textContent()).toBe(smiles);

    await page.getByTestId('molecule-row-3').click();
    await expect.poll(() => title(page), LONG).toBe('mine.csv · #3 (line 6)');
    await analysedWith(page, SMALL_GT);
    const expected = await nodeRatios(SMILES[3]);
    const shown = (await shownRatios(page, expected.length)).map(Number);
    expected.forEach((want, k) =>
      expect(Math.abs(shown[k] - want) / want, `bond ${k}: ${shown[k]} vs ${want}`).toBeLessThan(1e-3),
    );
    const colours = await page.$$eval('g.bond line.bond-band', (lines) => lines.map((l) => l.getAttribute('stroke')));
    expect(colours.every((c) => c !== null && c !== 'none')).toBe(true);
  });

  it('exports SVG with one group per bond, a 2x PNG, and CSV numbers equal to the bonds’ data-ma-ratio', async () => {
    const numBonds = await page.locator('g.bond[data-testid^="bond-"]').count();
    const svg = await downloaded(page, 'export-svg');
    expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
    // The page says what was saved, beside the buttons and as a toast.
    await expect.poll(() => page.getByTestId('export-saved').textContent()).toContain(svg.download.suggestedFilename());
    expect(await page.getByTestId('toasts').textContent()).toContain(`Saved ${svg.download.suggestedFilename()}`);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.tagName,
        bonds: Array.from(doc.querySelectorAll('g.bond')).map((g) => g.querySelectorAll('line').length),
        width: Number(doc.documentElement.getAttribute('width')),
        styled: doc.querySelector('line.bond-line')?.getAttribute('style') ?? '',
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed.error).toBe(0);
    expect(parsed.root).toBe('svg');
    expect(parsed.bonds).toHaveLength(numBonds);
    expect(parsed.bonds.every((lines) => lines > 0)).toBe(true);
    expect(parsed.styled).toContain('stroke:');

    const png = await downloaded(page, 'export-png');
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(2 * parsed.width);

    const csv = await downloaded(page, 'export-csv');
    await expect.poll(() => page.getByTestId('export-saved').textContent()).toContain(csv.download.suggestedFilename());
    expect(await page.getByTestId('export-saved').textContent()).toMatch(/MA ratio of every bond in every layer/);
    const text = csv.bytes.toString('utf8');
    const meta = JSON.parse(text.slice(text.indexOf('{'), text.indexOf('\n')));
    expect(meta.model.id).toBe(SMALL_GT);
    expect(meta.molecule.smiles).toBe(SMILES[3]);
    expect(meta.threshold).toBe(1000);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, comments: '#', skipEmptyLines: true }).data;
    const attributes = await shownRatios(page, numBonds);
    expect(rows.map((r) => r.ma_ratio_shown)).toEqual(attributes);
  });

  it('cannot carry the file in a link: opening it falls back to the family’s dataset with a notice', async () => {
    const hash = await page.evaluate(() => window.location.hash);
    expect(hash).toContain('file=mine.csv');
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const otherErrors = watchErrors(other);
    await other.goto(`${inject('baseUrl')}${hash}`);
    await expect.poll(() => other.getByTestId('url-notice').textContent(), LONG).toContain('mine.csv');
    expect(await other.getByTestId('url-notice').textContent()).toContain('cannot travel in a link');
    expect(await other.getByTestId('dataset-select').inputValue()).toBe('zinc');
    await expect.poll(() => title(other), LONG).toContain('test #0');
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it('highlights the chosen TOX21 task, explains it, and keeps it through a link', async () => {
    await page.getByTestId('dataset-select').selectOption('tox21');
    await chooseModel(page, TOX_GT);
    // The 12 tasks are one compact strip (no scroll box); the chosen one is outlined.
    const highlighted = () => page.getByTestId('prediction-target').locator('.task-name').textContent();
    const names = await page.getByTestId('target-select').locator('option').allTextContents();
    expect(names).toHaveLength(12);
    expect(await page.getByTestId('task-strip').locator('button').count()).toBe(12);
    expect(await highlighted()).toBe(names[0]);
    await page.getByTestId('target-select').selectOption('3');
    await expect.poll(highlighted).toBe(names[3]);
    // A click on a task in the strip picks it too.
    await page.getByTestId('task-5').click();
    await expect.poll(highlighted).toBe(names[5]);
    await page.getByTestId('target-select').selectOption('3');
    await expect.poll(highlighted).toBe(names[3]);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('tgt=3');

    await page.getByTestId('color-mode').selectOption('attribution');
    await expect
      .poll(() => page.getByTestId('molecule-view').getAttribute('data-attribution-status'), LONG)
      .toBe('ready');
    expect(await page.getByTestId('attribution-legend').textContent()).toContain(`of ${names[3]}`);
    // Occlusion scores bonds only: the atoms stay unshaded and the note says why; gradient x input shades both.
    expect(await page.locator('circle.atom-shade').count()).toBe(0);
    expect(await page.getByTestId('atom-shade-note').textContent()).toContain('Atoms are not shaded');
    await page.getByTestId('attribution-method').selectOption('gradInput');
    await expect.poll(() => page.locator('circle.atom-shade').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('atom-shade-note').textContent()).toContain(
      'gradient × input on the atom embeddings',
    );
    await page.getByTestId('attribution-method').selectOption('occlusion');

    const hash = await page.evaluate(() => window.location.hash);
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(`${inject('baseUrl')}${hash}`);
    await analysedWith(other, TOX_GT);
    expect(await other.getByTestId('target-select').inputValue()).toBe('3');
    expect(await other.getByTestId('prediction-target').locator('.task-name').textContent()).toBe(names[3]);
    await other.close();
    expect(errors).toEqual([]);
  });
});
