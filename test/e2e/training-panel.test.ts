/**
 * The training panel in real Chromium on WebGPU (SwiftShader here, so the model is tiny: the small GT on the first
 * 24 ZINC graphs for 2 epochs): the page stays responsive, progress names epoch and batch, the curves have one
 * point per epoch with the losses the engine recorded, a second training leaves the worker's tensor count where
 * the first left it, the saved checkpoint loads in Node and predicts what the page shows, the model joins the
 * picker, a shared link to it falls back with a notice, and Cancel stops a run.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCheckpointFolder } from '../../src/cli/checkpointFiles';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import { batchGraphs } from '../../src/data/graphBatch';
import type { TrainingRunView } from '../../src/state/slices/trainingSlice';
import { forwardTidy } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from '../unit/helpers/backends';
import { launchChromium, watchErrors } from './helpers/browser';

const LONG = { timeout: 400_000 };
const LONG_MS = 400_000;
const EPOCHS = 2;
const LAYERS = 4;

/** The training run as the page's store holds it. */
const runOf = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as { maExplorer: { store: { getState(): { trainingRun: TrainingRunView | null } } } }
      ).maExplorer.store.getState().trainingRun,
  );

const finished = (page: Page, status: 'done' | 'cancelled') =>
  expect.poll(() => page.getByTestId('training-run').getAttribute('data-status'), LONG).toBe(status);

/** [epoch, value] of every point of one series of a chart. */
const points = (page: Page, chart: string, series: string) =>
  page.$$eval(`[data-testid="${chart}"] [data-series="${series}"] circle`, (circles) =>
    circles.map((c) => [Number(c.getAttribute('data-epoch')), Number(c.getAttribute('data-value'))]),
  );

async function setCount(page: Page, testId: string, value: number) {
  await page.getByTestId(testId).fill(String(value));
}

async function train(page: Page, epochs: number) {
  await setCount(page, 'training-epochs', epochs);
  await setCount(page, 'training-subset', 24);
  await setCount(page, 'training-scan', 8);
  await page.getByTestId('training-start').click();
}

describe('the training panel on WebGPU', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let firstRun: TrainingRunView;
  let folder: string;

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=backend-badge]')?.textContent === 'webgpu' &&
        document.querySelector('[data-testid=molecule-view]')?.getAttribute('data-analysis-status') === 'ready',
      null,
      { timeout: 180_000 },
    );
  }, 200_000);
  afterAll(() => browser?.close());

  it('opens from the header and travels in the link', async () => {
    await page.getByTestId('training-toggle').click();
    await expect.poll(() => page.getByTestId('training-panel').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('panels=training');
    const options = await page.$$eval('[data-testid=training-preset] option', (o) => o.map((x) => x.textContent));
    expect(options[0]).toContain('small-gt-zinc');
    expect(options.some((o) => o?.includes('paper-gt-zinc'))).toBe(true);
  });

  it(
    'trains in the worker with progress per batch, the page stays responsive, one point per epoch',
    async () => {
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progressSeen: string[] }).progressSeen = seen;
        new MutationObserver(() => {
          const text = document.querySelector('[data-testid=training-progress]')?.textContent;
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(document.querySelector('[data-testid=training-panel]')!, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await train(page, EPOCHS);
      // While the worker trains, the main thread's event loop stays free (a frame would measure the GPU process,
      // which SwiftShader shares between compositing and the training's compute).
      const delays = await page.evaluate(async () => {
        const out: number[] = [];
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 0));
          out.push(performance.now() - start);
        }
        return out;
      });
      expect(Math.max(...delays)).toBeLessThan(250);
      await finished(page, 'done');

      const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
      expect(seen.some((t) => /epoch 1 of 2 · batch 1 of 1/.test(t))).toBe(true);
      expect(seen.some((t) => /epoch 2 of 2 · batch 1 of 1/.test(t))).toBe(true);
      expect(await page.getByTestId('training-progress').textContent()).toMatch(/^Done: 2 epochs .* on webgpu\.$/);

      firstRun = (await runOf(page))!;
      expect(firstRun.backend).toBe('webgpu');
      expect(firstRun.records).toHaveLength(EPOCHS);
      const epochs = [1, 2].map((e) => [e]);
      for (const series of ['train-loss', 'val-loss'])
        expect((await points(page, 'training-loss-chart', series)).map(([e]) => [e])).toEqual(epochs);
      expect(await points(page, 'training-metric-chart', 'val-metric')).toHaveLength(EPOCHS);
      for (let l = 1; l <= LAYERS; l++)
        expect((await points(page, 'training-ma-chart', `layer-${l}`)).map(([e]) => e)).toEqual([0, 1, 2]);
      expect(await page.getByTestId('training-ma-chart').locator('.threshold-line').count()).toBe(1);
      // Per-batch loss: the chart has a curve before the first epoch ends (one batch an epoch here).
      expect(firstRun.batchLosses.map((b) => b.epoch)).toEqual([1, 2]);
      expect(
        await page.locator('[data-testid="training-loss-chart"] [data-series="batch-loss"] path').getAttribute('d'),
      ).toMatch(/^M/);
      // The peak layer is named and coloured; the others are grey behind it.
      expect(await page.getByTestId('training-ma-chart-legend').textContent()).toContain('(peak)');
    },
    LONG_MS,
  );

  it(
    'a second training leaves the worker with as many tensors as the first',
    async () => {
      await page.getByTestId('training-start').click();
      await expect.poll(async () => (await runOf(page))?.runId, LONG).not.toBe(firstRun.runId);
      await finished(page, 'done');
      const second = (await runOf(page))!;
      expect(second.numTensors).toBe(firstRun.numTensors);
      // Same preset, seed and graphs: the same losses.
      expect(second.records.map((r) => r.trainLoss)).toEqual(firstRun.records.map((r) => r.trainLoss));
    },
    LONG_MS,
  );

  it(
    'saves model.json and weights.bin whose history is the one drawn',
    async () => {
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      await page.getByTestId('training-save').click();
      await expect.poll(() => downloads.length, LONG).toBe(2);
      folder = await mkdtemp(join(tmpdir(), 'ma-training-'));
      for (const d of downloads) await d.saveAs(join(folder, d.suggestedFilename()));
      expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual(['model.json', 'weights.bin']);

      await useBackend('cpu');
      const { modelJson, model } = await loadCheckpointFolder(folder);
      disposeParams(model.params);
      const history = modelJson.training.history as { epoch: number; trainLoss: number; valLoss: number }[];
      const run = (await runOf(page))!;
      expect(history).toEqual(run.records);
      expect(await points(page, 'training-loss-chart', 'train-loss')).toEqual(
        history.map((r) => [r.epoch, r.trainLoss]),
      );
      expect(await points(page, 'training-loss-chart', 'val-loss')).toEqual(history.map((r) => [r.epoch, r.valLoss]));
      expect(modelJson.training.maHistory).toEqual(run.maHistory);
    },
    LONG_MS,
  );

  it(
    'uses the model in the explorer; the saved checkpoint predicts the same in Node',
    async () => {
      const run = (await runOf(page))!;
      const entryId = `session:${run.runId}`;
      await page.getByTestId('training-use').click();
      await expect.poll(() => page.getByTestId('model-select').inputValue(), LONG).toBe(entryId);
      await expect
        .poll(
          async () =>
            `${await page.getByTestId('molecule-view').getAttribute('data-analysis-status')} ${await page
              .getByTestId('molecule-view')
              .getAttribute('data-analysis-model')}`,
          LONG,
        )
        .toBe(`ready ${entryId}`);
      const shown = Number(await page.getByTestId('prediction-value').first().getAttribute('data-value'));

      await useBackend('cpu');
      const zinc = await loadBundledDataset('zinc', folderBundleSource());
      const { model } = await loadCheckpointFolder(folder);
      const result = forwardTidy(model, batchGraphs([zinc.splits.test[0]], zinc.spec));
      const node = (await result.output.data())[0];
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
      disposeParams(model.params);
      expect(Math.abs(node - shown), `node ${node} vs page ${shown}`).toBeLessThan(1e-4);
    },
    LONG_MS,
  );

  it(
    'cancel stops a run after the current batch',
    async () => {
      await train(page, 5);
      await expect.poll(async () => (await runOf(page))?.records.length ?? 0, LONG).toBeGreaterThanOrEqual(1);
      await page.getByTestId('training-cancel').click();
      await finished(page, 'cancelled');
      const run = (await runOf(page))!;
      expect(run.records.length).toBeLessThan(5);
      expect(await page.getByTestId('training-progress').textContent()).toMatch(/^Cancelled after \d of 5 epochs/);
      expect(await points(page, 'training-loss-chart', 'train-loss')).toHaveLength(run.records.length);
    },
    LONG_MS,
  );

  it('a link naming a session model opens the default model with a notice', async () => {
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('m=session:');
    const fresh = await browser.newPage();
    await fresh.goto(`${inject('baseUrl')}${hash}`);
    await expect.poll(() => fresh.getByTestId('model-select').inputValue(), LONG).not.toMatch(/^session:|^$/);
    await expect.poll(() => fresh.locator('.notice-info').textContent(), LONG).toContain('is not offered here');
    await fresh.close();
    expect(errors).toEqual([]);
  });
});
