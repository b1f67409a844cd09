/**
 * What a user-file load reports: how many items loaded, and every skipped row with its line number and reason.
 * Reasons are plain text, shown as text by the UI (never as HTML); cell values quoted in them are shortened and
 * stripped of control characters.
 */
import type { FeatureSpec, Graph } from './graph';

export interface SkippedRow {
  /** 1-based line in the file (for an SDF, the record's first line; for TU/OGB files, the line of that file). */
  line: number;
  reason: string;
  /** Which file, when a load reads several (TU, OGB). */
  file?: string;
}

export interface LoadedRecord {
  line: number;
  smiles?: string;
  name?: string;
}

export interface UserDataset {
  kind: 'molecules' | 'graphs';
  /** The format that was read: csv, tsv, sdf, tu. */
  format: string;
  /** Noun for the summary: molecules or graphs. */
  itemName: string;
  loaded: number;
  total: number;
  skipped: SkippedRow[];
  graphs: Graph[];
  records: LoadedRecord[];
  spec: FeatureSpec;
  targetNames: string[];
  /** Notes about choices made (which column is the SMILES, which are targets). */
  notes: string[];
}

export function loadSummary(result: Pick<UserDataset, 'loaded' | 'total' | 'skipped' | 'itemName'>): string {
  const skipped = result.skipped.length;
  return `loaded ${result.loaded} of ${result.total} ${result.itemName}` + (skipped > 0 ? `; ${skipped} skipped` : '');
}

/** A cell value safe to quote in a message: one line, printable, at most 40 characters. */
export function quoteValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return `"${clean.length > 40 ? `${clean.slice(0, 37)}...` : clean}"`;
}
