/**
 * In real Chromium (wasm): a PyTorch checkpoint of the paper's code dropped on the page asks what its shapes cannot
 * tell, opens its dataset with the model chosen, and is kept: after a reload it is still in the model picker (and
 * the link naming it, file:<id>, opens it); "My data" lists it with its size and deletes it. Export .pt downloads
 * a state_dict in the paper's names. A training run is kept epoch by epoch and, after a reload, resumes from My
 * data to its last epoch. When IndexedDB refuses writes (a full quota), My data says so and the work goes on.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTorchStateDict } from '../../src/gnn/torch/ptReader';
import { launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 150_000 };
const PT = 'graphit-tox21.pth';
const ptFile = () => ({
  name: PT,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(new URL(`../fixtures/torch/${PT}`, import.meta.url)),
});

async function analysedWith(page: Page, model: string) {
  const view = page.getByTestId('molecule-view');
  const state = async () =>
    `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`;
  await expect.poll(state, LONG).toBe(`ready ${model}`);
}

describe('PyTorch checkpoints and My data', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let entryId = '';

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}?backend=wasm#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('a .pt asks for what its shapes cannot tell, then opens with the model chosen and is kept', async () => {
    await analysedWith(page, 'ckpt:gt-zinc-trained');
    await page.getByTestId('file-input').setInputFiles([ptFile()]);
    await expect.poll(() => page.getByTestId('torch-form').count(), LONG).toBe(1);
    await page.getByTestId('torch-heads').fill('3');
    await page.getByTestId('torch-open').click();
    await expect
      .poll(() => page.getByTestId('file-drop-error').textContent(), LONG)
      .toMatch(/not divisible by 3 heads/);
    expect(await page.getByTestId('dataset-select').inputValue()).toBe('zinc');

    await page.getByTestId('file-input').setInputFiles([ptFile()]);
    await page.getByTestId('torch-heads').fill('4');
    await page.getByTestId('torch-open').click();
    await expect.poll(() => page.getByTestId('dataset-select').inputValue(), LONG).toBe('tox21');
    await expect.poll(() => page.getByTestId('model-select').inputValue(), LONG).toMatch(/^file:[a-z0-9]+$/);
    entryId = await page.getByTestId('model-select').inputValue();
    await analysedWith(page, entryId);
    const option = page.locator(`[data-testid="model-select"] option[value="${entryId}"]`);
    expect(await option.textContent()).toContain(`from ${PT}`);
    const kept = page.getByTestId(`kept-${entryId.slice('file:'.length)}`);
    await expect
      .poll(() => kept.textContent(), LONG)
      .toMatch(new RegExp(`${PT.replace('.', '\\.')} model · 52\\.\\d kB`));
  });

  it('Export .pt downloads the chosen model as a state_dict in the paper’s names', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pt').click()]);
    const bytes = await readFile(await download.path());
    const state = readTorchStateDict(new Uint8Array(bytes), download.suggestedFilename());
    expect(download.suggestedFilename()).toMatch(/\.pt$/);
    expect(state.get('layers.0.attention_h.Q.weight')?.shape).toEqual([16, 16]);
    expect(state.get('embedding_h.atom_embedding_list.1.weight')?.shape).toEqual([5, 16]);
  });

  it('after a reload the model is still in the picker, and the link naming it opens it', async () => {
    const id = entryId.slice('file:'.length);
    await expect.poll(() => page.evaluate(() => window.location.hash), LONG).toMatch(new RegExp(`m=file(%3A|:)${id}`));
    await page.reload();
    await analysedWith(page, entryId);
    expect(await page.getByTestId('model-select').inputValue()).toBe(entryId);
    expect(await page.getByTestId('url-notice').count()).toBe(0);
  });

  it('My data deletes it: gone from the list and from the model picker', async () => {
    const id = entryId.slice('file:'.length);
    await page.getByTestId(`kept-delete-${id}`).click();
    await expect.poll(() => page.getByTestId(`kept-${id}`).count(), LONG).toBe(0);
    await expect
      .poll(() => page.locator(`[data-testid="model-select"] option[value="${entryId}"]`).count(), LONG)
      .toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('model-select').inputValue(), LONG).not.toBe(entryId);
    expect(await page.getByTestId(`kept-${id}`).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('a kept training run', () => {
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

  const keptRun = () => page.locator('[data-testid^="kept-"][data-kind="run"]');

  it('resumes after a reload from its last finished epoch, to the end', async () => {
    await analysedWith(page, 'ckpt:gt-zinc-trained');
    await page.getByTestId('training-toggle').click();
    await page.getByTestId('training-epochs').fill('6');
    await page.getByTestId('training-subset').fill('150');
    await page.getByTestId('training-scan').fill('4');
    await page.getByTestId('training-start').click();
    await expect.poll(() => keptRun().count(), LONG).toBe(1);
    await page.reload(); // the run in the worker dies with the page
    await expect.poll(() => keptRun().count(), LONG).toBe(1);
    const text = (await keptRun().textContent()) ?? '';
    const done = Number(/\((\d+) of 6 epochs\)/.exec(text)?.[1]);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(6);
    const id = ((await keptRun().getAttribute('data-testid')) ?? '').slice('kept-'.length);

    await page.getByTestId(`kept-resume-${id}`).click();
    await expect.poll(() => page.getByTestId('training-run').getAttribute('data-status'), LONG).toBe('done');
    expect(await page.getByTestId('training-progress').textContent()).toMatch(/^Done: 6 epochs/);
    const epochs = await page.$$eval('[data-testid="training-loss-chart"] [data-series="train-loss"] circle', (c) =>
      c.map((x) => Number(x.getAttribute('data-epoch'))),
    );
    expect(epochs).toEqual(Array.from({ length: 6 }, (_, i) => i + 1));
    await expect.poll(() => keptRun().textContent(), LONG).toContain('(6 of 6 epochs)');
    expect(await page.getByTestId(`kept-resume-${id}`).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});

describe('a full disk', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // IndexedDB refuses every write once the test says the disk is full, as a browser over its quota does.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if ((window as unknown as { fullDisk?: boolean }).fullDisk)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await page.goto(`${inject('baseUrl')}?backend=wasm#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('says so in words, and the dropped molecules are shown anyway', async () => {
    await analysedWith(page, 'ckpt:gt-zinc-trained');
    await page.evaluate(() => Object.assign(window, { fullDisk: true }));
    const csv = { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('smiles\nCCO\nc1ccccc1O\n') };
    await page.getByTestId('file-input').setInputFiles([csv]);
    await expect
      .poll(() => page.getByTestId('my-data-error').textContent(), LONG)
      .toMatch(/could not keep mine\.csv \(0\.00 MB\): the browser has no room left for this site/);
    expect(await page.getByTestId('file-drop-error').count()).toBe(0);
    expect(await page.locator('[data-testid^="kept-"][data-kind]').count()).toBe(0);
    expect(await page.getByTestId('file-drop-summary').textContent()).toContain('2 of 2 molecules read');
  });
});
