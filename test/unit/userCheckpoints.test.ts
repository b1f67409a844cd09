/**
 * Opening a saved checkpoint in the app (engine.openCheckpointFiles, the store's openCheckpointFiles): a shipped
 * checkpoint's two files, opened as a person's files, predict exactly what the served checkpoint predicts and carry
 * its training record; broken files are refused in words and leave no tensors; in the store, a checkpoint for
 * another dataset opens that dataset with the model chosen, and a failure changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine } from '../../src/engine/api';
import { isCheckpointUpload, pickCheckpointFiles } from '../../src/engine/checkpointUpload';
import { createAppStore } from '../../src/state/store';
import { createServedEngine } from './helpers/engines';

const MODELS_DIR = new URL('../../public/models/', import.meta.url).pathname;
const filesOf = (id: string, jsonName = 'model.json', binName = 'weights.bin') => [
  { name: jsonName, bytes: new Uint8Array(readFileSync(join(MODELS_DIR, id, 'model.json'))) },
  { name: binName, bytes: new Uint8Array(readFileSync(join(MODELS_DIR, id, 'weights.bin'))) },
];
const LONG = 60_000;

let engine: Engine;
beforeAll(async () => {
  engine = createServedEngine();
  await engine.init();
});

describe('which dropped files are a checkpoint', () => {
  it('routes .json/.bin to the checkpoint reader and tables of molecules elsewhere', () => {
    expect(isCheckpointUpload([{ name: 'run-3-model.json' }, { name: 'run-3-weights.bin' }])).toBe(true);
    expect(isCheckpointUpload([{ name: 'mine.csv' }, { name: 'more.sdf' }])).toBe(false);
  });

  it('needs exactly one .json and one .bin, and says what it got', () => {
    const file = (name: string) => ({ name, bytes: new Uint8Array(0) });
    expect(pickCheckpointFiles([file('a-model.json'), file('a-weights.bin')])).toMatchObject({
      kind: 'folder',
      weights: { name: 'a-weights.bin' },
    });
    expect(() => pickCheckpointFiles([file('model.json')])).toThrow('got 1 .json and 0 .bin');
    expect(() => pickCheckpointFiles([file('model.json'), file('a.bin'), file('b.bin')])).toThrow(
      'got 1 .json and 2 .bin',
    );
    expect(() => pickCheckpointFiles([file('model.json'), file('weights.bin'), file('notes.txt')])).toThrow(
      '"notes.txt" is neither',
    );
  });
});

describe('engine.openCheckpointFiles', () => {
  it(
    'opens a saved checkpoint that predicts what the served one does, with its training record',
    async () => {
      const entry = await engine.openCheckpointFiles(filesOf('san-tox21-trained', 'saved-model.json', 'saved.bin'));
      expect(entry).toMatchObject({ dataset: 'tox21', model: 'san', state: 'trained', layers: 10 });
      expect(entry.id).toMatch(/^file:\d+$/);
      expect(entry.label).toContain('from saved-model.json');
      expect((await engine.listModels('tox21'))[0].id).toBe(entry.id);
      expect((await engine.listModels('zinc')).some((e) => e.id === entry.id)).toBe(false);

      const molecule = { kind: 'dataset', dataset: 'tox21', split: 'test', index: 5 } as const;
      const opened = await engine.analyzeMolecule({ modelEntry: entry.id, molecule });
      const served = await engine.analyzeMolecule({ modelEntry: 'ckpt:san-tox21-trained', molecule });
      expect(opened.prediction.raw).toEqual(served.prediction.raw);
      expect(opened.bondRatios).toEqual(served.bondRatios);

      const recorded = await engine.recordedTraining(entry.id);
      const servedRecord = await engine.recordedTraining('ckpt:san-tox21-trained');
      expect(recorded).toEqual({ ...servedRecord, entryId: entry.id });
      expect(recorded?.maHistory.length).toBeGreaterThan(0);
    },
    LONG,
  );

  it('refuses broken files in words and keeps no tensors', async () => {
    const [json, weights] = filesOf('gt-zinc-base');
    const before = tf.memory().numTensors;
    const text = (s: string) => new TextEncoder().encode(s);
    await expect(
      engine.openCheckpointFiles([{ name: 'model.json', bytes: text('{"format": ') }, weights]),
    ).rejects.toThrow(/^model\.json is not JSON/);
    await expect(
      engine.openCheckpointFiles([{ name: 'model.json', bytes: text('{"format": "something else"}') }, weights]),
    ).rejects.toThrow(/model\.json is not a valid checkpoint: format/);
    await expect(
      engine.openCheckpointFiles([json, { name: 'weights.bin', bytes: weights.bytes.subarray(0, 1000) }]),
    ).rejects.toThrow(`weights.bin has 1000 bytes, the manifest needs ${weights.bytes.byteLength}`);
    const otherWeights = filesOf('gt-tox21-base')[1];
    await expect(engine.openCheckpointFiles([json, otherWeights])).rejects.toThrow(/weights\.bin has \d+ bytes/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the store', () => {
  it(
    'opens the checkpoint’s dataset with the model chosen; a broken checkpoint changes nothing',
    async () => {
      const store = createAppStore();
      store.getState().attachUserDatasetEngine(engine);
      expect(store.getState().datasetName).toBe('zinc');
      await store.getState().openCheckpointFiles([{ name: 'model.json', bytes: new Uint8Array([123]) }]);
      expect(store.getState().userDatasetLoad.status).toBe('failed');
      expect(store.getState().userDatasetLoad.message).toBe(
        'model.json could not be opened: a checkpoint is one model.json and one weights.bin, dropped together; got 1 .json and 0 .bin',
      );
      expect(store.getState().datasetName).toBe('zinc');

      await store.getState().openCheckpointFiles(filesOf('gt-tox21-ebt'));
      expect(store.getState().userDatasetLoad.status).toBe('idle');
      expect(store.getState().datasetName).toBe('tox21');
      const chosen = store.getState().modelEntryId;
      expect(chosen).toMatch(/^file:\d+$/);
      // The dataset's model list, when it arrives, keeps the opened model chosen.
      store.getState().modelsListed(await engine.listModels('tox21'));
      expect(store.getState().modelEntryId).toBe(chosen);
      expect(store.getState().notices).toEqual([]);
    },
    LONG,
  );
});
