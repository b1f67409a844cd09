/**
 * The shipped checkpoints (public/models): index.json and every model.json validate; every checkpoint loads and
 * reproduces the test metric recorded in its model.json (to 1e-4); base checkpoints are reproducible from their seed
 * (to float16 rounding, the shipped precision); all checkpoints together stay within the 40 MB budget.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { f16round } from '@petamoriken/float16';
import { describe, expect, it } from 'vitest';
import { loadCheckpointFolder } from '../../src/cli/checkpointFiles';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { createModel } from '../../src/gnn/model';
import { METRIC } from '../../src/gnn/metrics';
import { DATASETS, MODEL_KINDS } from '../../src/gnn/config';
import { parseModelIndex, VARIANTS } from '../../src/gnn/modelIndex';
import { disposeParams } from '../../src/gnn/params';
import { evaluate } from '../../src/gnn/train';
import { useBackend } from './helpers/backends';

/** The experiment checkpoints of issue 19 (scripts/modelRecipes.ts, EXPERIMENTS). */
const EXPERIMENT_IDS = [
  'san-zinc-ebt-paper',
  'graphit-zinc-ebt-paper',
  'gt-zinc-noedge-base',
  'gt-zinc-noedge-trained',
  'gt-zinc-global-base',
  'gt-zinc-global-trained',
  'gt-zinc-random-types-trained',
];
const MODELS_DIR = new URL('../../public/models/', import.meta.url).pathname;
const index = parseModelIndex(JSON.parse(readFileSync(join(MODELS_DIR, 'index.json'), 'utf8')));

describe('public/models', () => {
  it('lists all 27 grid checkpoints (base, trained, EBT of each model on each dataset) and the issue-19 experiments', () => {
    const grid = MODEL_KINDS.flatMap((m) => DATASETS.flatMap((d) => VARIANTS.map((v) => `${m}-${d}-${v}`)));
    expect(grid).toHaveLength(27);
    expect(index.models.map((e) => e.id).sort()).toEqual([...grid, ...EXPERIMENT_IDS].sort());
    for (const entry of index.models) {
      expect(entry.id.startsWith(`${entry.model}-${entry.dataset}-`), entry.id).toBe(true);
      expect(entry.config.ebt, entry.id).toBe(entry.variant === 'ebt');
      if (grid.includes(entry.id)) expect(entry.id).toBe(`${entry.model}-${entry.dataset}-${entry.variant}`);
    }
    const config = (id: string) => index.models.find((e) => e.id === id)!.config;
    expect(config('san-zinc-ebt-paper').ebtForm).toBe('paper');
    expect(config('graphit-zinc-ebt-paper').ebtForm).toBe('paper');
    expect(config('gt-zinc-noedge-trained').noEdge).toBe(true);
    expect(config('gt-zinc-global-trained').globalNode).toBe(true);
    expect(config('gt-zinc-random-types-trained').randomBondTypes).toBe(true);
  });

  it('stores float16 weights (float32 only for the tensors the record names), at most 40 MB together', () => {
    for (const entry of index.models) {
      const modelJson = JSON.parse(readFileSync(join(MODELS_DIR, entry.path, 'model.json'), 'utf8'));
      const specs: { name: string; quantization?: { dtype: string } }[] = modelJson.weightsManifest.flatMap(
        (g: { weights: unknown[] }) => g.weights,
      );
      const float32 = specs.filter((s) => s.quantization?.dtype !== 'float16').map((s) => s.name);
      expect(float32, entry.id).toEqual(modelJson.training.weightsKeptFloat32 ?? []);
      expect(float32.length, entry.id).toBeLessThanOrEqual(2);
      expect(statSync(join(MODELS_DIR, entry.path, 'weights.bin')).size).toBe(entry.weightsBytes);
    }
    expect(index.models.reduce((n, e) => n + e.weightsBytes, 0)).toBeLessThanOrEqual(40e6);
  });

  it('records how each trained and EBT checkpoint was trained, with per-epoch MA statistics', () => {
    for (const entry of index.models.filter((e) => e.variant !== 'base')) {
      const { config, training } = JSON.parse(readFileSync(join(MODELS_DIR, entry.path, 'model.json'), 'utf8'));
      const metric = METRIC[entry.dataset].name;
      expect(training.seed, entry.id).toBe(config.seed);
      expect(training.epochs, entry.id).toBeGreaterThan(0);
      expect(training.wallSeconds, entry.id).toBeGreaterThan(0);
      expect(training.history.map((h: { epoch: number }) => h.epoch)).toEqual(
        Array.from({ length: training.epochs }, (_, i) => i + 1),
      );
      for (const split of ['train', 'val', 'test'])
        expect(Number.isFinite(training.metrics[split][metric]), `${entry.id} ${split}`).toBe(true);
      expect(training.maHistory.length, entry.id).toBeGreaterThan(0);
      for (const epoch of training.maHistory) expect(epoch.layers, entry.id).toHaveLength(config.layers);
    }
  });

  it.each(index.models.map((m) => [m.id, m] as const))(
    '%s loads and reproduces its recorded test metric',
    async (_id, entry) => {
      await useBackend('wasm');
      const { model, modelJson } = await loadCheckpointFolder(join(MODELS_DIR, entry.path));
      expect(modelJson.config).toEqual(entry.config);
      const data = await loadBundle(entry.dataset, folderBundleSource());
      const evaluation = await evaluate(model, data.splits.test, data.spec, 256);
      const metric = METRIC[entry.dataset].name;
      expect(Math.abs(evaluation.metric - (entry.metrics.test[metric] as number))).toBeLessThan(1e-4);
      expect(modelJson.training.metrics.test[metric]).toBe(entry.metrics.test[metric]);
      if (entry.variant === 'base') {
        const fresh = createModel(entry.config);
        // Shipped weights are float16 (src/gnn/float16Weights.ts): the seed's weights, rounded to float16.
        for (const [name, variable] of fresh.params)
          expect(Array.from(model.params.get(name)!.dataSync()), name).toEqual(
            Array.from(variable.dataSync(), (w) => f16round(w)),
          );
        disposeParams(fresh.params);
      }
      disposeParams(model.params);
    },
    120_000,
  );
});
