/** `npm run cli -- stats`: values against numpy/scipy, the printed JSON, and bad input. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseRows,
  statsCommand,
  statsOfMatrix,
  StatsInputError,
  type StatsOutput,
} from '../../../src/cli/statsCommand';
import { negLog10Ratios } from '../../../src/ma';
import { fixturePath, loadFixture, type ScipyFitRecord } from './fixtures';
import { expectFitLikeScipy } from './scipyComparison';

interface CliExpected {
  perEdgeRatio: (number | null)[];
  fractionAbove: Record<'100' | '1000' | '10000', number>;
  scipy: ScipyFitRecord;
}

const expected = loadFixture<CliExpected>('cli_expected.json');
const inputText = readFileSync(fixturePath('cli_input.json'), 'utf8');

function runCli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'stats', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('stats on the fixture matrix (200 x 8, with zero, constant and zero-median rows)', () => {
  const output = statsOfMatrix(parseRows(inputText));

  it('gives numpy per-edge ratios (null for the non-finite ones) and fractions exactly', () => {
    expect(output.perEdgeRatio).toEqual(expected.perEdgeRatio);
    expect(output.perEdgeRatio.filter((r) => r === null).length).toBeGreaterThan(0);
    expect(output.fractionAbove).toEqual(expected.fractionAbove);
  });

  it('fits, scores and tests the ratio distribution like scipy', () => {
    const { scipy } = expected;
    const sample = negLog10Ratios(parseRows(inputText)).values;
    const gamma = output.gamma as { a: number; loc: number; scale: number };
    expectFitLikeScipy(sample, { ...gamma, converged: scipy.fminWarnflag === 0 }, scipy);
    // Ours is the likelihood maximum (or scipy's own stopping point): its mean is at least scipy's, up to rounding;
    // KS moves with the parameters (< 1% apart, see scipyComparison.ts), 2e-4 covers that.
    expect(output.logLikelihood!).toBeGreaterThanOrEqual(scipy.meanLogLikelihood - 1e-10);
    expect(Math.abs(output.ks! - scipy.ks)).toBeLessThan(2e-4);
  });

  it('prints the contract JSON from the command line', () => {
    const run = runCli('--input', fixturePath('cli_input.json'), '--json');
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as StatsOutput;
    expect(Object.keys(printed)).toEqual(['perEdgeRatio', 'fractionAbove', 'gamma', 'logLikelihood', 'ks']);
    expect(Object.keys(printed.fractionAbove)).toEqual(['100', '1000', '10000']);
    expect(Object.keys(printed.gamma)).toEqual(['a', 'loc', 'scale']);
    expect(printed).toEqual(JSON.parse(JSON.stringify(output)));
  }, 60_000);

  it('explains itself, including how Infinity and NaN are written', async () => {
    const help = (await statsCommand(['--help'])) as { usage: string[] };
    expect(help.usage.join('\n')).toMatch(/written as null/);
  });
});

describe('stats on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-stats-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('exits 2 with a one-line message and no stack trace for ragged rows', () => {
    const run = runCli('--input', file('ragged.json', '{"rows": [[1, 2, 3], [4, 5]]}'), '--json');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'ragged.json')}: rows[1] has 2 values, rows[0] has 3 (ragged rows)`,
    ]);
  }, 60_000);

  it.each([
    ['missing.json', null, /cannot read .*missing\.json: ENOENT/],
    ['not-json.json', '{"rows": [[1, 2]', /is not JSON: /],
    ['no-rows.json', '{"data": []}', /expected \{"rows": number\[\]\[\]\}/],
    ['strings.json', '{"rows": [[1, "2"]]}', /rows\[0\]\[1\] is not a finite number/],
    ['nulls.json', '{"rows": [[1, null]]}', /rows\[0\]\[1\] is not a finite number/],
    ['empty-row.json', '{"rows": [[]]}', /rows\[0\] must be a non-empty array/],
  ])('%s', async (name, text, message) => {
    const path = text === null ? join(dir, name) : file(name, text);
    const error = await statsCommand(['--input', path]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatsInputError);
    expect((error as StatsInputError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('rejects missing or unknown arguments', async () => {
    await expect(statsCommand([])).rejects.toThrow(/--input FILE is required/);
    await expect(statsCommand(['--input'])).rejects.toThrow(/unexpected argument '--input'/);
    await expect(statsCommand(['--frobnicate'])).rejects.toThrow(/unexpected argument/);
  });

  it('accepts an empty matrix and reports nulls', () => {
    const output = statsOfMatrix(parseRows('{"rows": []}'));
    expect(output).toEqual({
      perEdgeRatio: [],
      fractionAbove: { '100': null, '1000': null, '10000': null },
      gamma: { a: null, loc: null, scale: null },
      logLikelihood: null,
      ks: null,
    });
  });
});
