/**
 * A saved checkpoint opened in real Chromium (wasm): model.json and weights.bin picked together open the
 * checkpoint's dataset with the model chosen, and its bonds and prediction equal the served copy of the same
 * checkpoint; one for the dataset already shown is analysed at once; a lone model.json is refused with a message and changes nothing; a link naming the opened model falls
 * back with a notice in another browser profile, since files cannot travel in a link (the same browser keeps them:
 * pytorch-and-kept.test.ts).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 150_000 };
const SERVED = 'ckpt:gt-tox21-trained';
const file = (name: string, path: string, checkpoint = 'gt-tox21-trained') => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(new URL(`../../public/models/${checkpoint}/${path}`, import.meta.url)),
});

async function analysedWith(page: Page, model: RegExp | string) {
  const view = page.getByTestId('molecule-view');
  await expect
    .poll(
      async () =>
        `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`,
      LONG,
    )
    .toMatch(typeof model === 'string' ? `ready ${model}` : new RegExp(`^ready ${model.source}$`));
}

/** What the view shows: every bond's data-ma-ratio and the prediction table's cells. */
async function shown(page: Page) {
  const ratios = await page.$$eval('g.bond[data-testid^="bond-"]', (bonds) =>
    bonds.map((b) => b.getAttribute('data-ma-ratio') ?? ''),
  );
  // A table for one or a few outputs, the 12-task strip for TOX21.
  const cells = page.getByTestId('prediction').locator('td, [data-testid="prediction-value"]');
  return { ratios, prediction: await cells.allTextContents() };
}

describe('opening a saved checkpoint', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}?backend=wasm#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('refuses a model.json without its weights, and keeps the dataset and model', async () => {
    await analysedWith(page, /ckpt:gt-zinc-trained/);
    await page.getByTestId('file-input').setInputFiles([file('model.json', 'model.json')]);
    await expect.poll(() => page.getByTestId('file-drop-error').textContent(), LONG).toContain('model.json');
    expect(await page.getByTestId('file-drop-error').textContent()).toContain('one model.json and one weights.bin');
    expect(await page.getByTestId('dataset-select').inputValue()).toBe('zinc');
    expect(await page.getByTestId('model-select').inputValue()).toBe('ckpt:gt-zinc-trained');
  });

  it('opens the checkpoint’s dataset with the model chosen, drawing what the served checkpoint draws', async () => {
    await page
      .getByTestId('file-input')
      .setInputFiles([file('saved-model.json', 'model.json'), file('saved-weights.bin', 'weights.bin')]);
    await expect.poll(() => page.getByTestId('dataset-select').inputValue(), LONG).toBe('tox21');
    await analysedWith(page, /file:[a-z0-9]+/);
    expect(await page.getByTestId('file-drop-error').count()).toBe(0);
    const opened = await page.getByTestId('model-select').inputValue();
    const group = (label: string) => page.locator(`[data-testid="model-select"] optgroup[label^="${label}"] option`);
    expect(await group('Trained').first().getAttribute('value')).toBe(opened);
    expect(await group('Trained').first().textContent()).toContain('from saved-model.json');
    expect(await group('Trained with EBT').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toContain(
      'ckpt:gt-tox21-ebt',
    );
    expect(await group('Untrained').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toContain(
      'ckpt:gt-tox21-base',
    );
    await expect.poll(async () => (await shown(page)).ratios.every((r) => r !== ''), LONG).toBe(true);
    const fromFiles = await shown(page);
    expect(fromFiles.ratios.length).toBeGreaterThan(0);

    await page.getByTestId('model-select').selectOption(SERVED);
    await analysedWith(page, SERVED);
    await expect.poll(async () => (await shown(page)).ratios.every((r) => r !== ''), LONG).toBe(true);
    expect(await shown(page)).toEqual(fromFiles);
    await page.getByTestId('model-select').selectOption(opened);
    await analysedWith(page, opened);
  });

  it('opens a second checkpoint of the dataset already shown, and analyses the molecule with it', async () => {
    const before = await page.getByTestId('model-select').inputValue();
    await page
      .getByTestId('file-input')
      .setInputFiles([
        file('san-model.json', 'model.json', 'san-tox21-ebt'),
        file('san-weights.bin', 'weights.bin', 'san-tox21-ebt'),
      ]);
    await expect.poll(() => page.getByTestId('model-select').inputValue(), LONG).not.toBe(before);
    const second = await page.getByTestId('model-select').inputValue();
    expect(second).toMatch(/^file:[a-z0-9]+$/);
    await analysedWith(page, second);
    expect(await page.getByTestId('dataset-select').inputValue()).toBe('tox21');
    await expect.poll(async () => (await shown(page)).prediction.length, LONG).toBeGreaterThan(0);
  });

  it('cannot carry the opened model in a link: the link falls back with a notice', async () => {
    await expect
      .poll(() => page.evaluate(() => window.location.hash), LONG)
      .toMatch(/m=file%3A[a-z0-9]+|m=file:[a-z0-9]+/);
    const hash = await page.evaluate(() => window.location.hash);
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const otherErrors = watchErrors(other);
    await other.goto(`${inject('baseUrl')}?backend=wasm${hash}`);
    await analysedWith(other, /ckpt:gt-tox21-trained/);
    await expect
      .poll(() => other.getByTestId('url-notice').textContent(), LONG)
      .toMatch(/"file:[a-z0-9]+" is not offered/);
    expect(otherErrors).toEqual([]);
    await other.close();
    expect(errors).toEqual([]);
  });
});
