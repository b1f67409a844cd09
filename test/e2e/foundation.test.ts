/**
 * The foundation in real Chromium: the page loads, the worker picks WebGPU (SwiftShader in headless mode), an
 * attention computation run there (with edge values: through the project's WGSL edge-score program) matches the
 * same computation on Node's cpu backend, and without WebGPU the app falls back to wasm.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Engine } from '../../src/engine/api';
import { runAttentionProbe, type AttentionProbeInput } from '../../src/gnn/attentionProbe';
import { seededRandom, useBackend } from '../unit/helpers/backends';
import { engineWorker, launchChromium, watchErrors } from './helpers/browser';

/** A small graph with a node of in-degree 0 (node 5) and logits large enough for the ±5 clamp to bite. */
function probeInput(): AttentionProbeInput {
  const random = seededRandom(2024);
  const [numNodes, heads, headDim] = [6, 2, 4];
  const src = Int32Array.from([0, 1, 1, 2, 2, 3, 3, 4, 0, 4, 5, 5]);
  const dst = Int32Array.from([1, 0, 2, 1, 3, 2, 4, 3, 4, 0, 0, 2]);
  const size = numNodes * heads * headDim;
  const fill = (scale: number) => Float32Array.from({ length: size }, () => random(-scale, scale));
  return { numNodes, heads, headDim, src, dst, q: fill(3), k: fill(3), v: fill(1) };
}

/** The same graph with edge values, and queries and keys small enough that few logits reach the clamp. */
function edgeFeaturedInput(): AttentionProbeInput {
  const random = seededRandom(7);
  const input = probeInput();
  const fill = (length: number, scale: number) => Float32Array.from({ length }, () => random(-scale, scale));
  const nodeSize = input.q.length;
  return { ...input, q: fill(nodeSize, 1.2), k: fill(nodeSize, 1.2), p: fill(input.src.length * 2 * 4, 1.5) };
}

/** page.evaluate arguments must be JSON, so typed arrays travel as plain arrays. */
const toPlain = ({ numNodes, heads, headDim, src, dst, q, k, v, p }: AttentionProbeInput) => ({
  numNodes,
  heads,
  headDim,
  arrays: { src: Array.from(src), dst: Array.from(dst), q: Array.from(q), k: Array.from(k), v: Array.from(v) },
  edgeValues: p ? Array.from(p) : null,
});

/** Runs the probe in the page's engine worker, through the console handle. */
function probeInPage(page: Page, input: AttentionProbeInput) {
  return page.evaluate(async ({ arrays, edgeValues, ...sizes }) => {
    const { engine } = (window as unknown as { maExplorer: { engine: Engine } }).maExplorer;
    const typed = {
      ...sizes,
      src: Int32Array.from(arrays.src),
      dst: Int32Array.from(arrays.dst),
      q: Float32Array.from(arrays.q),
      k: Float32Array.from(arrays.k),
      v: Float32Array.from(arrays.v),
      p: edgeValues ? Float32Array.from(edgeValues) : undefined,
    };
    const result = await engine.attentionProbe(typed);
    const { backend, fusedScore, numTensors } = result;
    return { backend, fusedScore, output: Array.from(result.output), numTensors };
  }, toPlain(input));
}

async function cpuReference(input: AttentionProbeInput): Promise<Float32Array> {
  await useBackend('cpu');
  return (await runAttentionProbe(input)).output;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('with WebGPU', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
    page = await browser.newPage();
    errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
  });
  afterAll(() => browser?.close());

  it('shows the app and a webgpu backend badge', async () => {
    await expect.poll(() => page.getByTestId('backend-badge').textContent(), { timeout: 60_000 }).toBe('webgpu');
    expect(await page.locator('h1').textContent()).toBe('MA Explorer');
    expect(await page.getByTestId('molecule-view').isVisible()).toBe(true);
    const crossOriginIsolated = await page.evaluate(() => window.crossOriginIsolated);
    expect(crossOriginIsolated).toBe(true);
  });

  it('runs gather / segment-sum / exp on the GPU and matches cpu within 1e-5', async () => {
    const worker = await engineWorker(page);
    // Count queue submissions inside the worker: proof that the computation went through WebGPU.
    await worker.evaluate(() => {
      const scope = globalThis as unknown as {
        __submits: number;
        GPUQueue: { prototype: { submit: (...a: unknown[]) => unknown } };
      };
      scope.__submits = 0;
      const original = scope.GPUQueue.prototype.submit;
      scope.GPUQueue.prototype.submit = function (this: unknown, ...args: unknown[]) {
        scope.__submits++;
        return original.apply(this, args);
      };
    });
    const input = probeInput();
    const first = await probeInPage(page, input);
    const submits = await worker.evaluate(() => (globalThis as unknown as { __submits: number }).__submits);
    expect(first.backend).toBe('webgpu');
    expect(submits).toBeGreaterThan(0);

    const reference = await cpuReference(input);
    expect(maxAbsDifference(first.output, reference)).toBeLessThan(1e-5);
    // Node 5 has no in-edges, so its output is exactly zero; the rest is not all zero.
    const nodeWidth = input.heads * input.headDim;
    expect(first.output.slice(5 * nodeWidth)).toEqual(new Array(nodeWidth).fill(0));
    expect(Math.max(...first.output.map(Math.abs))).toBeGreaterThan(0.05);

    const second = await probeInPage(page, input);
    expect(second.output).toEqual(first.output);
    expect(second.numTensors).toBe(first.numTensors);
    expect(errors).toEqual([]);
  });

  it('runs the edge-featured score as one WGSL program on the GPU and matches cpu within 1e-5', async () => {
    const input = edgeFeaturedInput();
    const onGpu = await probeInPage(page, input);
    expect(onGpu.backend).toBe('webgpu');
    expect(onGpu.fusedScore).toBe(true);
    const reference = await cpuReference(input);
    expect(maxAbsDifference(onGpu.output, reference)).toBeLessThan(1e-5);
    // the edge values matter: without them the output is another one
    const plain = await cpuReference({ ...input, p: undefined });
    expect(maxAbsDifference(plain, reference)).toBeGreaterThan(1e-2);
    const again = await probeInPage(page, input);
    expect(again.numTensors).toBe(onGpu.numTensors);
    expect(errors).toEqual([]);
  });

  it('opens the About panel', async () => {
    await page.getByRole('button', { name: 'About' }).click();
    expect(await page.getByTestId('about-panel').textContent()).toContain('Massive activations');
  });
});

describe('without WebGPU', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('falls back to wasm, served from our own origin, and still computes the same', async () => {
    browser = await launchChromium({ webgpu: false });
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const origin = new URL(inject('baseUrl')).origin;
    const foreign: string[] = [];
    const requested: string[] = [];
    page.on('request', (request) => {
      requested.push(request.url());
      if (!request.url().startsWith(origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:'))
        foreign.push(request.url());
    });
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
    await expect.poll(() => page.getByTestId('backend-badge').textContent(), { timeout: 60_000 }).toBe('wasm');
    const title = await page.getByTestId('backend-badge').getAttribute('title');
    expect(title).toMatch(/webgpu not used/);

    const input = probeInput();
    const result = await probeInPage(page, input);
    expect(result.backend).toBe('wasm');
    expect(maxAbsDifference(result.output, await cpuReference(input))).toBeLessThan(1e-5);
    expect(foreign).toEqual([]);
    // Cross-origin isolation (COOP/COEP from vite preview) is what lets the threaded build load.
    expect(requested.some((url) => /tfjs-backend-wasm-threaded-simd.*\.wasm$/.test(url))).toBe(true);
    // ... and it runs on every core (tfjs alone would take half of them: one thread on a two-core machine)
    const { threads, cores } = await page.evaluate(async () => ({
      threads: (
        await (
          window as unknown as { maExplorer: { engine: { info(): Promise<{ wasm: { threads: number } }> } } }
        ).maExplorer.engine.info()
      ).wasm.threads,
      cores: navigator.hardwareConcurrency,
    }));
    expect(threads).toBe(Math.min(cores, 8));
    expect(errors).toEqual([]);
  });
});
