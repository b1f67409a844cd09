/**
 * The attack panel in real Chromium (wasm): a shipped TOX21 checkpoint's recorded attack shows at once beside its
 * EBT twin; a tiny attack of two small untrained ZINC models (16 validation molecules, two σ, one ascent epoch)
 * runs in the worker and draws two lines and a row per model and σ whose GAIN is L_opt / L_rand − 1; a long run
 * is cancelled after its current batch and says so.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 180_000 };

const rows = (page: Page) =>
  page.$$eval('[data-testid="attack-row"]', (trs) =>
    trs.map((tr) => ({
      model: tr.getAttribute('data-model'),
      source: tr.getAttribute('data-source'),
      sigma: Number(tr.getAttribute('data-sigma')),
      lossRandom: Number(tr.getAttribute('data-loss-random')),
      lossOptimised: Number(tr.getAttribute('data-loss-optimised')),
      gain: Number(tr.querySelector('[data-gain]')!.getAttribute('data-gain')),
      stop: tr.getAttribute('data-stop'),
    })),
  );

/** A fresh page (a new hash alone would not reload the app) with the attack panel open and ready to run. */
async function openAttack(browser: Browser, hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors.push(...watchErrors(page));
  await page.goto(`${inject('baseUrl')}?backend=wasm${hash}`);
  await page.getByTestId('attack-toggle').click();
  await expect.poll(() => page.getByTestId('attack-run').isEnabled(), LONG).toBe(true);
  return page;
}

const errors: string[] = [];

describe('attack panel on wasm', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
  }, 60_000);
  afterAll(() => browser?.close());

  it('shows a shipped checkpoint’s recorded attack beside its EBT twin, without running', async () => {
    page = await openAttack(browser, '#v=1&ds=tox21&i=0&m=ckpt:gt-tox21-trained&panels=analysis');
    await expect.poll(() => page.getByTestId('attack-row').count(), LONG).toBe(6);
    const recorded = await rows(page);
    expect(new Set(recorded.map((r) => r.model))).toEqual(new Set(['ckpt:gt-tox21-trained', 'ckpt:gt-tox21-ebt']));
    expect(recorded.every((r) => r.source === 'recorded')).toBe(true);
    expect(await page.getByTestId('attack-legend').textContent()).toContain('recorded, 5 ascent epochs');
    expect(await page.locator('[data-testid^="attack-line-"]').count()).toBe(2);
    expect(await page.getByTestId('attack-ma-share').count()).toBe(2);
  }, 180_000);

  it('runs a tiny attack of two models in the worker: two lines, a row per model and σ', async () => {
    await page.close();
    page = await openAttack(browser, '#v=1&ds=zinc&i=0&m=base:small-gt-zinc&panels=analysis');
    await page.getByTestId('attack-model-1').selectOption('base:small-san-zinc');
    await page.getByTestId('attack-sigma-0.01').uncheck();
    await page.getByTestId('attack-epochs').selectOption('1');
    await page.getByTestId('attack-limit').selectOption('16');
    await page.getByTestId('attack-run').click();
    await expect.poll(() => page.getByTestId('attack-status').getAttribute('data-status'), LONG).toBe('done');
    const done = await rows(page);
    expect(done.map((r) => [r.model, r.sigma])).toEqual([
      ['base:small-gt-zinc', 0.0316],
      ['base:small-gt-zinc', 0.1],
      ['base:small-san-zinc', 0.0316],
      ['base:small-san-zinc', 0.1],
    ]);
    for (const r of done) {
      expect(r.source).toBe('run');
      expect(r.gain).toBeCloseTo(r.lossOptimised / r.lossRandom - 1, 9);
      expect(r.lossOptimised).toBeGreaterThanOrEqual(r.lossRandom * (1 - 1e-5));
      expect(r.stop).toBe('max-epochs');
    }
    const lines = page.locator('[data-testid^="attack-line-"]');
    expect(await lines.count()).toBe(2);
    expect(await lines.nth(1).locator('circle').count()).toBe(2);
    expect(await page.getByTestId('attack-status').textContent()).toMatch(/^Done: 2 models on the first 16 val/);
  }, 240_000);

  it('Cancel stops a long run after its current batch and says it was cancelled', async () => {
    await page.getByTestId('attack-epochs').selectOption('100');
    await page.getByTestId('attack-run').click();
    const progress = page.getByTestId('attack-progress');
    await expect.poll(async () => Number(await progress.getAttribute('data-epoch')), LONG).toBeGreaterThanOrEqual(1);
    await page.getByTestId('attack-cancel').click();
    await expect.poll(() => page.getByTestId('attack-status').getAttribute('data-status'), LONG).toBe('cancelled');
    expect(await page.getByTestId('attack-status').textContent()).toMatch(/^Cancelled: 1 model/);
    const cancelled = await rows(page);
    expect(cancelled.at(-1)!.stop).toBe('cancelled');
    expect(cancelled.every((r) => r.model === 'base:small-gt-zinc')).toBe(true);
    expect(errors).toEqual([]);
  }, 240_000);
});
