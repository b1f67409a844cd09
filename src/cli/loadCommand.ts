/**
 * `npm run cli -- load --file PATH [--file PATH2 ...] [--featurizer ogb|zinc] [--smiles-column NAME]
 *  [--targets A,B] [--max-atoms N] [--json]`: loads a user's file exactly as the app does (CSV/TSV, SDF, TU files,
 * plain or .gz; a folder means all its files) and prints {loaded, total, summary, skipped: [{line, reason}],
 * graphs}. Bad input is reported, never a stack trace; the exit code is 0 when anything loaded, 2 otherwise.
 */
import { openAsBlob } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { initRDKit, MoleculeParseError } from '../chem/rdkit';
import { DataFileError } from '../data/gzip';
import { loadSummary, type SkippedRow } from '../data/loadReport';
import { FEATURIZERS, type Featurizer } from '../data/moleculeGraphs';
import { buildAdjacency, PAPER_FANOUTS, sampleBlocks } from '../data/neighborSampler';
import { isOgbNodePropertyLayout, loadOgbNodeProperty } from '../data/ogbNodeProperty';
import { seededUniform } from '../data/random';
import { DEFAULT_MAX_FILE_BYTES, formatBytes, loadUserFiles, type UserFile } from '../data/userFile';
import { UsageError } from './usage';
import { oneOf, readOptions, wholeNumber } from './options';
import { DEFAULT_MAX_ATOMS } from '../chem/molecule';

const FLAGS = {
  file: { type: 'string', multiple: true },
  featurizer: { type: 'string', default: 'ogb' },
  'smiles-column': { type: 'string' },
  targets: { type: 'string' },
  'max-atoms': { type: 'string' },
  seeds: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const OPTIONS = z.object({
  file: z.array(z.string()).min(1, 'is required: --file PATH').optional(),
  featurizer: oneOf(FEATURIZERS as [Featurizer, ...Featurizer[]]),
  'smiles-column': z.string().optional(),
  targets: z.string().optional(),
  'max-atoms': wholeNumber(1, DEFAULT_MAX_ATOMS).optional(),
  seeds: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+){0,99}\s*$/, 'must be up to 100 node ids (whole numbers) separated by commas')
    .optional(),
  json: z.boolean().optional(),
});

const EXIT_NOTHING_LOADED = 2;

export async function loadCommand(args: string[]): Promise<unknown> {
  const options = loadOptions(args);
  try {
    const ogb = await ogbLayout(options.files);
    if (ogb) return await loadOgb(ogb, options.seeds);
    const files = await readFiles(options.files, options.maxFileBytes);
    await initRDKit();
    const data = await loadUserFiles(files, options);
    if (data.loaded === 0) process.exitCode = EXIT_NOTHING_LOADED;
    return {
      loaded: data.loaded,
      total: data.total,
      summary: loadSummary(data),
      format: data.format,
      notes: data.notes,
      spec: data.spec,
      targetNames: data.targetNames,
      skipped: data.skipped,
      graphs: data.graphs.map((graph, i) => ({
        ...data.records[i],
        nodes: graph.numNodes,
        bonds: graph.bondBegin.length,
        target: Array.from(graph.target, (v, t) => (graph.targetMask[t] ? v : null)),
      })),
    };
  } catch (error) {
    if (!(error instanceof DataFileError || error instanceof MoleculeParseError)) throw error;
    process.exitCode = EXIT_NOTHING_LOADED;
    const skipped: SkippedRow[] = [{ line: 0, reason: error.message }];
    return { loaded: 0, total: 0, summary: `nothing loaded: ${error.message}`, skipped, graphs: [] };
  }
}

interface LoadOptions {
  files: string[];
  featurizer: Featurizer;
  smilesColumn?: string;
  targetColumns?: string[];
  maxAtoms?: number;
  maxFileBytes: number;
  seeds?: number[];
}

function loadOptions(args: string[]): LoadOptions {
  const values = readOptions('load', args, FLAGS, OPTIONS);
  if (!values.file?.length) throw new UsageError('load: --file PATH is required');
  return {
    files: values.file,
    featurizer: values.featurizer,
    smilesColumn: values['smiles-column'],
    targetColumns: values.targets?.split(',').map((t) => t.trim()),
    maxAtoms: values['max-atoms'],
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    seeds: values.seeds?.split(',').map(Number),
  };
}

/** Reads each path (a folder: its files) with a size check before reading. */
async function readFiles(paths: string[], maxFileBytes: number): Promise<UserFile[]> {
  const files: UserFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new DataFileError(`cannot read ${path}: no such file or folder`);
    });
    const names = info.isDirectory() ? (await readdir(path)).map((name) => join(path, name)) : [path];
    for (const name of names) {
      const size = (await stat(name)).size;
      if (size > maxFileBytes)
        throw new DataFileError(`${basename(name)} is ${formatBytes(size)}; the limit is ${formatBytes(maxFileBytes)}`);
      files.push({ name: basename(name), bytes: new Uint8Array(await readFile(name)) });
    }
  }
  return files;
}

/** A folder holding OGB's node-property layout (raw/*.csv.gz, split/<name>/*.csv.gz): its files, else null. */
async function ogbLayout(paths: string[]): Promise<{ root: string; files: string[] } | null> {
  if (paths.length !== 1 || !(await stat(paths[0]).catch(() => null))?.isDirectory()) return null;
  const root = paths[0];
  const files: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 3) await walk(path, depth + 1);
      else if (entry.isFile()) files.push(path);
    }
  };
  await walk(root, 0);
  return isOgbNodePropertyLayout(files.map((f) => relative(root, f))) ? { root, files } : null;
}

/** The OGB graph, streamed, and neighbour-sampled blocks (docs/METHOD.md §9.3 fanouts) around a few seed nodes. */
async function loadOgb(layout: { root: string; files: string[] }, seeds?: number[]): Promise<unknown> {
  const blobs = await Promise.all(
    layout.files.map(async (path) => ({ name: relative(layout.root, path), blob: await openAsBlob(path) })),
  );
  const graph = await loadOgbNodeProperty(blobs);
  const chosen = seeds ?? Array.from(graph.split.test.subarray(0, 3));
  const bad = chosen.find((s) => !(Number.isInteger(s) && s >= 0 && s < graph.numNodes));
  if (bad !== undefined) throw new UsageError(`load: --seeds has ${bad}, not a node of 0..${graph.numNodes - 1}`);
  const adjacency = buildAdjacency(graph);
  const random = seededUniform(0);
  return {
    loaded: graph.numNodes,
    total: graph.numNodes,
    summary: `loaded a graph of ${graph.numNodes} nodes and ${graph.numEdges} edges; ${graph.skipped.length + graph.moreSkipped} lines skipped`,
    format: 'ogb-node-property',
    species: graph.species,
    numLabels: graph.numLabels,
    split: { train: graph.split.train.length, valid: graph.split.valid.length, test: graph.split.test.length },
    skipped: graph.skipped,
    graphs: chosen.map((seed) => ({
      seed,
      fanouts: [...PAPER_FANOUTS],
      blocks: sampleBlocks(adjacency, [seed], PAPER_FANOUTS, random).map((b) => ({
        src: b.srcNodes.length,
        dst: b.numDst,
        edges: b.edgeIds.length,
      })),
    })),
  };
}
