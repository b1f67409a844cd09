/**
 * The one place that picks the tfjs backend: WebGPU first, then wasm, then cpu (docs/DESIGN.md, Backends).
 * WebGL is never registered: its segment sum is quadratic. One init promise per process or worker.
 * A WebGPU device can be lost (driver reset, GPU removed, device.destroy()): `watchDeviceLoss` hears it, and
 * `fallBackAfterDeviceLoss` moves the process to wasm (else cpu); the init promise then answers with that backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { prepareTfjs } from './setup';

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'cpu'];

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters such as SwiftShader (headless Chromium without a GPU). */
  isFallbackAdapter: boolean;
}

export interface BackendInfo {
  name: BackendName;
  /** Set after a WebGPU device was lost and the engine moved to this backend: what the browser said. */
  deviceLost?: string;
  adapter: AdapterSummary | null;
  wasm: { threads: number; simd: boolean } | null;
  /** Backends tried before the active one, each with why it was not used. */
  skipped: { name: BackendName; reason: string }[];
  tfjsVersion: string;
}

export interface BackendOptions {
  /** Order to try; defaults to BACKEND_ORDER. */
  prefer?: readonly BackendName[];
  /** Where the wasm binaries are served from: a folder prefix ending in '/' or a map of file name to URL. */
  wasmPaths?: string | Record<string, string>;
}

let initPromise: Promise<BackendInfo> | null = null;
/** Resolves with the browser's reason when the active WebGPU device is lost (never, on other backends). */
let deviceLost: Promise<string> | null = null;
let lastOptions: BackendOptions = {};

/** Initialises the first usable backend; later calls return the same promise (options are then ignored). */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  if (!initPromise) lastOptions = options;
  initPromise ??= chooseBackend(options);
  return initPromise;
}

/** The lost-device promise of the active WebGPU backend, or null when the backend is not WebGPU. */
export function watchDeviceLoss(): Promise<string> | null {
  return deviceLost;
}

/**
 * After a lost WebGPU device: the next backend in the order that starts (wasm, else cpu) becomes the active one,
 * and every later initBackend() answers with it. Tensors made on the lost device are gone; the caller re-creates
 * what it needs.
 */
export function fallBackAfterDeviceLoss(reason: string): Promise<BackendInfo> {
  deviceLost = null;
  const order = (lastOptions.prefer ?? BACKEND_ORDER).filter((name) => name !== 'webgpu');
  const next = chooseBackend({ ...lastOptions, prefer: order.length ? order : ['wasm', 'cpu'] }).then((info) => ({
    ...info,
    deviceLost: reason,
    skipped: [{ name: 'webgpu' as const, reason: `the GPU device was lost (${reason})` }, ...info.skipped],
  }));
  initPromise = next;
  return next;
}

async function chooseBackend({ prefer = BACKEND_ORDER, wasmPaths }: BackendOptions): Promise<BackendInfo> {
  prepareTfjs();
  const skipped: BackendInfo['skipped'] = [];
  for (const name of prefer) {
    try {
      const details = await activate(name, wasmPaths);
      return { name, ...details, skipped, tfjsVersion: tf.version_core };
    } catch (error) {
      skipped.push({ name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new Error(`No tfjs backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

async function activate(
  name: BackendName,
  wasmPaths: BackendOptions['wasmPaths'],
): Promise<Pick<BackendInfo, 'adapter' | 'wasm'>> {
  if (name === 'webgpu') {
    const adapter = await requestAdapterSummary();
    await import('@tensorflow/tfjs-backend-webgpu');
    await setBackendOrThrow('webgpu');
    const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
    deviceLost = device ? device.lost.then((info) => info.message || `reason: ${info.reason}`) : null;
    return { adapter, wasm: null };
  }
  if (name === 'wasm') {
    if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths);
    const threads = wasmThreadsWanted();
    if (threads !== null) wasm.setThreadsCount(threads);
    const restore = threads !== null ? reportCoresToWasm(2 * threads) : () => {};
    try {
      await setBackendOrThrow('wasm');
    } finally {
      restore();
    }
    return {
      adapter: null,
      wasm: { threads: wasm.getThreadsCount(), simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) },
    };
  }
  await setBackendOrThrow('cpu');
  return { adapter: null, wasm: null };
}

/**
 * Threads for the threaded wasm build: every logical core (at most 8, tfjs's pool). Null outside a browser, where
 * the threaded build does not load.
 */
function wasmThreadsWanted(): number | null {
  const scope = globalThis as { document?: unknown; importScripts?: unknown };
  const inBrowser = typeof scope.document !== 'undefined' || typeof scope.importScripts === 'function';
  const cores = typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency;
  return inBrowser && cores > 0 ? Math.min(cores, 8) : null;
}

/**
 * tfjs's wasm module caps its threads at half of navigator.hardwareConcurrency (it assumes two hyperthreads per
 * core), so on a two-core machine it runs on one thread whatever setThreadsCount asks, and the other core idles
 * through every forward. The module reads the count once, as it starts: report `cores` until then.
 */
function reportCoresToWasm(cores: number): () => void {
  const nav = navigator as unknown as Record<string, unknown>;
  Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  return () => delete nav.hardwareConcurrency;
}

async function requestAdapterSummary(): Promise<AdapterSummary> {
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (!gpu) throw new Error('this environment exposes no WebGPU (navigator.gpu is missing)');
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('WebGPU is exposed but no adapter is available');
  const info = adapter.info;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    // isFallbackAdapter moved from the adapter to its info in newer Chromium; read either.
    isFallbackAdapter: Boolean(
      (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
      (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter,
    ),
  };
}

async function setBackendOrThrow(name: BackendName): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs could not initialise the ${name} backend`);
  await tf.ready();
}

/**
 * Destroys the active WebGPU device, as a driver reset would lose it (tests in Chromium use this through the
 * worker's `maExplorerWorker.destroyGpuDevice()`). False when the active backend is not WebGPU.
 */
export function destroyGpuDevice(): boolean {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  if (tf.getBackend() !== 'webgpu' || !device) return false;
  device.destroy();
  return true;
}

export function activeBackend(): BackendName {
  return tf.getBackend() as BackendName;
}
