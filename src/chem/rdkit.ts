/**
 * The one RDKit MinimalLib (WASM) module of this process or worker, and the only way code here touches a JSMol.
 *
 * `initRDKit()` is memoised: the first call decides where the wasm comes from. In Node the emscripten loader finds
 * `RDKit_minimal.wasm` next to its own script in node_modules (nothing to pass); in the browser the caller passes
 * the URL that Vite gave the wasm (see rdkitBrowser.ts, the only file that knows about `?url` imports).
 * `withMol` deletes every JSMol in `finally`, so a thrown error never leaks WASM memory.
 * If the wasm module faults ("memory access out of bounds"), its memory can no longer be trusted: the module is
 * dropped and a fresh one started (still one instance), so one bad input never breaks the molecules after it.
 */
import initRDKitModule from '@rdkit/rdkit';
import type { MainModule, Mol } from '@rdkit/rdkit';

export type RDKitModule = MainModule;
export type JSMol = Mol;

let modulePromise: Promise<RDKitModule> | null = null;
let loaded: RDKitModule | null = null;
/** RDKit's error log, captured so a refusal can say why (valence, an unclosed ring) instead of "could not read". */
let errorLog: { get_buffer(): string; clear_buffer(): void } | null = null;
let startOptions: RDKitOptions = {};
let restarts = 0;

export interface RDKitOptions {
  /** URL of RDKit_minimal.wasm; needed in the browser, ignored after the first call. */
  wasmUrl?: string;
}

/** Starts RDKit once; later calls return the same promise (their options are ignored). */
export function initRDKit(options: RDKitOptions = {}): Promise<RDKitModule> {
  if (!modulePromise) startOptions = options;
  modulePromise ??= start(startOptions).catch((error: unknown) => {
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
  errorLog = rdkit.set_log_capture('rdApp.error');
  loaded = rdkit;
  return rdkit;
}

/** The started module, for synchronous code that runs after `await initRDKit()`. */
export function rdkit(): RDKitModule {
  if (!loaded)
    throw modulePromise && restarts > 0
      ? new RDKitRestartingError()
      : new Error('RDKit is not started yet: await initRDKit() first');
  return loaded;
}

/** How many times a faulted module was replaced (tests and diagnostics). */
export function rdkitRestarts(): number {
  return restarts;
}

/** A wasm trap (memory access out of bounds, unreachable, stack exhaustion inside the module). */
function isWasmFault(error: unknown): boolean {
  return (
    (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) ||
    (error instanceof Error && /memory access out of bounds|unreachable|call stack|table index/i.test(error.message))
  );
}

/** A C++ exception RDKit let escape: the module is still sound, only this input failed. */
function isCppException(error: unknown): boolean {
  const exception = (WebAssembly as { Exception?: new (...args: never[]) => unknown }).Exception;
  return exception !== undefined && error instanceof exception;
}

/** Drops a faulted module and starts a fresh one in the background (initRDKit() awaits it). */
function replaceModule(): void {
  loaded = null;
  errorLog = null;
  queries.clear(); // they belonged to the old module
  restarts++;
  modulePromise = null;
  initRDKit(startOptions).catch(() => {}); // a later initRDKit() reports a failure to start
}

/** Asked for while a faulted module is being replaced: `await initRDKit()` and try again. */
export class RDKitRestartingError extends Error {
  constructor() {
    super('RDKit is restarting after a fault; try again');
    this.name = 'RDKitRestartingError';
  }
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
  const module = rdkit();
  let mol: JSMol | null = null;
  try {
    errorLog?.clear_buffer();
    mol = details ? module.get_mol(input, JSON.stringify(details)) : module.get_mol(input);
    if (!mol || !mol.is_valid()) throw new MoleculeParseError(`RDKit could not read ${describe}${reasonFromLog()}`);
    return use(mol);
  } catch (error) {
    if (isCppException(error))
      throw new MoleculeParseError(`RDKit could not read ${describe} (it raised an internal error)`);
    if (!isWasmFault(error)) throw error;
    mol = null; // its memory went with the module
    replaceModule();
    throw new MoleculeParseError(
      `RDKit failed on ${describe} (${(error as Error).message}); it was restarted, so other molecules still work`,
    );
  } finally {
    mol?.delete();
  }
}

/** RDKit's own reason for the last refusal, in a person's words (": atom 1 (C) has valence 5, ..."). */
function reasonFromLog(): string {
  const log = errorLog?.get_buffer() ?? '';
  const lines = log
    .split('\n')
    .map((line) => line.replace(/^\[[\d:]+\]\s*/, '').trim())
    .filter(Boolean);
  const valence = /valence for atom # ?(\d+) (\w+), (\d+), is greater than permitted/i.exec(log);
  if (valence)
    return `: atom ${Number(valence[1]) + 1} (${valence[2]}) has valence ${valence[3]}, more than ${valence[2]} allows`;
  if (/unclosed ring/i.test(log)) return ': a ring is opened but never closed (a ring-closure digit is unmatched)';
  if (/kekulize/i.test(log))
    return ': an aromatic (lower-case) ring cannot be written with alternating single and double bonds';
  if (/extra open parenthes/i.test(log)) return ': a branch "(" is never closed';
  if (/extra close parenthes/i.test(log)) return ': a ")" closes no branch';
  const position = /check for mistakes around position (\d+)/i.exec(log);
  if (position) return `: a syntax error near position ${position[1]}`;
  const first = lines[0]?.replace(/ for input: .*$/i, '').replace(/'[^']{40,}'/g, "'...'");
  return first ? `: ${first.length > 120 ? `${first.slice(0, 117)}...` : first}` : '';
}

/** Query molecules built from fixed SMARTS, kept for the life of the module (never per input molecule). */
const queries = new Map<string, JSMol>();

export function smartsQuery(smarts: string): JSMol {
  let query = queries.get(smarts);
  if (!query) {
    rdkit(); // throws while a faulted module is being replaced
    const made = rdkit().get_qmol(smarts);
    if (!made) throw new Error(`internal SMARTS does not parse: ${smarts}`);
    query = made;
    queries.set(smarts, query);
  }
  return query;
}
