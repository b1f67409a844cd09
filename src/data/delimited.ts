/**
 * CSV and TSV text -> rows of cells with their line numbers, using papaparse (quoting, embedded delimiters and
 * newlines). Line endings are normalised first so that line numbers count '\n'. A file with a broken quote is
 * read again line by line: every line that parses is kept, and each line with a stray quote is reported in
 * `badLines` (one bad quote must not swallow the rest of the file into one quoted field).
 */
import Papa from 'papaparse';
import { DataFileError } from './gzip';

export interface DelimitedRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

export interface DelimitedTable {
  delimiter: string;
  rows: DelimitedRow[];
  /** Lines that could not be read (a stray or unterminated quote), each with its reason. */
  badLines: { line: number; reason: string }[];
}

export function guessDelimiter(text: string, fileName = ''): string {
  if (/\.tsv$|\.tab$/i.test(fileName)) return '\t';
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined);
  if (firstLine.includes('\t')) return '\t';
  if (!firstLine.includes(',') && firstLine.includes(';')) return ';';
  return ',';
}

export function parseDelimited(raw: string, fileName = 'the file', delimiter?: string): DelimitedTable {
  const text = raw.replace(/\r\n?/g, '\n');
  const chosen = delimiter ?? guessDelimiter(text, fileName);
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineOf = (position: number) => {
    let [lo, hi] = [0, newlines.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < position) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const rows: DelimitedRow[] = [];
  let cursor = 0;
  let quoteError = false;
  Papa.parse<string[]>(text, {
    delimiter: chosen,
    newline: '\n',
    skipEmptyLines: 'greedy',
    step: (result) => {
      let start = cursor;
      while (text[start] === '\n') start++;
      const line = lineOf(start);
      cursor = result.meta.cursor;
      if (result.errors.some((e) => e.type === 'Quotes')) quoteError = true;
      rows.push({ line, cells: result.data.map((cell) => cell.trim()) });
    },
  });
  if (quoteError) return parseLineByLine(text, chosen, fileName);
  return { delimiter: chosen, rows, badLines: [] };
}

/** The fallback for a file with a broken quote: each physical line on its own. */
function parseLineByLine(text: string, delimiter: string, fileName: string): DelimitedTable {
  const rows: DelimitedRow[] = [];
  const badLines: DelimitedTable['badLines'] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const result = Papa.parse<string[]>(raw, { delimiter, newline: '\n' });
    const quotes = result.errors.find((e) => e.type === 'Quotes');
    if (quotes) badLines.push({ line: i + 1, reason: `${quotes.message.toLowerCase()} (a stray " in the line)` });
    else rows.push({ line: i + 1, cells: (result.data[0] ?? []).map((cell) => cell.trim()) });
  });
  if (rows.length === 0 && badLines.length > 0)
    throw new DataFileError(`${fileName} is not valid CSV: line ${badLines[0].line}: ${badLines[0].reason}`);
  return { delimiter, rows, badLines };
}
