/// <reference lib="webworker" />
/**
 * Browser entry: the engine inside a Web Worker, exposed with comlink. Wasm binaries, datasets and checkpoints
 * come from our own origin.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initRDKitInBrowser } from '../chem/rdkitBrowser';
import { httpBundleSource } from '../data/bundleSources';
import { createEngine } from './api';
import { httpCheckpointSource } from './httpCheckpoints';
import { destroyGpuDevice } from '../gnn/backend';

const engine = createEngine({
  host: 'worker',
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  },
  datasets: httpBundleSource(`${import.meta.env.BASE_URL}datasets/`),
  checkpoints: httpCheckpointSource(`${import.meta.env.BASE_URL}models/`),
  startChemistry: initRDKitInBrowser,
  // The layer fits of a dataset analysis, on the other cores (the forwards use this worker and wasm's threads).
  statisticsWorkers: {
    count: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)),
    create: () => new Worker(new URL('./statsWorker.ts', import.meta.url), { type: 'module', name: 'ma-stats' }),
  },
});

Comlink.expose(engine);

// For the console and the device-loss test: lose the GPU device as a driver reset would (the engine then moves
// to wasm by itself). Nothing in the page calls it.
(self as unknown as { maExplorerWorker: object }).maExplorerWorker = { destroyGpuDevice };
