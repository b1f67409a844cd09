/**
 * Turns rows of (SMILES or molblock, target values) into graphs, skipping and reporting each bad row. Shared by
 * the CSV and SDF readers and by the TOX21 bundle build, so the bundle is made exactly as a user's file would be.
 */
import { checkAtomCount } from '../chem/inputGuard';
import { DEFAULT_MAX_ATOMS, looksLikeMolblock, parseMolecule, type Molecule } from '../chem/molecule';
import { initRDKit, MoleculeParseError, RDKitRestartingError, withMol } from '../chem/rdkit';
import type { Graph } from './graph';
import { quoteValue, type LoadedRecord, type SkippedRow } from './loadReport';
import { moleculeGraph, type Featurizer } from './moleculeGraphs';
import { DataFileError } from './gzip';

export interface MoleculeRow {
  line: number;
  /** SMILES or molblock. */
  structure: string;
  /** Raw target cells, in targetNames order ('' = missing). */
  targetCells: string[];
  name?: string;
}

export interface MoleculeRowOptions {
  featurizer: Featurizer;
  targetNames: string[];
  maxAtoms?: number;
  /** Skip molecules without bonds (the attention models have nothing to attend over). Default true. */
  requireBonds?: boolean;
}

export interface MoleculeRowsResult {
  graphs: Graph[];
  molecules: Molecule[];
  records: LoadedRecord[];
  skipped: SkippedRow[];
}

/**
 * Async only so that a row that made RDKit fault (rdkit.ts replaces the module) is followed by the rest of the
 * file on the fresh module: that row is reported, the next ones are read.
 */
export async function moleculeRowsToGraphs(
  rows: readonly MoleculeRow[],
  options: MoleculeRowOptions,
): Promise<MoleculeRowsResult> {
  const result: MoleculeRowsResult = { graphs: [], molecules: [], records: [], skipped: [] };
  for (const row of rows) {
    try {
      readRow(row, options, result);
    } catch (error) {
      if (!(error instanceof RDKitRestartingError)) throw error;
      await initRDKit();
      readRow(row, options, result);
    }
  }
  return result;
}

function readRow(row: MoleculeRow, options: MoleculeRowOptions, result: MoleculeRowsResult): void {
  const { featurizer, targetNames, maxAtoms, requireBonds = true } = options;
  try {
    const targets = row.targetCells.map((cell, i) => parseTarget(cell, targetNames[i]));
    const molecule = parseMolecule(zincInput(row.structure, featurizer, maxAtoms), {
      maxAtoms,
      inputKekule: featurizer === 'zinc',
    });
    if (requireBonds && molecule.bonds.length === 0)
      throw new MoleculeParseError('the molecule has no bonds (a single atom or separate ions)');
    result.graphs.push(moleculeGraph(molecule, featurizer, targets));
    result.molecules.push(molecule);
    result.records.push({
      line: row.line,
      ...(molecule.input.format === 'smiles' ? { smiles: molecule.input.text } : {}),
      ...(row.name ? { name: row.name } : {}),
    });
  } catch (error) {
    if (!(error instanceof MoleculeParseError || error instanceof DataFileError)) throw error;
    result.skipped.push({ line: row.line, reason: error.message });
  }
}

/**
 * The ZINC atom types need explicit H counts, which only a SMILES carries (molecule.ts), so a molblock is first
 * written as RDKit's SMILES; its atoms are then in that SMILES's order, as for any SMILES input.
 */
function zincInput(structure: string, featurizer: Featurizer, maxAtoms = DEFAULT_MAX_ATOMS): string {
  if (featurizer !== 'zinc' || !looksLikeMolblock(structure)) return structure;
  checkAtomCount(structure, 'molblock', maxAtoms); // before RDKit builds it (inputGuard.ts)
  return withMol(structure, (mol) => mol.get_smiles(), { describe: 'the molblock' });
}

function parseTarget(cell: string, name: string): number | null {
  if (cell === '' || /^(nan|na|n\/a|null|none|-)$/i.test(cell)) return null;
  const value = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(cell) ? Number(cell) : NaN;
  if (!Number.isFinite(value)) {
    const shown = quoteValue(cell.length > 20 ? `${cell.slice(0, 17)}...` : cell);
    const why = /^\s*[-+]?inf(inity)?\s*$/i.test(cell)
      ? 'which is infinite; a target must be a finite number'
      : Number.isNaN(value)
        ? 'which is not a number'
        : 'which is beyond the largest number (about 1.8e308)';
    throw new DataFileError(`column "${name}" has ${shown}, ${why}; the row is skipped, the column kept`);
  }
  return value;
}
