/** `npm run cli -- load` and `datasets` as a person runs them: JSON out, no stack traces, exit 0 or 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => {
  const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

describe('cli load and datasets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-load-'));
  const good = join(dir, 'mols.csv');
  const empty = join(dir, 'empty.csv');
  writeFileSync(good, 'smiles,y\nCCO,1\nC1CC,2\nc1ccccc1,3\n');
  writeFileSync(empty, '');

  it('prints {loaded, skipped, graphs} and exits 0 when anything loaded, 2 when nothing did', () => {
    const ok = cli('load', '--file', good, '--json');
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.out) as {
      loaded: number;
      skipped: { line: number; reason: string }[];
      graphs: unknown[];
    };
    expect(result.loaded).toBe(2);
    expect(result.skipped).toEqual([
      {
        line: 3,
        reason:
          'RDKit could not read the SMILES "C1CC": a ring is opened but never closed (a ring-closure digit is unmatched)',
      },
    ]);
    expect(result.graphs).toHaveLength(2);

    const bad = cli('load', '--file', empty, '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toMatchObject({ loaded: 0, skipped: [{ reason: 'empty.csv is empty' }] });
    expect(bad.err).not.toMatch(/\bat .*\.ts:\d+/);
  }, 120_000);

  it('lists the bundled datasets', () => {
    const run = cli('datasets', '--json');
    expect(run.code).toBe(0);
    const list = JSON.parse(run.out) as { name: string; splits: { test: { graphs: number } }; rejected: number }[];
    expect(list.map((d) => [d.name, d.splits.test.graphs, d.rejected])).toEqual([
      ['zinc', 1000, 0],
      ['tox21', 781, 27],
      ['proteins', 111, 0],
    ]);
  }, 60_000);
});
