/**
 * The one RDKit MinimalLib (WASM) module of this process or worker, and the only way code here touches a JSMol.
 *
 * `initRDKit()` is memoised: the first call decides where the wasm comes from. In Node the emscripten loader finds
 * `RDKit_minimal.wasm` next to its own script in node_modules (nothing to pass); in the browser the caller passes
 * the URL that Vite gave the wasm (see rdkitBrowser.ts, the only file that knows about `?url` imports).
 * `withMol` deletes every JSMol in `finally`, so a thrown error never leaks WASM memory.
 */
import initRDKitModule from '@rdkit/rdkit';
import type { MainModule, Mol } from '@rdkit/rdkit';

export type RDKitModule = MainModule;
export type JSMol = Mol;

let modulePromise: Promise<RDKitModule> | null = null;
let loaded: RDKitModule | null = null;

export interface RDKitOptions {
  /** URL of RDKit_minimal.wasm; needed in the browser, ignored after the first call. */
  wasmUrl?: string;
}

/** Starts RDKit once; later calls return the same promise (their options are ignored). */
export function initRDKit(options: RDKitOptions = {}): Promise<RDKitModule> {
  modulePromise ??= start(options).catch((error: unknown) => {
    modulePromise = null; // let a later call try again (e.g. after a network error fetching the wasm)
    throw new Error(`RDKit could not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return modulePromise;
}

async function start({ wasmUrl }: RDKitOptions): Promise<RDKitModule> {
  const rdkit = await initRDKitModule(wasmUrl ? { locateFile: () => wasmUrl } : {});
  // Stereo as RDKit's Python API and OGB's featurisation see it (E/Z from CIP ranks, legacy perception).
  rdkit.use_legacy_stereo_perception(true);
  rdkit.prefer_coordgen(true);
  loaded = rdkit;
  return rdkit;
}

/** The started module, for synchronous code that runs after `await initRDKit()`. */
export function rdkit(): RDKitModule {
  if (!loaded) throw new Error('RDKit is not started yet: await initRDKit() first');
  return loaded;
}

/** Input RDKit did not accept (a bad SMILES or molblock); the message is for the user. */
export class MoleculeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoleculeParseError';
  }
}

/**
 * Parses `input` (SMILES or molblock) into a JSMol, runs `use` on it and deletes it. RDKit's default parse
 * sanitises, perceives aromaticity and removes explicit hydrogen atoms, as Python's Chem.MolFromSmiles does.
 */
export function withMol<T>(
  input: string,
  use: (mol: JSMol) => T,
  { details, describe = 'this molecule' }: { details?: Record<string, unknown>; describe?: string } = {},
): T {
  const mol = details ? rdkit().get_mol(input, JSON.stringify(details)) : rdkit().get_mol(input);
  if (!mol) throw new MoleculeParseError(`RDKit could not read ${describe}`);
  try {
    if (!mol.is_valid()) throw new MoleculeParseError(`RDKit could not read ${describe}`);
    return use(mol);
  } finally {
    mol.delete();
  }
}

/** Query molecules built from fixed SMARTS, kept for the life of the module (never per input molecule). */
const queries = new Map<string, JSMol>();

export function smartsQuery(smarts: string): JSMol {
  let query = queries.get(smarts);
  if (!query) {
    const made = rdkit().get_qmol(smarts);
    if (!made) throw new Error(`internal SMARTS does not parse: ${smarts}`);
    query = made;
    queries.set(smarts, query);
  }
  return query;
}
