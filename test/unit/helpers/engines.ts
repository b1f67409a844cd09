/** The engine as the app serves it, in Node: wasm, the bundled datasets and the checkpoints in a models folder. */
import { folderBundleSource } from '../../../src/data/bundleNode';
import { createEngine, type Engine } from '../../../src/engine/api';
import { folderCheckpointSource } from '../../../src/engine/folderCheckpoints';
import { nodeWasmDir } from '../../../src/engine/node';

export function createServedEngine(modelsFolder?: string): Engine {
  return createEngine({
    host: 'node',
    defaultOrder: ['wasm'],
    wasmPaths: nodeWasmDir(),
    datasets: folderBundleSource(),
    checkpoints: folderCheckpointSource(modelsFolder),
  });
}
