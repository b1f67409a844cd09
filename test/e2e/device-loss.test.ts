/**
 * A lost WebGPU device in real Chromium (SwiftShader adapter): the device is destroyed in the engine worker as a
 * driver reset would lose it. The engine moves to wasm, the badge says so, a notice tells why, and the view (the
 * same molecule, model and selected bond) is computed again on wasm; the next molecule works too.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { engineWorker, launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 150_000 };
const LINK = '#v=1&ds=zinc&smi=c1ccccc1O&m=base:small-gt-zinc&bond=2';

async function analysis(page: Page): Promise<string> {
  const view = page.getByTestId('molecule-view');
  return `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`;
}

const predictionBackend = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          maExplorer: { store: { getState(): { analysisResult: { value: { backend: string } | null } } } };
        }
      ).maExplorer.store.getState().analysisResult.value?.backend ?? null,
  );

describe('WebGPU device loss', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    errors = watchErrors(page);
    await page.goto(inject('baseUrl') + LINK);
  });
  afterAll(() => browser?.close());

  it('falls back to wasm, keeps the state, and computes the view again', async () => {
    await expect.poll(() => analysis(page), LONG).toBe('ready base:small-gt-zinc');
    expect(await page.getByTestId('backend-badge').textContent()).toBe('webgpu');
    expect(await predictionBackend(page)).toBe('webgpu');
    const ratiosBefore = await page.$$eval('g.bond[data-testid^="bond-"]', (b) =>
      b.map((x) => x.getAttribute('data-ma-ratio')),
    );

    const worker = await engineWorker(page);
    const destroyed = await worker.evaluate(() =>
      (self as unknown as { maExplorerWorker: { destroyGpuDevice(): boolean } }).maExplorerWorker.destroyGpuDevice(),
    );
    expect(destroyed).toBe(true);

    await expect.poll(() => page.getByTestId('backend-badge').textContent(), LONG).toBe('wasm');
    await expect.poll(() => page.getByTestId('url-notice').textContent(), LONG).toMatch(/GPU device was lost/);
    await expect.poll(() => predictionBackend(page), LONG).toBe('wasm');
    expect(await analysis(page)).toBe('ready base:small-gt-zinc');
    // The same view: molecule, model and selected bond; the same numbers (wasm and WebGPU agree closely).
    expect(page.url()).toContain('smi=c1ccccc1O');
    expect(page.url()).toContain('bond=2');
    const ratiosAfter = await page.$$eval('g.bond[data-testid^="bond-"]', (b) =>
      b.map((x) => x.getAttribute('data-ma-ratio')),
    );
    expect(ratiosAfter.length).toBe(ratiosBefore.length);
    ratiosAfter.forEach((r, k) =>
      expect(Math.abs(Number(r) - Number(ratiosBefore[k])) / Number(ratiosBefore[k])).toBeLessThan(1e-3),
    );
    expect(await page.getByTestId('backend-badge').getAttribute('title')).toMatch(
      /webgpu not used: the GPU device was lost/,
    );

    // And the next molecule is analysed on wasm.
    await page.getByTestId('smiles-input').fill('CCO');
    await page.getByTestId('smiles-submit').click();
    await expect.poll(() => page.getByTestId('molecule-title').textContent(), LONG).toBe('Typed SMILES');
    await expect.poll(() => page.locator('g.bond[data-testid^="bond-"]').count(), LONG).toBe(2);
    await expect.poll(() => analysis(page), LONG).toBe('ready base:small-gt-zinc');
    expect(await predictionBackend(page)).toBe('wasm');
    expect(errors).toEqual([]);
  }, 300_000);
});
