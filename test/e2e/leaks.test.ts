/**
 * 200 interactions in the real explorer (select a bond, remove it, undo, next molecule; repeated) leave the engine
 * worker's tfjs tensor count and bytes where they were after the first round. Wasm backend: the shipped 10-layer
 * default model on SwiftShader WebGPU would take minutes per round (the WebGPU path has its own e2e tests).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchErrors } from './helpers/browser';
import { CYCLE, firstColoredMolecule, interact, measures } from './helpers/interactions';

type Memory = { backend: string; numTensors: number; numBytes: number };
const engineMemory = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { maExplorer: { engine: { memory(): Promise<Memory> } } }).maExplorer.engine.memory(),
  );

describe('tensor leaks over 200 interactions', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the worker’s tensor count and bytes constant', { timeout: 600_000 }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}?backend=wasm`);
    await firstColoredMolecule(page);
    await interact(page, CYCLE.length); // one round first: models load and kernels initialise once
    const start = await engineMemory(page);
    expect(start.backend).toBe('wasm');
    await interact(page, 200);
    const end = await engineMemory(page);
    expect(end.numTensors).toBe(start.numTensors);
    expect(end.numBytes).toBe(start.numBytes);
    // Every interaction was seen through to its painted result.
    expect((await measures(page, 'bond-click')).length).toBeGreaterThanOrEqual(51);
    expect((await measures(page, 'next-molecule-colored')).length).toBeGreaterThanOrEqual(51);
    expect(errors).toEqual([]);
    await page.close();
  });
});
