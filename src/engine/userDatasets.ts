/**
 * A user's own files (CSV/TSV of SMILES, SDF) as datasets the explorer can browse: read once by
 * src/data/userFile.ts for a model family (ZINC-style or TOX21-style featurisation), every rejected row kept with
 * its line and reason, and each loaded row resolved on demand exactly as a typed SMILES is (resolveStructure), so
 * a row of a file and the same SMILES typed in give the same graph and the same numbers.
 */
import { withMol } from '../chem/rdkit';
import { DataFileError } from '../data/gzip';
import type { UserDataset } from '../data/loadReport';
import type { Featurizer } from '../data/moleculeGraphs';
import { splitSdf } from '../data/sdf';
import { loadUserFiles, readText, type UserFile } from '../data/userFile';
import type {
  DatasetInfo,
  MoleculeListing,
  MoleculeRef,
  UserDatasetFamily,
  UserDatasetProgress,
  UserDatasetReport,
} from './explorerTypes';
import { MoleculeInputError, resolveStructure, type ResolvedMolecule } from './moleculeInputs';

/** Atoms per molecule, as for a typed SMILES (bigger rows are rejected with that reason). */
export const USER_MAX_ATOMS = 150;
/** Files kept per engine (their text and parsed rows); the oldest goes first. */
const KEEP_DATASETS = 4;

export const FAMILY_FEATURIZER: Record<UserDatasetFamily, Featurizer> = { zinc: 'zinc', tox21: 'ogb' };

interface ParsedFile {
  report: UserDatasetReport;
  /** Per loaded row, the structure resolveStructure reads (SMILES, or a molblock for TOX21-style SDF rows). */
  structures: string[];
  /** Per loaded row, its line in the file and its SMILES (null for SDF rows). */
  lines: Int32Array;
  smiles: (string | null)[];
}

interface StoredFile {
  files: UserFile[];
  byFamily: Map<UserDatasetFamily, ParsedFile>;
}

type Progress = (progress: UserDatasetProgress) => void;

export class UserDatasets {
  private stored = new Map<string, StoredFile>();
  private nextId = 1;

  /** Reads the files for `family`; throws DataFileError (message for the person) when nothing can be used. */
  async load(files: UserFile[], family: UserDatasetFamily, onProgress?: Progress): Promise<UserDatasetReport> {
    const id = `user-${this.nextId++}`;
    const stored: StoredFile = { files, byFamily: new Map() };
    const parsed = await parseFiles(id, files, family, onProgress);
    stored.byFamily.set(family, parsed);
    this.stored.set(id, stored);
    if (this.stored.size > KEEP_DATASETS) this.stored.delete(this.stored.keys().next().value!);
    return parsed.report;
  }

  /** The same files read for another family (rows the other featurisation cannot read are rejected). */
  async refeaturize(id: string, family: UserDatasetFamily, onProgress?: Progress): Promise<UserDatasetReport> {
    return (await this.parsed(id, family, onProgress)).report;
  }

  async resolve(ref: Extract<MoleculeRef, { kind: 'user' }>): Promise<ResolvedMolecule> {
    const { report, structures, lines, smiles } = await this.parsed(ref.datasetId, ref.dataset);
    const structure = structures[ref.index];
    if (structure === undefined) throw new MoleculeInputError(`${report.title} has no molecule #${ref.index}`);
    return resolveStructure(structure, ref.dataset, {
      title: `${report.title} · #${ref.index} (line ${lines[ref.index]})`,
      smiles: smiles[ref.index],
      targets: [],
      targetNames: [],
    });
  }

  private async parsed(id: string, family: UserDatasetFamily, onProgress?: Progress): Promise<ParsedFile> {
    const stored = this.stored.get(id);
    if (!stored) throw new MoleculeInputError('this file is no longer loaded; drop it again');
    let parsed = stored.byFamily.get(family);
    if (!parsed) {
      parsed = await parseFiles(id, stored.files, family, onProgress);
      stored.byFamily.set(family, parsed);
    }
    return parsed;
  }
}

async function parseFiles(
  id: string,
  files: UserFile[],
  family: UserDatasetFamily,
  onProgress: Progress = () => {},
): Promise<ParsedFile> {
  const size = files.reduce((sum, f) => sum + f.bytes.length, 0);
  onProgress({ stage: 'reading', message: `reading ${files.map((f) => f.name).join(', ')} (${size} bytes)` });
  const featurizer = FAMILY_FEATURIZER[family];
  onProgress({ stage: 'parsing', message: `reading the molecules with RDKit (${family.toUpperCase()}-style)` });
  const data = await loadUserFiles(files, { featurizer, maxAtoms: USER_MAX_ATOMS });
  if (data.kind !== 'molecules')
    throw new DataFileError(
      `${data.format.toUpperCase()} files hold plain graphs (${data.loaded} read); the explorer's models read ` +
        'molecules: drop a CSV or TSV of SMILES, or an SDF',
    );
  if (data.loaded === 0)
    throw new DataFileError(
      `none of the ${data.total} rows could be read` +
        (data.skipped.length ? ` (line ${data.skipped[0].line}: ${data.skipped[0].reason})` : ''),
    );
  onProgress({ stage: 'listing', message: `listing ${data.loaded} molecules` });
  const structures = await structuresOf(data, files, featurizer);
  const title = files.map((f) => f.name).join(', ');
  return {
    report: reportOf(id, title, family, data),
    structures,
    lines: Int32Array.from(data.records, (r) => r.line),
    smiles: data.records.map((r) => r.smiles ?? null),
  };
}

/** The structure behind each loaded record: its SMILES, or (SDF) its molblock, written as SMILES for ZINC. */
async function structuresOf(data: UserDataset, files: UserFile[], featurizer: Featurizer): Promise<string[]> {
  if (data.format !== 'sdf') return data.records.map((r) => r.smiles ?? '');
  const molblocks = new Map(splitSdf(await readText(files[0])).map((r) => [r.line, r.molblock]));
  return data.records.map((r) => {
    const molblock = molblocks.get(r.line) ?? '';
    // As moleculeRows.ts does: ZINC atom types need the explicit H counts only a SMILES carries.
    return featurizer === 'zinc'
      ? withMol(molblock, (mol) => mol.get_smiles(), { describe: 'the molblock' })
      : molblock;
  });
}

function reportOf(id: string, title: string, family: UserDatasetFamily, data: UserDataset): UserDatasetReport {
  const numTargets = Math.max(1, data.targetNames.length);
  const targets = new Float32Array(data.graphs.length * numTargets).fill(NaN);
  data.graphs.forEach((g, i) => targets.set(g.target.subarray(0, numTargets), i * numTargets));
  const hasSmiles = data.records.every((r) => r.smiles !== undefined);
  const listing: MoleculeListing = {
    dataset: family,
    split: 'test',
    count: data.loaded,
    smiles: hasSmiles ? data.records.map((r) => r.smiles ?? '') : data.records.map((r) => r.name ?? `line ${r.line}`),
    ...(hasSmiles && data.records.some((r) => r.name) ? { names: data.records.map((r) => r.name ?? '') } : {}),
    targets,
    numTargets,
    numNodes: Int32Array.from(data.graphs, (g) => g.numNodes),
    numBonds: Int32Array.from(data.graphs, (g) => g.bondBegin.length),
    userDatasetId: id,
  };
  const info: DatasetInfo = {
    name: family,
    title,
    description: `${title}: ${data.loaded} of ${data.total} molecules read, featurised for ${family.toUpperCase()} models`,
    task: family === 'zinc' ? 'regression' : 'multilabel-binary',
    targetNames: data.targetNames,
    splits: { test: data.loaded, val: 0, train: 0 },
    drawing: 'molecule',
  };
  return {
    id,
    title,
    family,
    format: data.format,
    loaded: data.loaded,
    total: data.total,
    rejected: data.skipped.map((s) => ({ line: s.line, reason: s.reason, ...(s.file && { file: s.file }) })),
    notes: data.notes,
    targetNames: data.targetNames,
    info,
    listing,
  };
}
