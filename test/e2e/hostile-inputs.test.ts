/**
 * Hostile links, SMILES, drops and checkpoints in real Chromium (wasm): each gets a clear answer as text, nothing
 * from it runs as script or markup, the page never errors or blanks, and the previous view stays. Among them: the
 * SMILES that used to kill RDKit's wasm (1000 carbons), followed by good molecules.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 150_000 };
const title = (page: Page) => page.getByTestId('molecule-title').textContent();
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

async function analysedWith(page: Page, model: string) {
  const view = page.getByTestId('molecule-view');
  const state = async () =>
    `${await view.getAttribute('data-analysis-status')} ${await view.getAttribute('data-analysis-model')}`;
  await expect.poll(state, LONG).toBe(`ready ${model}`);
}

async function bondValues(page: Page, attribute: 'data-ma-ratio' | 'data-attribution') {
  return page.$$eval(
    'g.bond[data-testid^="bond-"]',
    (bonds, name) => bonds.map((b) => b.getAttribute(name as string) ?? ''),
    attribute,
  );
}

describe('hostile inputs in the browser', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(inject('baseUrl') + hash);
  };

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = watchErrors(page);
  });
  afterAll(() => browser?.close());

  it('finishes a link with a typed SMILES and a model, coloured by MA ratio', async () => {
    await open('#v=1&ds=zinc&smi=c1ccccc1O&m=base:small-gt-zinc&layer=max&thr=1000&color=ma&attr=occ');
    await analysedWith(page, 'base:small-gt-zinc');
    await expect.poll(async () => (await bondValues(page, 'data-ma-ratio')).filter(Boolean).length, LONG).toBe(7);
  });

  it('finishes the same link coloured by attribution on a trained model', async () => {
    await open('#v=1&ds=zinc&smi=c1ccccc1O&m=ckpt:gt-zinc-trained&color=attribution&attr=occ');
    await analysedWith(page, 'ckpt:gt-zinc-trained');
    await expect.poll(async () => (await bondValues(page, 'data-attribution')).filter(Boolean).length, LONG).toBe(7);
  });

  it('answers a link of 8,000 unknown keys and a script in smi with a short notice, running nothing', async () => {
    const keys = Array.from({ length: 8000 }, (_, i) => `k${i}=${i}`).join('&');
    await open(`#v=1&ds=zinc&smi=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}&${keys}`);
    await expect.poll(() => title(page), LONG).toContain('ZINC 12k');
    const notices = await page.getByTestId('url-notice').allTextContents();
    expect(notices.join(' ')).toMatch(/and 7981 more/); // 8,001 parts not used; the notice names 20
    expect(Math.max(...notices.map((n) => n.length))).toBeLessThan(2000);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await pwned(page)).toBeNull();
  });

  it('refuses the SMILES that killed RDKit, then draws good molecules', async () => {
    await open('#v=1&ds=zinc&m=base:small-gt-zinc');
    await analysedWith(page, 'base:small-gt-zinc');
    const before = await title(page);
    const message = page.getByTestId('smiles-error');
    for (const [smiles, expected] of [
      ['C'.repeat(1000), /the SMILES has 1000 atoms; the limit is 150/],
      ['CCO😀', /"😀" \(U\+1F600\) at position 4/],
      ['\u202eCCO', /right-to-left override \(U\+202E\) at position 1/],
      ['C(C)(C)(C)(C)C', /valence 5/],
    ] as const) {
      await page.getByTestId('smiles-input').fill(smiles);
      await page.getByTestId('smiles-submit').click();
      await expect.poll(() => message.textContent(), LONG).toMatch(expected);
      expect((await message.textContent())!.length).toBeLessThan(300);
      expect(await title(page)).toBe(before);
    }
    await page.getByTestId('smiles-input').fill('CCO');
    await page.getByTestId('smiles-submit').click();
    await expect.poll(() => title(page), LONG).toBe('Typed SMILES');
    await analysedWith(page, 'base:small-gt-zinc');
    expect((await bondValues(page, 'data-ma-ratio')).filter(Boolean)).toHaveLength(2);
    await page.getByTestId('molecule-next').click();
    await expect.poll(() => title(page), LONG).toContain('ZINC 12k');
    await expect.poll(async () => (await bondValues(page, 'data-ma-ratio')).every(Boolean), LONG).toBe(true);
    expect(await page.getByTestId('smiles-input').inputValue()).toBe('');
  });

  it('keeps every good row of a hostile CSV and shows the bad ones as text', async () => {
    const csv = [
      'name,smiles,y',
      'ethanol,CCO,1',
      'broken,"CCN,2',
      '<img src=x onerror="window.__pwned=1">,c1ccccc1O,inf',
      'cut,CC O,3',
      'phenol,c1ccccc1O,4',
      'chain,' + 'C'.repeat(1000) + ',5',
    ].join('\n');
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'h.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('rejected-row').count(), LONG).toBe(4);
    const rejected = await page.getByTestId('rejected-row').allTextContents();
    expect(rejected.join('\n')).toMatch(/line 3: .*quote/);
    expect(rejected.join('\n')).toMatch(/line 4: column "y" has "inf"/);
    expect(rejected.join('\n')).toMatch(/line 5: .*a space/);
    expect(rejected.join('\n')).toMatch(/line 7: the SMILES has 1000 atoms/);
    expect(Math.max(...rejected.map((r) => r.length))).toBeLessThan(300);
    expect(await page.getByTestId('molecule-row-0').locator('.row-smiles').textContent()).toBe('ethanol');
    expect(await page.getByTestId('molecule-row-1').locator('.row-smiles').textContent()).toBe('phenol');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('says a damaged or truncated gzip is damaged, without "Failed to fetch"', async () => {
    const whole = gzipSync('smiles\n' + 'CCO\n'.repeat(2000));
    const damaged = Buffer.from(whole);
    damaged[20] ^= 0xff;
    for (const [name, bytes, expected] of [
      ['cut.csv.gz', whole.subarray(0, 40), /cut.csv.gz is truncated/],
      ['bad.csv.gz', damaged, /bad.csv.gz is (not valid gzip data|truncated)/],
    ] as const) {
      await page
        .getByTestId('file-input')
        .setInputFiles({ name, mimeType: 'application/gzip', buffer: Buffer.from(bytes) });
      await expect.poll(() => page.getByTestId('file-drop-error').textContent(), LONG).toMatch(expected);
      expect(await page.getByTestId('file-drop-error').textContent()).not.toMatch(/fetch/i);
    }
  });

  it('refuses a checkpoint with an infinite weight by name, and keeps the model', async () => {
    const dir = new URL('../../public/models/gt-zinc-base/', import.meta.url);
    const json = readFileSync(new URL('model.json', dir));
    const weights = new Uint8Array(readFileSync(new URL('weights.bin', dir)));
    weights.set([0x00, 0x7c], 0); // float16 +Infinity in the first element of the first weight
    const model = await page.getByTestId('model-select').inputValue();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: json },
      { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(weights) },
    ]);
    await expect
      .poll(() => page.getByTestId('file-drop-error').textContent(), LONG)
      .toMatch(/holds Infinity at element 0/);
    expect(await page.getByTestId('model-select').inputValue()).toBe(model);
    expect(await pwned(page)).toBeNull();
    expect(errors).toEqual([]);
  });
});
