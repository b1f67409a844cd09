/**
 * The analysis view's MAs-against-curvature panel and global-node share in real Chromium (wasm): a scan of the
 * first 100 ZINC test molecules with the shipped untrained global-node GT shows finite enrichments, empty bins
 * left empty, P(c) summing to 100%, the global node's edge types by name, and the share of MA edges on them;
 * a model without a global node shows the curvature panel and no global share.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 180_000 };
/** Low enough that the untrained models have MA edges (their ratios are tens to hundreds). */
const THRESHOLD = 40;

async function scanFirst100(page: Page, model: string) {
  await page.goto(`${inject('baseUrl')}#v=1&ds=zinc&i=0&m=${model}&thr=${THRESHOLD}&panels=analysis`);
  await page.getByTestId('scan-limit').selectOption('100');
  await expect.poll(() => page.getByTestId('scan-button').isEnabled(), LONG).toBe(true);
  await page.getByTestId('scan-button').click();
  const grid = page.getByTestId('analysis-grid');
  await expect
    .poll(async () => ((await grid.count()) ? await grid.getAttribute('data-scan-key') : ''), LONG)
    .toContain(model);
}

const attributes = (page: Page, prefix: string, name: string) =>
  page.$$eval(`[data-testid^="${prefix}"]`, (els, n) => els.map((e) => e.getAttribute(n)), name);

describe('curvature and global share on wasm', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchErrors(page);
  }, 60_000);
  afterAll(() => browser?.close());

  it('global-node GT: curvature enrichments, P(c), named virtual edge types and their MA share', async () => {
    await scanFirst100(page, 'ckpt:gt-zinc-global-base');
    const panel = page.getByTestId('curvature-panel');
    expect(await panel.textContent()).toContain('Tori, Bini et al. 2026');
    const shares = (await attributes(page, 'curvature-share-', 'data-testid')).length;
    const pc = await page.$$eval('[data-testid^="curvature-share-"]', (els) => els.map((e) => e.textContent ?? ''));
    expect(pc.length).toBe(shares);
    const total = pc.filter((t) => t.endsWith('%')).reduce((n, t) => n + parseFloat(t), 0);
    expect(Math.abs(total - 100)).toBeLessThan(1);
    const e = (await attributes(page, 'curvature-cell-', 'data-enrichment')).map(Number);
    expect(e.length).toBe(10 * shares);
    expect(e.some((x) => Number.isFinite(x) && x > 0)).toBe(true);
    // a bin without bonds (its P(c) is "–") is empty in every layer: no number, not 0
    const emptyBin = pc.findIndex((t) => t === '–');
    expect(emptyBin).toBeGreaterThanOrEqual(0);
    for (let l = 0; l < 10; l++) {
      const cell = page.getByTestId(`curvature-cell-${emptyBin}-${l}`);
      expect(await cell.getAttribute('data-enrichment')).toBe('NaN');
      expect((await cell.textContent()) ?? '').toBe('');
    }

    const heatmap = (await page.getByTestId('heatmap-panel').textContent()) ?? '';
    expect(heatmap).toContain('atom→global');
    expect(heatmap).toContain('global→atom');
    const global = page.getByTestId('global-share');
    const edgeShare = Number(await global.getAttribute('data-edge-share'));
    expect(edgeShare).toBeGreaterThan(0.3);
    expect(edgeShare).toBeLessThan(0.6);
    const perLayer = (await attributes(page, 'global-share-layer-', 'data-share')).map(Number);
    expect(perLayer.length).toBe(10);
    expect(perLayer.some((x) => x >= 0 && x <= 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a model without a global node: curvature panel, no global share', async () => {
    await scanFirst100(page, 'base:small-gt-zinc');
    await page.getByTestId('curvature-panel').waitFor();
    const e = (await attributes(page, 'curvature-cell-', 'data-enrichment')).map(Number);
    expect(e.some((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(await page.getByTestId('global-share').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
