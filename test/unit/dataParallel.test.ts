/**
 * Data-parallel training (gnn/collective.ts, gnn/dataParallel.ts): the collective's sums over real threads, the
 * shares of a batch, and two threads against one on the same training steps (scripts/dataParallelCompare.ts, run
 * with tsx because a worker thread needs its loader).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { collectiveBuffer, sharedCollective } from '../../src/gnn/collective';
import type { Graph } from '../../src/data/graph';
import { shareOf } from '../../src/gnn/dataParallel';
import type { EpochRecord } from '../../src/gnn/train';

interface Trained {
  history: EpochRecord[];
  metrics: Record<string, { mae: number }>;
}

describe('the collective', () => {
  it('sums over ranks in rank order, the same bits on every rank, round after round', async () => {
    const size = 3;
    const buffer = collectiveBuffer(size, 16);
    // ranks 1 and 2 in plain-JS worker threads (the module's logic, inlined: a worker cannot import TypeScript here)
    const rankCode = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { buffer, rank, size } = workerData;
      const control = new Int32Array(buffer, 0, 4);
      const slotValues = (buffer.byteLength - 16) / 8 / size;
      const slots = Array.from({ length: size }, (_, r) => new Float64Array(buffer, 16 + r * slotValues * 8, slotValues));
      const barrier = () => {
        const generation = Atomics.load(control, 1);
        if (Atomics.add(control, 0, 1) === size - 1) { Atomics.store(control, 0, 0); Atomics.add(control, 1, 1); Atomics.notify(control, 1); }
        else while (Atomics.load(control, 1) === generation) Atomics.wait(control, 1, generation, 60000);
      };
      const out = [];
      for (let round = 0; round < 5; round++) {
        const values = Float64Array.from([rank + 0.1, 1e16 * (rank === 1 ? 1 : 0), round * rank, 1 / 3]);
        slots[rank].set(values); barrier();
        values.fill(0); for (const slot of slots) for (let i = 0; i < values.length; i++) values[i] += slot[i];
        barrier(); out.push(Array.from(values));
      }
      parentPort.postMessage(out);`;
    const others = [1, 2].map(
      (rank) =>
        new Promise<number[][]>((resolve, reject) => {
          const worker = new Worker(rankCode, { eval: true, workerData: { buffer, rank, size } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    );
    const collective = sharedCollective(buffer, 0, size);
    const mine: number[][] = [];
    for (let round = 0; round < 5; round++) {
      const values = Float64Array.from([0.1, 0, 0, 1 / 3]);
      collective.allReduceSum(values);
      mine.push(Array.from(values));
    }
    const theirs = await Promise.all(others);
    for (let round = 0; round < 5; round++) {
      // rank order: 0.1 + 1.1 + 2.1, and 1e16 swallowing nothing it should not
      expect(mine[round]).toEqual([0.1 + 1.1 + 2.1, 1e16, round * 3, 1 / 3 + 1 / 3 + 1 / 3]);
      expect(theirs[0][round]).toEqual(mine[round]);
      expect(theirs[1][round]).toEqual(mine[round]);
    }
  });

  it('refuses more values than a slot holds', () => {
    const collective = sharedCollective(collectiveBuffer(2, 4), 0, 2);
    expect(() => collective.allReduceSum(new Float64Array(5))).toThrow(/exceed the slot/);
  });

  it('splits a batch into contiguous shares that cover it once, cut by atoms and edges', () => {
    // cost of a graph: atoms + 2 x bonds
    const graph = (atoms: number, bonds: number) =>
      ({ numNodes: atoms, bondBegin: new Int32Array(bonds) }) as unknown as Graph;
    const graphs = [graph(10, 10), graph(2, 0), graph(2, 0), graph(2, 0), graph(10, 10), graph(4, 3)];
    // costs 30, 2, 2, 2, 30, 10 (total 76, half 38): graph 4 lies mostly past 38 (36 + 15), so it starts part 2
    const [first, second] = [0, 1].map((rank) => shareOf(graphs, rank, 2));
    expect([first.length, second.length]).toEqual([4, 2]);
    expect([...first, ...second]).toEqual(graphs);
    const three = [0, 1, 2].map((rank) => shareOf(graphs, rank, 3));
    expect(three.flat()).toEqual(graphs);
    expect(three.every((share) => share.length > 0)).toBe(true);
    // more ranks than graphs: the last ones get nothing (parallelTrainStep refuses an empty share)
    expect([0, 1, 2].map((rank) => shareOf(graphs.slice(0, 2), rank, 3).length)).toEqual([1, 1, 0]);
  });
});

describe('two threads against one (small GT, 4 steps of 48 ZINC graphs)', () => {
  it('gives the same losses, the same weights up to rounding, and identical replicas', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/dataParallelCompare.ts', 'small-gt-zinc', '48', '4'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
      losses: { one: number[]; two: number[] };
      replicasEqual: boolean;
      maxDifference: Record<string, number>;
    };
    expect(result.losses.two).toHaveLength(4);
    result.losses.one.forEach((loss, step) =>
      expect(Math.abs(result.losses.two[step] - loss) / loss, `step ${step}`).toBeLessThan(1e-5),
    );
    expect(result.replicasEqual).toBe(true);
    // A bias just before a BatchNorm has no gradient (the norm removes any shift): what it gets is rounding, which
    // Adam scales up to about lr per step in either run; the norm's running mean carries that bias along.
    // Everything else agrees to float rounding.
    const beforeNorm = /(O_h|O_e|FFN_h_layer2|FFN_e_layer2)\.bias$|running_mean$/;
    for (const [name, difference] of Object.entries(result.maxDifference))
      expect(difference, name).toBeLessThan(beforeNorm.test(name) ? 2 * 7e-4 * 4 : 2e-6);
    expect(Object.keys(result.maxDifference).some((name) => /running_var/.test(name))).toBe(true);
  }, 300_000);
});

describe('train --threads 2 (the CLI, 2 epochs on the first 200 ZINC graphs of each split)', () => {
  const train = (out: string, ...flags: string[]) => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'train',
        '--preset',
        'small-gt-zinc',
        '--dataset',
        'zinc',
        '--limit',
        '200',
        '--out',
        out,
        ...flags,
      ],
      { encoding: 'utf8', timeout: 240_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    return {
      stderr: run.stderr,
      training: (JSON.parse(run.stdout) as { training: Trained }).training,
    };
  };
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a));

  it('trains as one thread does: every epoch’s losses, and the final metrics; a resumed run too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ma-threads-'));
    try {
      const one = train(join(dir, 'one'), '--epochs', '2');
      const two = train(join(dir, 'two'), '--epochs', '2', '--threads', '2');
      expect(two.stderr).toContain('training on 2 threads');
      // one epoch on two threads, then resumed for the second (the other rank starts from the saved Adam state)
      train(join(dir, 'resumed'), '--epochs', '1', '--threads', '2');
      const resumed = train(join(dir, 'resumed'), '--epochs', '2', '--threads', '2');
      expect(resumed.stderr).toContain('resuming from');
      for (const other of [two, resumed]) {
        expect(other.training.history).toHaveLength(2);
        one.training.history.forEach((epoch, i) => {
          const got = other.training.history[i];
          expect(near(got.trainLoss, epoch.trainLoss), `train loss ${i}: ${got.trainLoss} vs ${epoch.trainLoss}`).toBe(
            true,
          );
          expect(near(got.valLoss, epoch.valLoss), `val loss ${i}: ${got.valLoss} vs ${epoch.valLoss}`).toBe(true);
        });
        for (const split of ['train', 'val', 'test'])
          expect(near(other.training.metrics[split].mae, one.training.metrics[split].mae), split).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
