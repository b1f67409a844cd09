/**
 * The page from phone to wide screen, in real Chromium (wasm): at 390x844, 1280x720 and 1440x900 nothing scrolls
 * sideways and the drawing keeps a usable size (at least 300 px wide on a phone); the drawing frame does not
 * move or rescale when ablation chips appear; on a phone the inspector is a bottom sheet that a bond click opens
 * and Esc folds; Esc closes the share popover, About, Training and the dataset-analysis view, and a click outside
 * closes the share popover and About; a bond is reachable from the keyboard, its focus shows the same readout as
 * hovering, and Enter selects it. E2E_SCREENSHOTS=<dir> saves a screenshot of each state.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';
import { firstColoredMolecule } from './helpers/interactions';
import { maTrajectory } from '../../src/ma/trajectory';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 720 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

const shotsDir = process.env.E2E_SCREENSHOTS;
if (shotsDir) mkdirSync(shotsDir, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `${name}.png`) });
};

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const box = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())!;

describe('layout and overlays', () => {
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(viewport: (typeof VIEWPORTS)[number]): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    errors.push(...watchErrors(page));
    await page.goto(inject('baseUrl'));
    await firstColoredMolecule(page);
    return page;
  }

  for (const viewport of VIEWPORTS) {
    it(`${viewport.name} (${viewport.width}x${viewport.height}): nothing scrolls sideways, the drawing keeps its size`, async () => {
      const page = await open(viewport);
      await shot(page, `${viewport.name}-home`);
      expect(await sideways(page)).toBe(0);
      const view = await box(page, 'molecule-view');
      expect(view.width).toBeGreaterThanOrEqual(300);
      expect(view.height).toBeGreaterThanOrEqual(280);
      expect(view.x).toBeGreaterThanOrEqual(0);
      expect(view.x + view.width).toBeLessThanOrEqual(viewport.width);
      // On a phone the molecule comes before the controls, so the whole drawing is on the first screen; wider
      // screens show the controls above it and the drawing starts on the first screen.
      if (viewport.name === 'phone') expect(view.y + view.height).toBeLessThanOrEqual(viewport.height);
      else expect(view.y).toBeLessThan(viewport.height * 0.7);

      // Ablation chips appear: the frame neither moves nor rescales.
      await page.getByTestId('ablation-ma-all').click();
      await page.getByTestId('ablation-randomize').click();
      await expect.poll(() => page.getByTestId('ablation-stack').locator('li').count()).toBe(2);
      await shot(page, `${viewport.name}-ablated`);
      const after = await box(page, 'molecule-view');
      // The frame never rescales; on wide screens it does not move either (two fixed ablation rows), while on a
      // phone the applied ablations wrap so that Undo and Clear stay on screen.
      expect([after.width, after.height]).toEqual([view.width, view.height]);
      if (viewport.name !== 'phone') expect(after).toEqual(view);
      const undo = await box(page, 'ablation-undo');
      expect(undo.x + undo.width).toBeLessThanOrEqual(viewport.width);
      expect(await sideways(page)).toBe(0);

      // Every overlay stays inside the window.
      for (const [opener, overlay] of [
        ['analysis-open', 'analysis-panel'],
        ['training-toggle', 'training-panel'],
      ] as const) {
        await page.getByTestId(opener).click();
        await page.getByTestId(overlay).waitFor();
        await shot(page, `${viewport.name}-${overlay}`);
        expect(await sideways(page), overlay).toBe(0);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByTestId(overlay).count()).toBe(0);
      }
      await page.close();
    });
  }

  it('phone: a bond click opens the inspector sheet, Esc folds it, the handle opens it again', async () => {
    const page = await open(VIEWPORTS[0]);
    const handle = page.getByTestId('sheet-handle');
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('bond-inspector').isVisible()).toBe(false);
    await page.getByTestId('bond-2').click();
    await expect.poll(() => handle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.getByTestId('bond-inspector').textContent()).toContain('Bond 2');
    await shot(page, 'phone-bond-sheet');
    const sheet = await box(page, 'inspector-sheet');
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(844 + 1);
    expect(sheet.height).toBeLessThanOrEqual(0.65 * 844);
    await page.keyboard.press('Escape');
    await expect.poll(() => handle.getAttribute('aria-expanded')).toBe('false');
    await handle.click();
    await expect.poll(() => page.getByTestId('bond-inspector').isVisible()).toBe(true);
    expect(await sideways(page)).toBe(0);
    await page.close();
  });

  it('Esc and outside clicks close the share popover and About; Esc closes the top overlay only', async () => {
    const page = await open(VIEWPORTS[2]);
    const popover = page.getByRole('dialog', { name: 'Link to this view' });

    await page.getByTestId('share-button').click();
    await popover.waitFor();
    await shot(page, 'desktop-share');
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);

    await page.getByTestId('share-button').click();
    await popover.waitFor();
    await page.getByTestId('molecule-title').click();
    await expect.poll(() => popover.count()).toBe(0);

    await page.getByRole('button', { name: 'About' }).click();
    await page.getByTestId('about-panel').waitFor();
    await shot(page, 'desktop-about');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('about-panel').count()).toBe(0);

    await page.getByRole('button', { name: 'About' }).click();
    await page.getByTestId('about-panel').waitFor();
    await page.getByTestId('molecule-title').click();
    await expect.poll(() => page.getByTestId('about-panel').count()).toBe(0);

    // A selected bond and an open popover: the first Esc closes the popover, the second clears the bond.
    await page.getByTestId('bond-1').click();
    await expect.poll(() => page.getByTestId('bond-inspector').textContent()).toContain('Bond 1');
    await page.getByTestId('share-button').click();
    await popover.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    expect(await page.getByTestId('bond-inspector').textContent()).toContain('Bond 1');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('bond-inspector').textContent()).not.toContain('Bond 1');
    await page.close();
  });

  it('a bond is reachable from the keyboard: focus shows its readout, Enter selects it', async () => {
    const page = await open(VIEWPORTS[2]);
    const bond = page.getByTestId('bond-3');
    expect(await bond.getAttribute('tabindex')).toBe('0');
    await bond.focus();
    await expect.poll(() => page.locator('.bond-tooltip').count()).toBe(1);
    expect(await page.locator('.bond-tooltip').textContent()).toMatch(/ratio/i);
    await shot(page, 'desktop-bond-focus');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('bond-inspector').textContent()).toContain('Bond 3');
    // Tab moves on to the next bond.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('bond-4');
    await page.close();
  });

  it('atom numbers on request; a strongest-bond entry highlights its bond on hover and focus', async () => {
    const page = await open(VIEWPORTS[2]);
    expect(await page.getByTestId('atom-indices').count()).toBe(0);
    await page.getByTestId('atom-index-toggle').check();
    const atoms = await page.locator('g.atom, circle.graph-node').count();
    await expect.poll(() => page.locator('.atom-index').count()).toBeGreaterThanOrEqual(atoms);
    expect(await page.locator('.atom-index').first().textContent()).toBe('0');
    await shot(page, 'desktop-atom-numbers');
    const entry = page.locator('[data-testid^="top-bond-"]').first();
    const bond = (await entry.getAttribute('data-testid'))!.slice('top-bond-'.length);
    await entry.hover();
    await expect.poll(() => page.getByTestId(`bond-${bond}`).getAttribute('class')).toContain('bond-hovered');
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId(`bond-${bond}`).getAttribute('class')).not.toContain('bond-hovered');
    await entry.focus();
    await expect.poll(() => page.getByTestId(`bond-${bond}`).getAttribute('class')).toContain('bond-hovered');
    await page.close();
  });

  it('training docks beside the molecule (prev/next stay usable) and overlays a checkpoint’s EBT twin', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    errors.push(...watchErrors(page));
    await page.goto(`${inject('baseUrl')}#v=1&m=ckpt:graphit-zinc-trained&panels=training`);
    await firstColoredMolecule(page);
    const panel = await box(page, 'training-panel');
    const view = await box(page, 'molecule-view');
    const next = await box(page, 'molecule-next');
    expect(view.x + view.width).toBeLessThanOrEqual(panel.x);
    expect(next.x + next.width).toBeLessThanOrEqual(panel.x);
    await page.getByTestId('molecule-next').click();
    await expect.poll(() => page.getByTestId('molecule-title').textContent()).toContain('#1');
    await page.getByTestId('training-twin-toggle').check();
    await expect
      .poll(() => page.locator('[data-testid="recorded-ma-chart"] [data-series="twin"] circle').count(), {
        timeout: 60_000,
      })
      .toBeGreaterThan(10);
    expect(await page.getByTestId('recorded-ma-chart-legend').textContent()).toContain('L1 (peak)');
    // The run's trajectory under the chart, as the checkpoint's record has it.
    const record = JSON.parse(
      readFileSync(new URL('../../public/models/graphit-zinc-trained/model.json', import.meta.url), 'utf8'),
    );
    const trajectory = maTrajectory(record.training.maHistory)!;
    const said = await page.getByTestId('recorded-ma-chart-trajectory').textContent();
    expect(said).toContain(
      trajectory.firstAbove
        ? `First above 1000 at epoch ${trajectory.firstAbove.epoch} (layer ${trajectory.firstAbove.layer})`
        : 'Never above 1000',
    );
    expect(said).toContain(`at epoch ${trajectory.peak.epoch} (layer ${trajectory.peak.layer})`);
    await shot(page, 'desktop-training-twin');
    await page.close();
  });

  it('no page errors', () => {
    expect(errors).toEqual([]);
  });
});
