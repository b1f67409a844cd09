/** The engine in the Node process (CLI, benchmarks, tests): wasm, else cpu; wasm binaries from node_modules. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendName } from '../gnn/backend';
import { createEngine, type Engine } from './api';

export function nodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

/** Node has no WebGPU. MA_BACKEND=cpu (or wasm) forces a backend, e.g. to compare the two. */
export function createNodeEngine(): Engine {
  const forced = process.env.MA_BACKEND as BackendName | undefined;
  return createEngine({ host: 'node', defaultOrder: forced ? [forced] : ['wasm', 'cpu'], wasmPaths: nodeWasmDir() });
}
