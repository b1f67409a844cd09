/**
 * `npm run cli -- stats --input FILE [--json]`: the massive-activation statistics of one E x D activation matrix,
 * computed as docs/METHOD.md §8.3 does (per-edge np.median, x = -log10(R + eps) over the first 50 000 rows, scipy-style
 * Gamma fit, mean log-likelihood and KS against that fit).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fractionMassive, layerDistribution, perEdgeRatios, type EdgeActivations } from '../ma';

export const STATS_USAGE = `usage: npm run cli -- stats --input FILE [--json]
  FILE holds {"rows": number[][]}, an E x D activation matrix (one row per edge, all rows of equal length).
  Prints {"perEdgeRatio": number[], "fractionAbove": {"100": f, "1000": f, "10000": f},
          "gamma": {"a", "loc", "scale"}, "logLikelihood": number, "ks": number}
  perEdgeRatio is max|x| / median|x| per row (numpy median); fractionAbove[t] is the share of rows whose ratio
  is strictly greater than t; gamma, logLikelihood (mean logpdf) and ks describe -log10(ratio + 2.22e-16) over
  every element of the first 50000 rows, non-finite values left out.
  JSON has no Infinity or NaN: such numbers are written as null. A perEdgeRatio is null when the row's median
  |x| is 0: it is +Infinity if the row has a non-zero value and NaN (0/0) if the row is all zeros. The fit
  fields are null when fewer than two distinct finite values remain; fractionAbove is null for an empty matrix.`;

/** Bad input: main prints the message alone and exits with this code. */
export class StatsInputError extends Error {
  readonly exitCode = 2;
}

export interface StatsOutput {
  perEdgeRatio: (number | null)[];
  fractionAbove: { '100': number | null; '1000': number | null; '10000': number | null };
  gamma: { a: number | null; loc: number | null; scale: number | null };
  logLikelihood: number | null;
  ks: number | null;
}

export async function statsCommand(args: string[]): Promise<StatsOutput | { usage: string[] }> {
  if (args.includes('--help')) return { usage: STATS_USAGE.split('\n') }; // main prints JSON: one line each
  const input = parseArgs(args);
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (error) {
    throw new StatsInputError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return statsOfMatrix(parseRows(text, input));
}

function parseArgs(args: string[]): string {
  let input: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') continue;
    if (args[i] === '--input' && i + 1 < args.length) input = args[++i];
    else throw new StatsInputError(`stats: unexpected argument '${args[i]}' (try --help)`);
  }
  if (input === undefined) throw new StatsInputError('stats: --input FILE is required (try --help)');
  return input;
}

const inputSchema = z.object({ rows: z.array(z.unknown()) });

/** The matrix in FILE's text, or a StatsInputError saying, in one line, what is wrong and where. */
export function parseRows(text: string, where = 'input'): EdgeActivations {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StatsInputError(`${where} is not JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`);
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) throw new StatsInputError(`${where}: expected {"rows": number[][]}`);
  const { rows } = parsed.data;
  const first = rows[0];
  const dim = Array.isArray(first) ? first.length : 0;
  if (rows.length > 0 && dim === 0) throw new StatsInputError(`${where}: rows[0] must be a non-empty array of numbers`);
  const values = new Float64Array(rows.length * dim);
  rows.forEach((row, e) => {
    if (!Array.isArray(row)) throw new StatsInputError(`${where}: rows[${e}] is not an array`);
    if (row.length !== dim)
      throw new StatsInputError(`${where}: rows[${e}] has ${row.length} values, rows[0] has ${dim} (ragged rows)`);
    for (let t = 0; t < dim; t++) {
      const v: unknown = row[t];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new StatsInputError(`${where}: rows[${e}][${t}] is not a finite number`);
      values[e * dim + t] = v;
    }
  });
  return { values, numEdges: rows.length, dim: Math.max(dim, 1) };
}

export function statsOfMatrix(acts: EdgeActivations): StatsOutput {
  const perEdgeRatio = perEdgeRatios(acts);
  const { gamma, own } = layerDistribution(acts);
  return {
    perEdgeRatio: Array.from(perEdgeRatio, finiteOrNull),
    fractionAbove: {
      '100': finiteOrNull(fractionMassive(perEdgeRatio, 100)),
      '1000': finiteOrNull(fractionMassive(perEdgeRatio, 1000)),
      '10000': finiteOrNull(fractionMassive(perEdgeRatio, 10000)),
    },
    gamma: { a: finiteOrNull(gamma.a), loc: finiteOrNull(gamma.loc), scale: finiteOrNull(gamma.scale) },
    logLikelihood: finiteOrNull(own.logLikelihood),
    ks: finiteOrNull(own.ks),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
