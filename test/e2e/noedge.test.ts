/**
 * The NoEdge control in real Chromium (wasm): opening gt-zinc-noedge-base colours the atoms by node MA ratio (every
 * atom-<i> carries a finite data-node-ratio), the flag line says why, and the compare panel lists each model's
 * largest bond and atom ratio per layer beside the edge-featured GT.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';

const NOEDGE = 'ckpt:gt-zinc-noedge-base';
const GT = 'ckpt:gt-zinc-base';
const LONG = { timeout: 120_000 };

describe('a NoEdge model', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1&ds=zinc&i=0&m=${NOEDGE}`);
  });
  afterAll(() => browser?.close());

  it('opens in the node colour mode with a finite node ratio on every atom', async () => {
    const view = page.getByTestId('molecule-view');
    await expect
      .poll(
        async () =>
          `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`,
        LONG,
      )
      .toBe(`ready ${NOEDGE}`);
    await expect.poll(() => page.getByTestId('color-mode').inputValue()).toBe('node');
    const ratios = () =>
      page.$$eval('g.atom[data-testid^="atom-"]', (atoms) => atoms.map((a) => a.getAttribute('data-node-ratio') ?? ''));
    await expect.poll(async () => (await ratios()).filter((r) => r !== '').length, LONG).toBeGreaterThan(10);
    const values = (await ratios()).map(Number);
    expect(values.every((r) => Number.isFinite(r) && r >= 1)).toBe(true);
    expect(await page.locator('[data-testid^="atom-node-"]').count()).toBe(values.length);
    expect(await page.getByTestId('flag-line').textContent()).toMatch(/atoms massive.*no edge features in attention/);
    expect(await page.evaluate(() => location.hash)).toContain('color=node');
  });

  it('shows both models’ largest bond and atom ratios per layer side by side', async () => {
    await page.evaluate((hash) => (location.hash = hash), `v=1&ds=zinc&i=0&m=${NOEDGE}&color=node&cmp=${NOEDGE},${GT}`);
    const table = page.getByTestId('compare-layer-maxima');
    const cells = (kind: string, model: string) =>
      table
        .locator(`td[data-kind="${kind}"][data-model="${model}"]`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value') || NaN)));
    await expect.poll(async () => (await cells('node', GT)).filter(Number.isFinite).length, LONG).toBe(10);
    for (const model of [NOEDGE, GT])
      for (const kind of ['edge', 'node']) {
        const values = await cells(kind, model);
        expect(values, `${kind} ${model}`).toHaveLength(10);
        expect(
          values.every((v) => Number.isFinite(v) && v >= 1),
          `${kind} ${model}`,
        ).toBe(true);
      }
    expect(await page.locator('[data-testid="compare-pane"] [data-testid^="atom-node-"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
