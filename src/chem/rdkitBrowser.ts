/**
 * Browser-only: starts RDKit with its wasm served from our own origin. The Vite `?url` import lives here so that
 * every other chem module runs unchanged in Node. Call from the engine worker (or any browser context).
 */
import rdkitWasmUrl from '@rdkit/rdkit/RDKit_minimal.wasm?url';
import { initRDKit, type RDKitModule } from './rdkit';

export function initRDKitInBrowser(): Promise<RDKitModule> {
  return initRDKit({ wasmUrl: rdkitWasmUrl });
}
