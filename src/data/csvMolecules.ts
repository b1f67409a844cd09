/**
 * A user's CSV or TSV of molecules: one SMILES column (named by the caller, else found by its header name, else by
 * its content), an optional name column (name, title, compound: the list shows it), and optional numeric target or
 * label columns (named by the caller, else every other column where most filled cells are numbers, apart from
 * id-like columns). A row whose target cell is not a finite number is reported and skipped; the column stays.
 */
import { parseMolecule } from '../chem/molecule';
import { parseDelimited, type DelimitedRow } from './delimited';
import { DataFileError } from './gzip';
import { quoteValue, type UserDataset } from './loadReport';
import { featurizerSpec, type Featurizer } from './moleculeGraphs';
import { moleculeRowsToGraphs, type MoleculeRow } from './moleculeRows';

export interface MoleculeTableOptions {
  featurizer?: Featurizer;
  /** Column holding the SMILES: its header name or 0-based index. */
  smilesColumn?: string | number;
  /** Target columns by header name; default: every numeric column that is not the SMILES or an id. */
  targetColumns?: string[];
  maxAtoms?: number;
  requireBonds?: boolean;
}

const SMILES_HEADER = /^(smiles|canonical_smiles|isomeric_smiles|smi|mol|molecule|structure)$/i;
const ID_HEADER = /^(id|idx|index|name|title|mol_id|molecule_id|compound_id|cid|cas|source|split)$/i;
const NAME_HEADER = /^(name|title|compound|compound_name|molecule_name|mol_name|common_name|iupac_name)$/i;

export async function loadMoleculeTable(
  text: string,
  fileName: string,
  options: MoleculeTableOptions = {},
): Promise<UserDataset> {
  const { delimiter, rows, badLines } = parseDelimited(text, fileName);
  if (rows.length === 0) throw new DataFileError(`${fileName} is empty`);
  const notes: string[] = [];
  const { column, hasHeader } = findSmilesColumn(rows, options.smilesColumn, fileName);
  const header = hasHeader ? rows[0].cells : rows[0].cells.map((_, i) => `column ${i + 1}`);
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new DataFileError(`${fileName} has a header but no rows`);
  notes.push(`SMILES from column ${quoteValue(header[column])}` + (hasHeader ? '' : ' (the file has no header line)'));
  const targetIndices = chooseTargets(header, body, column, options.targetColumns, fileName);
  const targetNames = targetIndices.map((i) => header[i]);
  notes.push(targetNames.length ? `targets: ${list(targetNames)}` : 'no target columns');
  const nameColumn = hasHeader ? header.findIndex((cell, i) => i !== column && NAME_HEADER.test(cell)) : -1;
  if (nameColumn >= 0) notes.push(`names from column ${quoteValue(header[nameColumn])}`);

  const skipped: UserDataset['skipped'] = [...badLines];
  const moleculeRows: MoleculeRow[] = [];
  for (const row of body) {
    if (row.cells.length < header.length) {
      skipped.push({ line: row.line, reason: `has ${row.cells.length} columns; the header has ${header.length}` });
      continue;
    }
    const structure = row.cells[column];
    if (!structure) {
      skipped.push({ line: row.line, reason: `the SMILES cell is empty` });
      continue;
    }
    moleculeRows.push({
      line: row.line,
      structure,
      targetCells: targetIndices.map((i) => row.cells[i]),
      ...(nameColumn >= 0 && row.cells[nameColumn] ? { name: row.cells[nameColumn] } : {}),
    });
  }
  const featurizer = options.featurizer ?? 'ogb';
  const made = await moleculeRowsToGraphs(moleculeRows, {
    featurizer,
    targetNames,
    maxAtoms: options.maxAtoms,
    requireBonds: options.requireBonds,
  });
  return {
    kind: 'molecules',
    format: delimiter === '\t' ? 'tsv' : 'csv',
    itemName: 'molecules',
    loaded: made.graphs.length,
    total: body.length + badLines.length,
    skipped: [...skipped, ...made.skipped].sort((a, b) => a.line - b.line),
    graphs: made.graphs,
    records: made.records,
    spec: featurizerSpec(featurizer, Math.max(1, targetNames.length)),
    targetNames,
    notes,
  };
}

function findSmilesColumn(
  rows: DelimitedRow[],
  chosen: string | number | undefined,
  fileName: string,
): { column: number; hasHeader: boolean } {
  const first = rows[0].cells;
  if (typeof chosen === 'number') {
    if (chosen < 0 || chosen >= first.length)
      throw new DataFileError(`${fileName} has ${first.length} columns; there is no column ${chosen + 1}`);
    return { column: chosen, hasHeader: !isSmiles(first[chosen]) };
  }
  if (typeof chosen === 'string') {
    const column = first.findIndex((cell) => cell.toLowerCase() === chosen.toLowerCase());
    if (column < 0)
      throw new DataFileError(`${fileName} has no column named ${quoteValue(chosen)}; its columns are ${list(first)}`);
    return { column, hasHeader: true };
  }
  const byName = first.findIndex((cell) => SMILES_HEADER.test(cell));
  if (byName >= 0) return { column: byName, hasHeader: true };
  // By content: the column where most of the first rows are SMILES that RDKit reads.
  const sample = rows.slice(1, 21);
  let best = { column: -1, score: 0 };
  first.forEach((_, column) => {
    const score = sample.filter((row) => isSmiles(row.cells[column] ?? '')).length;
    if (score > best.score) best = { column, score };
  });
  if (best.column < 0 || best.score < Math.max(1, sample.length / 2))
    throw new DataFileError(
      `${fileName} has no SMILES column: no header is named "smiles", and no column holds SMILES that RDKit ` +
        `reads (columns: ${list(first)}). Choose the column by name.`,
    );
  return { column: best.column, hasHeader: !isSmiles(first[best.column]) };
}

function isSmiles(cell: string): boolean {
  if (!cell || /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(cell) || cell.length > 2000) return false;
  try {
    parseMolecule(cell, { maxAtoms: 1000 });
    return true;
  } catch {
    return false;
  }
}

function chooseTargets(
  header: string[],
  body: DelimitedRow[],
  smilesColumn: number,
  chosen: string[] | undefined,
  fileName: string,
): number[] {
  if (chosen) {
    return chosen.map((name) => {
      const i = header.findIndex((cell) => cell.toLowerCase() === name.toLowerCase());
      if (i < 0)
        throw new DataFileError(`${fileName} has no column named ${quoteValue(name)}; its columns are ${list(header)}`);
      return i;
    });
  }
  // A target column: most of its filled cells are numbers. Its other cells (inf, 1e309, "not-a-number") are then
  // mistakes in a numeric column, reported row by row, rather than a reason to drop the whole column.
  const missing = (value: string) => /^(nan|na|n\/a|null|none|-)$/i.test(value);
  const isNumber = (value: string) => value.trim() !== '' && Number.isFinite(Number(value));
  return header.flatMap((name, i) => {
    if (i === smilesColumn || ID_HEADER.test(name) || NAME_HEADER.test(name)) return [];
    const filled = body.map((row) => row.cells[i] ?? '').filter((v) => v !== '' && !missing(v));
    const numbers = filled.filter(isNumber).length;
    return filled.length > 0 && numbers >= Math.max(1, 0.8 * filled.length) ? [i] : [];
  });
}

function list(cells: string[]): string {
  return cells.slice(0, 12).map(quoteValue).join(', ') + (cells.length > 12 ? ', ...' : '');
}
