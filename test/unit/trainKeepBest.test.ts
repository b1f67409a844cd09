/**
 * train --keep-best: DIR/best holds the checkpoint of the epoch with the best validation metric (ties: lower loss),
 * the same files the run saved at that epoch, without the optimizer state.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBetter, trainCommand } from '../../src/cli/trainCommand';
import { useBackend } from './helpers/backends';

interface Epoch {
  epoch: number;
  valMetric: number;
  valLoss: number;
}

describe('isBetter', () => {
  it('compares the metric in its direction, then the loss on a tie; a NaN metric never wins', () => {
    const a = { valMetric: 0.7, valLoss: 0.6 };
    expect(isBetter(a, null, true)).toBe(true);
    expect(isBetter({ valMetric: 0.71, valLoss: 0.9 }, a, true)).toBe(true);
    expect(isBetter({ valMetric: 0.69, valLoss: 0.1 }, a, true)).toBe(false);
    expect(isBetter({ valMetric: 0.69, valLoss: 0.9 }, a, false)).toBe(true); // MAE: lower is better
    expect(isBetter({ valMetric: 0.7, valLoss: 0.5 }, a, true)).toBe(true);
    expect(isBetter({ valMetric: 0.7, valLoss: 0.6 }, a, true)).toBe(false);
    expect(isBetter({ valMetric: NaN, valLoss: 0.1 }, null, true)).toBe(false);
  });
});

describe('train --keep-best', () => {
  it('keeps the best-validation epoch, a resumed run starts from the kept one, and a fresh run drops it', async () => {
    await useBackend('wasm');
    const out = mkdtempSync(join(tmpdir(), 'ma-keep-best-'));
    const args = ['--preset', 'small-gt-proteins', '--dataset', 'proteins', '--out', out, '--limit', '48'];
    const best = join(out, 'best');
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
    try {
      await trainCommand([...args, '--epochs', '3', '--keep-best']);
      const run = read(join(out, 'model.json')).training.history as Epoch[];
      const expected = run.reduce((b: Epoch | null, e) => (isBetter(e, b, true) ? e : b), null)!;
      const kept = read(join(best, 'model.json'));
      expect(kept.training.epochs).toBe(expected.epoch);
      expect(kept.training.history).toEqual(run.slice(0, expected.epoch));
      expect(existsSync(join(best, 'weights.bin'))).toBe(true);
      expect(existsSync(join(best, 'optimizer.bin'))).toBe(false);
      // A resumed run starts from the kept best: give it a validation no epoch can beat, and it stays.
      kept.training.history.at(-1).valMetric = 2;
      writeFileSync(join(best, 'model.json'), JSON.stringify(kept));
      await trainCommand([...args, '--epochs', '5', '--keep-best']);
      expect(read(join(out, 'model.json')).training.epochs).toBe(5);
      expect(read(join(best, 'model.json')).training.epochs).toBe(expected.epoch);
      await trainCommand([...args, '--epochs', '1', '--fresh']);
      expect(existsSync(best)).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
