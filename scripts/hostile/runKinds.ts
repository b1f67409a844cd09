/** How each kind of hostile input is fed to the real code (RDKit, tfjs wasm, the file readers, the CLI). */
import { spawn } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { parseMolecule } from '../../src/chem/molecule';
import { initRDKit } from '../../src/chem/rdkit';
import { loadOgbNodeProperty } from '../../src/data/ogbNodeProperty';
import { loadUserFiles, type UserFile } from '../../src/data/userFile';
import { moleculeGraph, featurizerSpec } from '../../src/data/moleculeGraphs';
import { encodeCheckpoint } from '../../src/gnn/checkpoint';
import { validateConfig } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { quantizeWeightsToFloat16, type WeightSpec } from '../../src/gnn/float16Weights';
import { runCli } from '../../src/cli/commands';
import { createNodeEngine } from '../../src/engine/node';
import { ModelRegistry } from '../../src/engine/models';
import { resolveStructure } from '../../src/engine/moleculeInputs';
import { UserDatasets } from '../../src/engine/userDatasets';
import { decodeUrl, describeIgnored } from '../../src/state/urlState';
import { rng } from './random';
import type { HostileCase, RunReport } from './types';
import type { OgbFile } from './genFiles';

type Runner = (data: never, kase: HostileCase) => Promise<RunReport>;

const encoder = new TextEncoder();
const fileOf = (f: { name: string; text?: string; bytes?: number[] }): UserFile => ({
  name: f.name,
  bytes: f.bytes ? Uint8Array.from(f.bytes) : encoder.encode(f.text ?? ''),
});

async function attempt(
  run: () => Promise<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** After a chemistry case: RDKit must still read a plain molecule (one bad input must not break the next). */
async function rdkitStillWorks(): Promise<string | null> {
  try {
    await initRDKit();
    parseMolecule('CCO');
    return null;
  } catch (error) {
    return `RDKit is broken after this input: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function checkFailure(kase: HostileCase, got: { ok: boolean; value?: unknown; error?: unknown }): string | null {
  const expect = kase.expect;
  if (!expect || typeof expect === 'string') return null;
  const message = got.ok ? '' : got.error instanceof Error ? got.error.message : String(got.error);
  if (expect.check === 'message-includes')
    return got.ok || message.includes(String(expect.value))
      ? null
      : `the message does not say "${expect.value}": ${message}`;
  if (expect.check === 'loaded-or-encoding')
    return got.ok || /encoding|latin|utf-?8|windows-1252/i.test(message)
      ? null
      : `neither read nor the encoding named: ${message}`;
  if (!got.ok) return expect.check === 'reported' ? null : `refused: ${message}`;
  return null;
}

interface TableReport {
  loaded: number;
  targetNames: string[];
  rejected?: { line: number; reason: string }[];
  skipped?: { line: number; reason: string }[];
  notes: string[];
  listing?: { smiles: string[]; names?: string[] };
}

function checkTable(kase: HostileCase, report: TableReport): string | null {
  const expect = kase.expect;
  if (!expect || typeof expect === 'string') return null;
  const rejected = report.rejected ?? report.skipped ?? [];
  const value = expect.value;
  switch (expect.check) {
    case 'loaded':
      return report.loaded === value ? null : `loaded ${report.loaded}, expected ${value}`;
    case 'loaded-at-least':
      return report.loaded >= Number(value) ? null : `loaded ${report.loaded}, expected at least ${value}`;
    case 'target':
      return report.targetNames.includes(String(value))
        ? null
        : `"${value}" is not a target (${report.notes.join('; ')})`;
    case 'names':
      return report.listing?.names?.includes(String(value))
        ? null
        : `the list shows ${report.listing?.smiles.slice(0, 3).join(', ')}, not the names`;
    case 'target-row-reported':
      if (!report.targetNames.includes(String(value))) return `the target column "${value}" was dropped`;
      return rejected.length > 0 ? null : 'the bad target value passed silently';
    case 'skip-includes':
      return rejected.some((s) => s.reason.includes(String(value)))
        ? null
        : `no reason says "${value}": ${rejected.map((s) => s.reason).join('; ')}`;
    case 'reported':
      return rejected.length > 0 ? null : 'loaded without a word about the bad input';
    default:
      return null;
  }
}

function tableReport(kase: HostileCase, got: Awaited<ReturnType<typeof attempt>>, broken: string | null): RunReport {
  if (broken) return { accepted: false, error: new RangeError(broken) };
  const failure = checkFailure(kase, got);
  if (!got.ok) {
    if (failure?.startsWith('refused')) return { accepted: true, value: null, wrong: `the whole file was ${failure}` };
    return failure ? { accepted: false, error: got.error, unclear: failure } : { accepted: false, error: got.error };
  }
  const report = got.value as TableReport;
  const wrong = checkTable(kase, report) ?? failure ?? undefined;
  const messages = [...report.notes, ...(report.rejected ?? report.skipped ?? []).map((s) => s.reason)];
  return { accepted: true, value: report.loaded, wrong, messages };
}

const smiles: Runner = async (data: { smiles: string; dataset: 'zinc' | 'tox21' }, kase) => {
  await initRDKit();
  const got = await attempt(async () =>
    resolveStructure(data.smiles, data.dataset, { title: 't', smiles: data.smiles, targets: [], targetNames: [] }),
  );
  const broken = await rdkitStillWorks();
  if (broken) return { accepted: false, error: new RangeError(broken) };
  const failure = checkFailure(kase, got);
  if (!got.ok) {
    if (failure) return { accepted: false, error: got.error, unclear: failure };
    const message = got.error instanceof Error ? got.error.message : String(got.error);
    if (message.length > 200 && message.includes(data.smiles.slice(0, 150)))
      return { accepted: false, error: new Error(`echoes the input whole (${message.length} characters): ${message}`) };
    return { accepted: false, error: got.error };
  }
  return { accepted: true, value: null };
};

const table: Runner = async (
  data: { files: { name: string; text?: string; bytes?: number[] }[]; family: 'zinc' | 'tox21' },
  kase,
) => {
  await initRDKit();
  const got = await attempt(() => new UserDatasets().load(data.files.map(fileOf), data.family));
  return tableReport(kase, got, await rdkitStillWorks());
};

const tu: Runner = async (data: { files: Record<string, string> }, kase) => {
  const files = Object.entries(data.files).map(([name, text]) => fileOf({ name, text }));
  const got = await attempt(() => loadUserFiles(files));
  return tableReport(kase, got, null);
};

const ogb: Runner = async (data: { files: OgbFile[] }, kase) => {
  const blobs = data.files.map((f) => ({
    name: f.name,
    blob: f.longLine ? new Blob([new Uint8Array(f.longLine).fill(0x31)]) : new Blob([f.text ?? '']),
  }));
  const got = await attempt(() => loadOgbNodeProperty(blobs));
  if (!got.ok) return { accepted: false, error: got.error };
  const graph = got.value as { skipped: { reason: string }[]; numNodes: number };
  const wrong =
    typeof kase.expect === 'object' && kase.expect.check === 'reported' && graph.skipped.length === 0
      ? 'loaded without a word about the bad input'
      : undefined;
  return { accepted: true, value: graph.numNodes, wrong, messages: graph.skipped.map((s) => s.reason) };
};

async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A gzip bomb without building its plain text: gzip streams `mb` megabytes of one repeated chunk. */
async function bomb(mb: number, fill: number | string): Promise<Uint8Array> {
  const chunk =
    typeof fill === 'number'
      ? new Uint8Array(1 << 20).fill(fill)
      : encoder.encode(fill.repeat(Math.ceil((1 << 20) / fill.length)).slice(0, 1 << 20));
  let sent = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < mb) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const gzip = new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return new Uint8Array(await new Response(source.pipeThrough(gzip)).arrayBuffer());
}

const bombs = new Map<string, Uint8Array>();

const gzip: Runner = async (data: Record<string, never>, kase) => {
  const d = data as unknown as {
    recipe: string;
    text?: string;
    name: string;
    keep?: number;
    at?: number;
    byte?: number;
    mb?: number;
    limitMb?: number;
    fill?: number | string;
    length?: number;
    seed?: number;
    magic?: boolean;
    tu?: boolean;
  };
  let bytes: Uint8Array;
  const plain = encoder.encode(d.text ?? '');
  if (d.recipe === 'gzip') bytes = await gzipBytes(plain);
  else if (d.recipe === 'gzip2') bytes = await gzipBytes(await gzipBytes(plain));
  else if (d.recipe === 'truncate') bytes = (await gzipBytes(plain)).slice(0, d.keep);
  else if (d.recipe === 'corrupt') {
    bytes = await gzipBytes(plain);
    bytes[Math.min(d.at!, bytes.length - 1)] = d.byte!;
  } else if (d.recipe === 'bomb') {
    const key = `${d.mb}:${d.fill}`;
    bytes = bombs.get(key) ?? (await bomb(d.mb!, d.fill!));
    bombs.set(key, bytes);
  } else if (d.recipe === 'gzipBytes') {
    const r = rng(7);
    bytes = await gzipBytes(Uint8Array.from({ length: d.length! }, () => r.int(0, 255)));
  } else {
    const r = rng(d.seed!);
    bytes = Uint8Array.from({ length: d.length! }, () => r.int(0, 255));
    if (d.magic && bytes.length >= 2) [bytes[0], bytes[1]] = [0x1f, 0x8b];
  }
  await initRDKit();
  const files: UserFile[] = [{ name: d.name, bytes }];
  if (d.tu) files.push({ name: 'DS_graph_indicator.txt', bytes: encoder.encode('1\n1\n') });
  const maxFileBytes = (d.limitMb ?? 64) * 1024 * 1024;
  const start = performance.now();
  const got = await attempt(() => loadUserFiles(files, { maxFileBytes, maxAtoms: 150 }));
  const ms = performance.now() - start; // the load alone: building the bomb is the corpus's time, not the app's
  return { ...tableReport(kase, got, await rdkitStillWorks()), ms };
};

let registry: ModelRegistry | null = null;

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  Object.defineProperty(at, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

const checkpoint: Runner = async (data: { config: unknown; edit: Record<string, unknown> }, kase) => {
  await createNodeEngine().init();
  await initRDKit();
  registry ??= new ModelRegistry();
  const model = createModel(validateConfig(data.config));
  const encoded = await encodeCheckpoint(model, {
    variant: 'base',
    epochs: 0,
    wallSeconds: 0,
    backend: 'wasm',
    metrics: {},
  });
  disposeParams(model.params);
  const json = JSON.parse(JSON.stringify(encoded.modelJson)) as Record<string, unknown> & {
    weightsManifest: { weights: WeightSpec[] }[];
  };
  let weights = encoded.weights.slice(0);
  const edit = data.edit;
  const specs = json.weightsManifest[0].weights;
  if (edit.weight) {
    const values = new Float32Array(weights);
    let offset = 0;
    for (const s of specs) {
      if (s.name === edit.weight) break;
      offset += s.shape.reduce((a, b) => a * b, 1);
    }
    const size = specs.find((s) => s.name === edit.weight)!.shape.reduce((a, b) => a * b, 1);
    const at = offset + (Number(edit.at) % size); // inside the named weight, whatever its size
    values[at] = Number(edit.value);
    if (edit.float16) {
      const values16 = Float32Array.from(values, (v) => (Number.isFinite(v) && Math.abs(v) > 65504 ? v : v));
      const safe = Float32Array.from(values16, (v) => (Number.isFinite(v) && Math.abs(v) > 65504 ? 0 : v));
      const quantized = quantizeWeightsToFloat16(specs, safe.buffer);
      const half = new Uint16Array(quantized.data);
      half[at] = edit.value === 'NaN' ? 0x7e00 : edit.value === '-Infinity' ? 0xfc00 : 0x7c00;
      json.weightsManifest[0].weights = quantized.specs;
      weights = quantized.data;
    } else weights = values.buffer;
  }
  if (edit.randomizeWeights !== undefined) {
    const r = rng(Number(edit.randomizeWeights));
    const bytes = new Uint8Array(weights);
    for (let i = 0; i < 16; i++) bytes[r.int(0, bytes.length - 1)] = r.int(0, 255);
  }
  if (edit.resize !== undefined) {
    const n = Number(edit.resize);
    const bytes = new Uint8Array(Math.max(0, weights.byteLength + n));
    bytes.set(new Uint8Array(weights).subarray(0, bytes.length));
    weights = bytes.buffer;
  }
  if (edit.json) setPath(json, String(edit.json), edit.value);
  if (edit.drop) json.weightsManifest[0].weights = specs.filter((s) => s.name !== edit.drop);
  if (edit.extra) specs.push({ name: String(edit.extra), shape: [1], dtype: 'float32' });
  if (edit.duplicate) specs.push({ ...specs.find((s) => s.name === edit.duplicate)! });
  const text = edit.text !== undefined ? String(edit.text) : JSON.stringify(json);
  const tensorsBefore = tf.memory().numTensors;
  const got = await attempt(async () => {
    const parsed = JSON.parse(text) as unknown;
    const id = registry!.load(parsed, weights);
    try {
      const molecule = parseMolecule('c1ccccc1O', { inputKekule: true });
      const graph = moleculeGraph(molecule, 'zinc', [null]);
      const result = await registry!.forward({
        modelId: id,
        graphs: [graph],
        spec: featurizerSpec('zinc', 1),
        capture: true,
      });
      return Array.from(result.output);
    } finally {
      registry!.dispose(id);
    }
  });
  const leaked = tf.memory().numTensors - tensorsBefore;
  if (leaked > 0) return { accepted: true, value: null, wrong: `${leaked} tensors leaked` };
  if (!got.ok) {
    if (got.error instanceof SyntaxError)
      return { accepted: false, error: new Error(`model.json is not JSON: ${got.error.message}`) };
    return { accepted: false, error: got.error };
  }
  const output = got.value as number[];
  if (kase.expect === 'reject')
    return { accepted: true, value: output, wrong: `non-finite or broken weights accepted (prediction ${output})` };
  if (output.some((v) => !Number.isFinite(v)))
    return { accepted: true, value: output, wrong: `accepted, and the prediction is ${output}` };
  return { accepted: true, value: output };
};

function pipeCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const cli: Runner = async (data: { argv: string[]; pipe?: boolean }, kase) => {
  const run = data.pipe ? await pipeCli(data.argv) : await runCli(data.argv);
  if (run.code !== 0) {
    const message = run.stderr.trim() || `exit code ${run.code} with no message`;
    const error = /^(TypeError|RangeError)/.test(message) ? new TypeError(message) : new Error(message);
    return kase.expect === 'accept'
      ? { accepted: true, value: null, wrong: `failed: ${message.slice(0, 300)}` }
      : { accepted: false, error };
  }
  try {
    JSON.parse(run.stdout);
  } catch {
    return {
      accepted: true,
      value: null,
      wrong: `exit 0 but stdout is not whole JSON (${run.stdout.length} characters)`,
    };
  }
  if (run.stderr && /XNN|not successful/.test(run.stderr))
    return { accepted: true, value: null, messages: [run.stderr] };
  return { accepted: true, value: null };
};

const url: Runner = async (data: { hash: string }) => {
  const decoded = decodeUrl(data.hash);
  const notice = describeIgnored(decoded.ignored);
  const polluted =
    ({} as Record<string, unknown>).polluted !== undefined || Object.getPrototypeOf(decoded.state) !== Object.prototype;
  if (polluted) return { accepted: true, value: null, wrong: 'the hash changed an object prototype' };
  if (notice && notice.length > 2000)
    return { accepted: false, error: new Error(`a notice of ${notice.length} characters: ${notice.slice(0, 200)}`) };
  return { accepted: true, value: null };
};

export const RUNNERS: Record<HostileCase['kind'], Runner> = {
  smiles,
  csv: table,
  sdf: table,
  tu,
  ogb,
  gzip,
  checkpoint,
  cli,
  url,
};
