/** `cli attack`: its JSON contract on a shipped checkpoint, and its option checks. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attackCommand } from '../../src/cli/attackCommand';

const out = mkdtempSync(join(tmpdir(), 'ma-cli-attack-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('cli attack', () => {
  it('writes {results: [{sigma, lossRandom, lossOptimised, gain}]} for every σ, with the epoch cap', async () => {
    const file = join(out, 'attack.json');
    const args = ['--model', 'public/models/gt-zinc-base', '--dataset', 'zinc', '--limit', '6', '--batch-size', '3'];
    await attackCommand([...args, '--sigma', '0.01,0.1', '--max-epochs', '1', '--seed', '3', '--json', file]);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ split: 'val', graphs: 6, maxEpochs: 1, seed: 3, backend: 'wasm' });
    expect(report.results.map((r: { sigma: number }) => r.sigma)).toEqual([0.01, 0.1]);
    for (const r of report.results) {
      expect(r.lossRandom).toBeGreaterThan(0);
      expect(r.gain).toBeCloseTo(r.lossOptimised / r.lossRandom - 1, 12);
      expect(r.epochs).toBe(1);
    }
  }, 120_000);

  it('refuses bad σ lists and epoch caps in one line', async () => {
    const base = ['--model', 'public/models/gt-zinc-base', '--dataset', 'zinc'];
    await expect(attackCommand([...base, '--sigma', '0.1,abc'])).rejects.toMatchObject({
      exitCode: 2,
      message: /--sigma must be comma-separated numbers/,
    });
    await expect(attackCommand([...base, '--sigma', '0'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(attackCommand([...base, '--max-epochs', '1e3'])).rejects.toMatchObject({
      message: /--max-epochs must be a whole number/,
    });
    await expect(attackCommand(['--dataset', 'zinc'])).rejects.toMatchObject({ message: /attack needs --model/ });
  });
});
