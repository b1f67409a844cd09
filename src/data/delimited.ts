/**
 * CSV and TSV text -> rows of cells with their line numbers, using papaparse (quoting, embedded delimiters and
 * newlines). Line endings are normalised first so that line numbers count '\n'.
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
  let quoteError: string | null = null;
  Papa.parse<string[]>(text, {
    delimiter: chosen,
    newline: '\n',
    skipEmptyLines: 'greedy',
    step: (result) => {
      let start = cursor;
      while (text[start] === '\n') start++;
      const line = lineOf(start);
      cursor = result.meta.cursor;
      const quotes = result.errors.find((e) => e.type === 'Quotes');
      if (quotes && !quoteError) quoteError = `line ${line}: ${quotes.message.toLowerCase()}`;
      rows.push({ line, cells: result.data.map((cell) => cell.trim()) });
    },
  });
  if (quoteError) throw new DataFileError(`${fileName} is not valid CSV: ${quoteError}`);
  return { delimiter: chosen, rows };
}
