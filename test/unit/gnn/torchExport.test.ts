/**
 * Export to PyTorch: ours -> .pt -> ours gives the same weights, for every model x dataset (with and without EBT)
 * and for the torch fixtures; and, where /usr/bin/python3 has torch, the paper's network classes
 * (scripts/fixtures/make_torch_fixtures.py) load the .pt with load_state_dict(strict=True) and predict what we
 * predict. Those checks are skipped (and say so) without torch: npm test does not depend on Python.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import { loadCheckpointFolder } from '../../../src/cli/checkpointFiles';
import { decodeCheckpoint } from '../../../src/gnn/checkpoint';
import {
  DATASET_INPUTS,
  validateConfig,
  type DatasetName,
  type ModelConfig,
  type ModelKind,
} from '../../../src/gnn/config';
import { createModel, forwardTidy, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { exportTorchStateDict } from '../../../src/gnn/torch/exportTorch';
import { importTorchStateDict } from '../../../src/gnn/torch/importTorch';
import { readTorchStateDict } from '../../../src/gnn/torch/ptReader';
import { useBackend } from '../helpers/backends';
import { expected, fixtureDir, fixtureGraphs } from './torchFixtures';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../scripts/fixtures/make_torch_fixtures.py', import.meta.url).pathname;
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const withTorch = hasTorch ? '' : ' (skipped: no /usr/bin/python3 with torch)';

function tinyConfig(model: ModelKind, dataset: DatasetName, ebt: boolean, ebtForm?: 'paper'): ModelConfig {
  return validateConfig({
    ...(ebtForm ? { ebtForm } : {}),
    model,
    dataset,
    layers: 2,
    heads: 4,
    hidden: 16,
    residual: dataset !== 'proteins',
    readout: model === 'gt' ? 'mean' : 'sum',
    dropout: 0,
    ebt,
    seed: 7,
    training: { batchSize: 8, initLr: 1e-3, lrFactor: 0.5, patience: 5, minLr: 1e-6, maxEpochs: 1 },
  });
}

async function roundTrip(model: Model): Promise<Model> {
  const bytes = await exportTorchStateDict(model);
  const state = readTorchStateDict(bytes, 'export.pt');
  const { config } = model;
  const imported = importTorchStateDict(state, {
    file: 'export.pt',
    model: config.model,
    dataset: config.dataset,
    heads: config.heads,
    ebtForm: config.ebtForm,
  });
  return decodeCheckpoint(imported.modelJson, imported.weights);
}

async function expectSameWeights(a: Model, b: Model): Promise<void> {
  expect([...b.params.keys()]).toEqual([...a.params.keys()]);
  for (const [name, variable] of a.params)
    expect(await b.params.get(name)!.data(), name).toEqual(await variable.data());
}

function predict(model: Model): number[][] {
  const spec = DATASET_INPUTS[model.config.dataset];
  const { output } = forwardTidy(model, batchGraphs(fixtureGraphs(model.config.dataset), spec));
  const values = output.arraySync();
  output.dispose();
  return values;
}

/** Torch loads each .pt into the paper's class (strict) and predicts on the fixture graphs: one Python run. */
async function torchPredicts(models: Model[]): Promise<{ keys: number; output: number[][] }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ma-pt-'));
  const jobs = [];
  for (const [i, model] of models.entries()) {
    const file = join(dir, `model${i}.pt`);
    writeFileSync(file, await exportTorchStateDict(model));
    jobs.push({ file, ...model.config });
  }
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
  const run = spawnSync(PYTHON, [SCRIPT, 'verify', join(dir, 'jobs.json')], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`torch refused an export: ${run.stderr}`);
  return JSON.parse(run.stdout) as { keys: number; output: number[][] }[];
}

const CASES = (['gt', 'san', 'graphit'] as const).flatMap((model) =>
  (['zinc', 'tox21', 'proteins'] as const).flatMap((dataset) =>
    [false, true].map((ebt) => [model, dataset, ebt] as const),
  ),
);

describe('export to PyTorch', () => {
  beforeAll(() => useBackend('wasm'));

  it.each(CASES)('%s on %s (EBT %s): ours -> .pt -> ours is the same model', async (model, dataset, ebt) => {
    const before = tf.memory().numTensors;
    const original = createModel(tinyConfig(model, dataset, ebt));
    const back = await roundTrip(original);
    await expectSameWeights(original, back);
    const architecture = ({ model, dataset, layers, heads, hidden, residual, readout, ebt }: ModelConfig) => [
      model,
      dataset,
      layers,
      heads,
      hidden,
      residual,
      readout,
      ebt,
    ];
    expect(architecture(back.config)).toEqual(architecture(original.config));
    disposeParams(original.params);
    disposeParams(back.params);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['san', 'graphit'] as const)(
    '%s with the paper-form EBT: ours -> .pt -> ours (imported with ebtForm "paper") predicts the same',
    async (model) => {
      const original = createModel(tinyConfig(model, 'zinc', true, 'paper'));
      const back = await roundTrip(original);
      expect(back.config.ebtForm).toBe('paper');
      expect(predict(back)).toEqual(predict(original));
      disposeParams(original.params);
      disposeParams(back.params);
    },
  );

  it('refuses ebtForm "paper" for a GT file or a file without EBT', async () => {
    for (const c of expected.cases.filter((c) => c.model === 'gt' || !c.ebt)) {
      const bytes = new Uint8Array(readFileSync(new URL(c.file, fixtureDir)));
      expect(() =>
        importTorchStateDict(readTorchStateDict(bytes, c.file), {
          file: c.file,
          heads: c.headsArgument ?? undefined,
          ebtForm: 'paper',
        }),
      ).toThrow(/ebtForm "paper" is the released SAN\/GraphiT code's EBT/);
    }
  });

  it('the torch fixtures survive import -> export -> import unchanged', async () => {
    for (const c of expected.cases) {
      const bytes = new Uint8Array(readFileSync(new URL(c.file, fixtureDir)));
      const imported = importTorchStateDict(readTorchStateDict(bytes, c.file), {
        file: c.file,
        heads: c.headsArgument ?? undefined,
      });
      const model = decodeCheckpoint(imported.modelJson, imported.weights);
      const back = await roundTrip(model);
      await expectSameWeights(model, back);
      disposeParams(model.params);
      disposeParams(back.params);
    }
  });

  it.skipIf(!hasTorch)(
    `torch.load + load_state_dict(strict) of the paper's classes accept every GT/SAN/GraphiT x ZINC/TOX21 x EBT export, and shipped ones, and predict what we predict${withTorch}`,
    async () => {
      const tiny = [
        ...CASES.filter(([, dataset]) => dataset !== 'proteins').map(([m, d, ebt]) =>
          createModel(tinyConfig(m, d, ebt)),
        ),
        createModel(tinyConfig('san', 'zinc', true, 'paper')),
        createModel(tinyConfig('graphit', 'tox21', true, 'paper')),
      ];
      const shipped = [];
      for (const id of ['gt-zinc-trained', 'san-zinc-ebt', 'graphit-tox21-trained'])
        shipped.push(
          (await loadCheckpointFolder(new URL(`../../../public/models/${id}`, import.meta.url).pathname)).model,
        );
      const models = [...tiny, ...shipped];
      const torch = await torchPredicts(models);
      models.forEach((model, m) => {
        const { model: kind, dataset, ebt, layers } = model.config;
        const ours = predict(model).flat();
        const gap = Math.max(...ours.map((v, i) => Math.abs(v - torch[m].output.flat()[i])));
        expect(gap, `${kind} on ${dataset}, EBT ${ebt}, ${layers} layers`).toBeLessThan(m < tiny.length ? 1e-5 : 1e-4);
        disposeParams(model.params);
      });
    },
    300_000,
  );
});
