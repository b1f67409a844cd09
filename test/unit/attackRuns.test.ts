/**
 * The engine's attack runs (attackRuns.ts) on the small untrained GT and SAN of ZINC over a few validation graphs:
 * the same numbers as attack() on the same seeded model and graphs, GAIN = L_opt / L_rand − 1, the ascent does not
 * lower the loss, progress per model, σ and epoch, cancel after the current batch, recorded attack.json results,
 * and no tensors left behind.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset } from '../../src/data/bundledDatasets';
import type { AttackRequest, AttackRunProgress, Engine } from '../../src/engine/api';
import { attack } from '../../src/explain/attack';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from './helpers/backends';
import { createServedEngine } from './helpers/engines';

const MODELS = join(process.cwd(), 'public/models');
const request = (change: Partial<AttackRequest> = {}): AttackRequest => ({
  models: ['base:small-gt-zinc', 'base:small-san-zinc'],
  dataset: 'zinc',
  split: 'val',
  sigmas: [0.0316, 0.1],
  maxEpochs: 2,
  limit: 6,
  seed: 7,
  maThreshold: 20,
  ...change,
});

let engine: Engine;
beforeAll(async () => {
  engine = createServedEngine(MODELS);
  await engine.init();
}, 60_000);

describe('attackModels', () => {
  it('per model and σ: attack() numbers, GAIN, an ascent that does not lower the loss, progress', async () => {
    const progress: AttackRunProgress[] = [];
    const run = await engine.attackModels(request(), (p) => progress.push(p));
    expect(run).toMatchObject({ dataset: 'zinc', split: 'val', graphs: 6, maxEpochs: 2, seed: 7, cancelled: false });
    expect(run.models.map((m) => m.modelEntry)).toEqual(['base:small-gt-zinc', 'base:small-san-zinc']);
    for (const { results } of run.models) {
      expect(results.map((r) => r.sigma)).toEqual([0.0316, 0.1]);
      for (const r of results) {
        expect(r.gain).toBeCloseTo(r.lossOptimised / r.lossRandom - 1, 12);
        expect(r.lossOptimised).toBeGreaterThanOrEqual(r.lossRandom * (1 - 1e-5));
        expect([r.epochs, r.stopReason]).toEqual([2, 'max-epochs']);
        expect(r.maShare?.random.length).toBe(r.maShare?.optimised.length);
      }
    }
    // attack() itself on the same seeded model and graphs
    await useBackend('wasm');
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const model = createModel(preset('small-gt-zinc', { seed: 41 }));
    try {
      const direct = await attack(model, zinc.splits.val.slice(0, 6), zinc.spec, {
        sigmas: [0.0316, 0.1],
        maxEpochs: 2,
        seed: 7,
        maThreshold: 20,
      });
      expect(run.models[0].results).toEqual(direct);
    } finally {
      disposeParams(model.params);
    }
    // a start per model, then one per epoch and σ
    const where = progress.map((p) => [p.model, p.sigmaIndex, p.epoch]);
    expect(where).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 2],
      [0, 1, 1],
      [0, 1, 2],
      [1, 0, 0],
      [1, 0, 1],
      [1, 0, 2],
      [1, 1, 1],
      [1, 1, 2],
    ]);
    expect(progress.every((p) => p.models === 2 && p.sigmas === 2 && p.maxEpochs === 2)).toBe(true);
    expect(progress.filter((p) => p.epoch > 0).every((p) => p.loss! > 0 && p.lr === 7e-4)).toBe(true);
  }, 120_000);

  it('leaves no tensors behind, and cancel stops after the current batch with what was measured', async () => {
    const before = (await engine.memory()).numTensors;
    await engine.attackModels(request({ sigmas: [0.1], maxEpochs: 1 }));
    expect((await engine.memory()).numTensors).toBe(before);
    const run = await engine.attackModels(request({ maxEpochs: 200 }), (p) => {
      if (p.epoch === 1) void engine.cancelAttack();
    });
    expect(run.cancelled).toBe(true);
    expect(run.models).toHaveLength(1);
    const [only] = run.models[0].results;
    expect(run.models[0].results).toHaveLength(1);
    expect(only.stopReason).toBe('cancelled');
    expect(only.epochs).toBeLessThan(5);
    expect(Number.isFinite(only.lossOptimised)).toBe(true);
    expect((await engine.memory()).numTensors).toBe(before);
    // the next run is not cancelled by the last one's request
    expect((await engine.attackModels(request({ models: ['base:small-gt-zinc'], maxEpochs: 1 }))).cancelled).toBe(
      false,
    );
  }, 120_000);

  it('says what is wrong with a request', async () => {
    await expect(engine.attackModels(request({ models: ['ckpt:nope'] }))).rejects.toThrow('no model "ckpt:nope"');
    await expect(engine.attackModels(request({ sigmas: [0] }))).rejects.toThrow('σ must be');
    await expect(engine.attackModels(request({ limit: 0 }))).rejects.toThrow('at least 1');
    await expect(engine.attackModels(request({ models: [] }))).rejects.toThrow('one or two models');
  });

  it('reads a shipped checkpoint’s recorded attack; null where there is none', async () => {
    const recorded = await engine.recordedAttack('ckpt:gt-tox21-trained');
    expect(recorded).toMatchObject({ entryId: 'ckpt:gt-tox21-trained', split: 'val' });
    expect(recorded!.results.map((r) => r.sigma)).toEqual([0.01, 0.0316, 0.1]);
    for (const r of recorded!.results) expect(r.gain).toBeCloseTo(r.lossOptimised / r.lossRandom - 1, 9);
    expect(await engine.recordedAttack('ckpt:gt-zinc-trained')).toBeNull();
    expect(await engine.recordedAttack('base:small-gt-zinc')).toBeNull();
  });
});
