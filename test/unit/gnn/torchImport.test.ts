/**
 * PyTorch checkpoints written by torch.save with the paper's code's parameter names
 * (scripts/fixtures/make_torch_fixtures.py: bare and wrapped state_dicts, GT/SAN/GraphiT, ZINC/TOX21, EBT) load,
 * and predict what torch predicted for the same weights on the same graphs (float64 in torch, 1e-5 here).
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import { decodeCheckpoint } from '../../../src/gnn/checkpoint';
import { DATASET_INPUTS } from '../../../src/gnn/config';
import { forwardTidy } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { importTorchStateDict } from '../../../src/gnn/torch/importTorch';
import { readTorchStateDict, type StateDict } from '../../../src/gnn/torch/ptReader';
import { writeTorchStateDict } from '../../../src/gnn/torch/ptWriter';
import { useBackend } from '../helpers/backends';
import { expected, fixtureDir, fixtureGraphs } from './torchFixtures';

const readFixture = (file: string): StateDict =>
  readTorchStateDict(new Uint8Array(readFileSync(new URL(file, fixtureDir))), file);

describe('PyTorch checkpoints from the paper code', () => {
  beforeAll(() => useBackend('wasm'));

  it.each(expected.cases.map((c) => [c.file, c] as const))('%s loads and predicts as torch did', (file, c) => {
    const tensorsBefore = tf.memory().numTensors;
    const state = readFixture(file);
    const imported = importTorchStateDict(state, {
      file,
      model: c.model,
      dataset: c.dataset,
      heads: c.headsArgument ?? undefined,
    });
    const { config } = imported.modelJson;
    expect([config.model, config.dataset, config.layers, config.hidden, config.heads, config.ebt]).toEqual([
      c.model,
      c.dataset,
      c.layers,
      c.hidden,
      c.heads,
      c.ebt,
    ]);
    const model = decodeCheckpoint(imported.modelJson, imported.weights);
    const spec = DATASET_INPUTS[c.dataset];
    const { output } = forwardTidy(model, batchGraphs(fixtureGraphs(c.dataset), spec));
    const predicted = output.arraySync();
    output.dispose();
    disposeParams(model.params);
    const diff = Math.max(...predicted.flat().map((v, i) => Math.abs(v - c.output.flat()[i])));
    expect(diff).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('infers the model and dataset from the names when not told', () => {
    for (const c of expected.cases) {
      const { config } = importTorchStateDict(readFixture(c.file), {
        file: c.file,
        heads: c.headsArgument ?? undefined,
      }).modelJson;
      expect([config.model, config.dataset]).toEqual([c.model, c.dataset]);
    }
  });

  it('takes heads from the paper config unless told, and says so', () => {
    const c = expected.cases.find((x) => x.file === 'san-zinc.pt')!;
    const imported = importTorchStateDict(readFixture(c.file), { file: c.file });
    expect(imported.modelJson.config.heads).toBe(8);
    expect(imported.notes.join(' ')).toMatch(/8 heads, from the paper's config for SAN on ZINC/);
    expect(() => importTorchStateDict(readFixture('graphit-tox21.pth'), { file: 'x.pth', heads: 3 })).toThrow(
      /not divisible by 3 heads/,
    );
  });

  it('refuses a tensor of the wrong shape, naming it', () => {
    const state = readFixture('san-zinc.pt');
    const good = state.get('layers.1.O_h.weight')!;
    state.set('layers.1.O_h.weight', { ...good, shape: [16, 15], values: good.values.slice(0, 240) });
    expect(() => importTorchStateDict(state, { file: 'bad.pt', model: 'san', dataset: 'zinc' })).toThrow(
      /bad\.pt: tensor "layers\.1\.O_h\.weight" has shape \[16, 15\]; a SAN with width 16 and 8 heads needs \[16, 16\]/,
    );
  });

  it('refuses names that do not fit the model, and tensors it has no place for', () => {
    expect(() => importTorchStateDict(readFixture('san-zinc.pt'), { file: 'f.pt', model: 'graphit' })).toThrow(
      /the tensor names are those of SAN in the paper's code, not GraphiT/,
    );
    expect(() => importTorchStateDict(readFixture('san-zinc.pt'), { file: 'f.pt', dataset: 'tox21' })).toThrow(
      /no tensor "layers\.0\.attention_h\.Q\.weight": the names do not fit SAN on TOX21/,
    );
    const state = readFixture('graphit-tox21.pth');
    state.set('layers.0.layer_norm1_h.weight', { shape: [16], dtype: 'float32', values: new Float32Array(16) });
    expect(() => importTorchStateDict(state, { file: 'f.pth', heads: 4 })).toThrow(
      /tensor "layers\.0\.layer_norm1_h\.weight" has no place in GraphiT on TOX21/,
    );
  });

  it('says what is wrong with files that are not torch.save checkpoints', () => {
    expect(() => readTorchStateDict(new TextEncoder().encode('smiles\nCCO\n'), 'a.pt')).toThrow(
      /a\.pt is not a PyTorch checkpoint/,
    );
    expect(() => readTorchStateDict(Uint8Array.of(0x80, 2, 0x7d, 0x2e), 'old.pt')).toThrow(/legacy format/);
    const truncated = new Uint8Array(readFileSync(new URL('san-zinc.pt', fixtureDir))).slice(0, 5000);
    expect(() => readTorchStateDict(truncated, 'cut.pt')).toThrow(/cut\.pt/);
    const huge = writeTorchStateDict([{ name: 'w', shape: [1e9], dtype: 'float32', values: [1] }]);
    expect(() => readTorchStateDict(huge, 'huge.pt')).toThrow(
      /huge\.pt: a tensor of shape \[1000000000\] reads past the end/,
    );
    const notState = writeTorchStateDict([]);
    expect(() => readTorchStateDict(notState, 'empty.pt')).toThrow(/empty\.pt holds/);
  });
});
