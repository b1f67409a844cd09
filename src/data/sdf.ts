/**
 * A user's SDF: records separated by `$$$$`, each a molblock (up to `M  END`) followed by data items
 * (`> <name>` then value lines up to a blank line). Numeric data items present in the records become targets,
 * unless the caller names them. Written by hand: the format is line-based and small, and no well-kept npm SDF
 * reader runs in both Node and the browser without pulling in a toolkit.
 */
import { DataFileError } from './gzip';
import type { UserDataset } from './loadReport';
import { featurizerSpec, type Featurizer } from './moleculeGraphs';
import { moleculeRowsToGraphs, type MoleculeRow } from './moleculeRows';

export interface SdfRecord {
  /** 1-based line of the record's first line (its title). */
  line: number;
  molblock: string;
  title: string;
  data: Record<string, string>;
}

export function splitSdf(text: string): SdfRecord[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const records: SdfRecord[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i].trim() !== '$$$$') continue;
    const block = lines.slice(start, i);
    if (block.some((l) => l.trim() !== '')) records.push(readRecord(block, start + 1));
    start = i + 1;
  }
  return records;
}

function readRecord(block: string[], line: number): SdfRecord {
  const end = block.findIndex((l) => l.startsWith('M  END'));
  const molblock = (end >= 0 ? block.slice(0, end + 1) : block).join('\n') + '\n';
  const data: Record<string, string> = {};
  if (end >= 0) {
    for (let i = end + 1; i < block.length; i++) {
      const match = /^>.*<([^>]+)>/.exec(block[i]);
      if (!match) continue;
      const values: string[] = [];
      while (i + 1 < block.length && block[i + 1].trim() !== '') values.push(block[++i].trim());
      data[match[1]] = values.join(' ');
    }
  }
  return { line, molblock, title: block[0]?.trim() ?? '', data };
}

export interface SdfOptions {
  featurizer?: Featurizer;
  targetColumns?: string[];
  maxAtoms?: number;
  requireBonds?: boolean;
}

export async function loadSdf(text: string, fileName: string, options: SdfOptions = {}): Promise<UserDataset> {
  const records = splitSdf(text);
  if (records.length === 0) throw new DataFileError(`${fileName} is empty`);
  const targetNames = options.targetColumns ?? numericFields(records);
  const rows: MoleculeRow[] = [];
  const skipped: UserDataset['skipped'] = [];
  for (const record of records) {
    if (!record.molblock.includes('M  END')) {
      skipped.push({ line: record.line, reason: 'the record has no "M  END" line: not a molblock' });
      continue;
    }
    rows.push({
      line: record.line,
      structure: record.molblock,
      targetCells: targetNames.map((name) => record.data[name] ?? ''),
      name: record.title || undefined,
    });
  }
  const featurizer = options.featurizer ?? 'ogb';
  const made = await moleculeRowsToGraphs(rows, { ...options, featurizer, targetNames });
  return {
    kind: 'molecules',
    format: 'sdf',
    itemName: 'molecules',
    loaded: made.graphs.length,
    total: records.length,
    skipped: [...skipped, ...made.skipped].sort((a, b) => a.line - b.line),
    graphs: made.graphs,
    records: made.records,
    spec: featurizerSpec(featurizer, Math.max(1, targetNames.length)),
    targetNames,
    notes: [targetNames.length ? `targets from data items: ${targetNames.join(', ')}` : 'no numeric data items'],
  };
}

function numericFields(records: SdfRecord[]): string[] {
  const names = [...new Set(records.flatMap((r) => Object.keys(r.data)))];
  return names.filter((name) => {
    const values = records.map((r) => r.data[name]).filter((v) => v !== undefined && v !== '');
    return values.length > 0 && values.every((v) => Number.isFinite(Number(v)));
  });
}
