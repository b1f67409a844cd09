/**
 * A training run resumed from its kept snapshot (the page keeps it in IndexedDB; here it is passed back as is)
 * goes on where it stopped: one epoch, then one more from the snapshot, gives the same weights, history and MA
 * statistics as two epochs in one go (same seed, same shuffles, same dropout masks), and keeps no extra tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, TrainingRunRequest } from '../../src/engine/api';
import { parseModelJson } from '../../src/gnn/checkpoint';
import { createServedEngine } from './helpers/engines';

const REQUEST: TrainingRunRequest = {
  preset: 'small-san-zinc',
  dataset: 'zinc',
  ebt: false,
  epochs: 2,
  subset: 16,
  scanGraphs: 4,
};

let engine: Engine;
beforeAll(async () => {
  engine = createServedEngine();
  await engine.init();
});

describe('resuming a kept training run', () => {
  it('one epoch, then one more from the snapshot, equals two epochs in one go', async () => {
    const straight = await engine.trainRun(REQUEST);
    const straightFiles = await engine.trainRunCheckpoint(straight.runId);
    const before = (await engine.memory()).numTensors;

    const first = await engine.trainRun({ ...REQUEST, epochs: 1 });
    const snapshot = await engine.trainRunSnapshot(first.runId);
    expect(snapshot).not.toBeNull();
    const json = parseModelJson(snapshot!.modelJson);
    expect(json.trainingState).toMatchObject({ epoch: 1 });
    expect(snapshot!.optimizer.byteLength).toBeGreaterThan(snapshot!.weights.byteLength); // two Adam moments + step

    const resumed = await engine.trainRun(REQUEST, undefined, snapshot!);
    expect(resumed.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(resumed.history).toEqual(straight.history.map((r, i) => ({ ...r, seconds: resumed.history[i].seconds })));
    expect(resumed.maHistory).toEqual(straight.maHistory);
    const resumedFiles = await engine.trainRunCheckpoint(resumed.runId);
    expect(new Float32Array(resumedFiles.weights)).toEqual(new Float32Array(straightFiles.weights));
    expect((await engine.memory()).numTensors).toBe(before);
  }, 240_000);

  it('refuses a snapshot of other settings, in words', async () => {
    const first = await engine.trainRun({ ...REQUEST, epochs: 1 });
    const snapshot = (await engine.trainRunSnapshot(first.runId))!;
    const before = tf.memory().numTensors;
    await expect(engine.trainRun({ ...REQUEST, ebt: true }, undefined, snapshot)).rejects.toThrow(
      /the kept run was trained with other settings/,
    );
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
