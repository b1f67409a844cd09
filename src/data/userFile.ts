/**
 * The one entry point for a user's own files (dropped or picked in the app, `load --file` in the CLI): checks
 * size limits, decompresses .gz, refuses binary data, then reads CSV/TSV, SDF or a TU dataset (several files).
 * Every bad row is skipped and reported; a file that cannot be read at all throws DataFileError with a message
 * for the user. OGB node-property folders have their own entry point (ogbNodeProperty.ts).
 */
import { loadMoleculeTable, type MoleculeTableOptions } from './csvMolecules';
import { DataFileError, formatBytes, isGzip, gunzip } from './gzip';
import type { UserDataset } from './loadReport';
import { loadSdf } from './sdf';
import { loadTuDataset, tuParts } from './tuDataset';

export interface UserFile {
  name: string;
  bytes: Uint8Array;
}

export interface UserLoadOptions extends MoleculeTableOptions {
  /** Largest file accepted, compressed or not (default 64 MB). */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export async function loadUserFiles(files: readonly UserFile[], options: UserLoadOptions = {}): Promise<UserDataset> {
  if (files.length === 0) throw new DataFileError('no file was given');
  const texts = new Map<string, string>();
  for (const file of files) texts.set(plainName(file.name), await readText(file, options.maxFileBytes));
  if (tuParts(texts.keys())) return loadTuDataset(texts);
  if (files.length > 1)
    throw new DataFileError('several files are read together only as a TU dataset (<name>_A.txt, ...); drop one file');
  const [[name, text]] = [...texts];
  // An SDF by its name, or by its content: "$$$$" alone is not enough (a CSV row can hold it), a molblock's
  // "M  END" line with it is.
  const sdfContent = /^\$\$\$\$\s*$/m.test(text) && /^M {2}END\s*$/m.test(text);
  if (/\.(sdf|sd|mol)$/i.test(name) || sdfContent) return loadSdf(text, name, options);
  return loadMoleculeTable(text, name, options);
}

function plainName(name: string): string {
  return name.replace(/\.gz$/i, '');
}

/** Bytes -> text, with the size limit, gzip and a refusal of binary data. */
export async function readText(file: UserFile, maxFileBytes = DEFAULT_MAX_FILE_BYTES): Promise<string> {
  const tooBig = (size: number, what: string) =>
    new DataFileError(`${file.name} is ${what}${formatBytes(size)}; the limit is ${formatBytes(maxFileBytes)}`);
  if (file.bytes.length > maxFileBytes) throw tooBig(file.bytes.length, '');
  let bytes = file.bytes;
  if (isGzip(bytes) || /\.gz$/i.test(file.name)) bytes = await gunzip(bytes, file.name, maxFileBytes);
  const blank = bytes.length <= 4096 && new TextDecoder().decode(bytes).trim() === '';
  if (blank) throw new DataFileError(`${file.name} is empty`);
  if (bytes.subarray(0, 65536).includes(0)) throw binary(file.name);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return decodeLegacyText(bytes, file.name);
  }
}

/**
 * Text that is not UTF-8: spreadsheets on Windows save CSV as Windows-1252 (a superset of Latin-1 for printable
 * text). Read it so when it looks like text in that encoding (few control characters); otherwise it is binary.
 */
function decodeLegacyText(bytes: Uint8Array, name: string): string {
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) control++;
  if (control > sample.length * 0.01) throw binary(name);
  return new TextDecoder('windows-1252').decode(bytes);
}

export { formatBytes };

function binary(name: string): DataFileError {
  return new DataFileError(
    `${name} is not a text file (it holds binary data); expected CSV, TSV, SDF or TU text, saved as UTF-8 or Windows-1252`,
  );
}
