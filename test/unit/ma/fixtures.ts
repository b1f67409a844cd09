/** Loads the numpy/scipy fixtures of test/fixtures/ma (made by scripts/fixtures/make_ma_fixtures.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/ma/', import.meta.url));

/** JSON with the non-finite numbers that the script writes as strings turned back into numbers. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(DIR + name, 'utf8'), (_key, value: unknown) =>
    value === 'NaN' ? NaN : value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value,
  ) as T;
}

export function loadFloat64(name: string): Float64Array {
  const bytes = readFileSync(DIR + name);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export const fixturePath = (name: string) => DIR + name;

export interface GammaTriple {
  a: number;
  loc: number;
  scale: number;
}

/** What fit_record in the script writes for one sample. */
export interface ScipyFitRecord {
  n: number;
  start: GammaTriple;
  fit: GammaTriple;
  fminEvaluations: number;
  fminWarnflag: number;
  nnlf: number;
  meanLogLikelihood: number;
  ks: number;
  min: number;
  max: number;
  histogram1000: number[];
}

export interface ScoreRecord {
  fit: GammaTriple;
  meanLogLikelihood: number;
  ks: number;
}
