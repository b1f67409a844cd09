/** Training, scheduling, metrics and checkpoints. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/data/graph';
import {
  decodeCheckpoint,
  decodeOptimizerWeights,
  encodeCheckpoint,
  parseModelJson,
} from '../../../src/gnn/checkpoint';
import { DATASET_INPUTS, preset, type ModelConfig } from '../../../src/gnn/config';
import { meanRocAuc, rocAuc } from '../../../src/gnn/metrics';
import { createModel, forward } from '../../../src/gnn/model';
import { batchGraphs } from '../../../src/data/graphBatch';
import { disposeParams } from '../../../src/gnn/params';
import { evaluate, initialState, stepScheduler, train, type TrainingState } from '../../../src/gnn/train';
import { useBackend } from '../helpers/backends';
import { randomZincGraph } from './helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };

/** A learnable toy task for a mean readout: the target is 4 x the share of double bonds. */
function toyDataset(count: number, seed: number): Graph[] {
  return Array.from({ length: count }, (_, i) => {
    const g = randomZincGraph(seed + i, 5 + (i % 6));
    const doubles = g.bondFeatures.filter((t) => t === 2).length;
    return { ...g, target: Float32Array.of((4 * doubles) / g.bondFeatures.length) };
  });
}

const tinyConfig = (): ModelConfig => ({
  ...preset('small-gt-zinc', { seed: 3 }),
  layers: 2,
  hidden: 16,
  heads: 4,
  training: { batchSize: 16, initLr: 3e-3, lrFactor: 0.5, patience: 2, minLr: 1e-6, maxEpochs: 100 },
});

describe('metrics', () => {
  it('computes ROC-AUC by hand-checkable cases, ties counting half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 10);
    expect(rocAuc([1, 1], [0, 1])).toBeCloseTo(0.5, 10);
    expect(rocAuc([0.2, 0.9, 0.5], [0, 1, 0])).toBe(1);
  });
  it('averages over tasks that have both classes among present labels', () => {
    // two tasks, rows interleaved; task 1 has only positives among present labels, so it is skipped
    const logits = Float32Array.from([0.1, 5, 0.9, 2, 0.5, 1]);
    const targets = Float32Array.from([0, 1, 1, 1, 0, Number.NaN]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    expect(meanRocAuc(logits, targets, mask, 2)).toBeCloseTo(rocAuc([0.1, 0.9, 0.5], [0, 1, 0]), 10);
  });
});

describe('ReduceLROnPlateau', () => {
  it('halves the rate after patience + 1 epochs without relative improvement of 1e-4', () => {
    const state: TrainingState = { ...initialState(createModelStub()), lr: 1e-3 };
    const losses = [1.0, 0.99995, 1.0, 0.9999, 0.98];
    const rates = losses.map((loss) => (stepScheduler(state, loss, 2, 0.5), state.lr));
    // epoch 2 (0.99995) is within the threshold: bad 1; epoch 3 bad 2; epoch 4 (0.9999 < 1*(1-1e-4)? no) bad 3 > 2 -> halve
    expect(rates).toEqual([1e-3, 1e-3, 1e-3, 5e-4, 5e-4]);
  });
});

function createModelStub() {
  return { config: tinyConfig(), params: new Map() };
}

describe('training on wasm', () => {
  it('lowers the loss of a small GT on a toy task, reports progress, and stops at max epochs', async () => {
    await useBackend('wasm');
    const model = createModel(tinyConfig());
    const [trainSet, valSet] = [toyDataset(96, 1), toyDataset(32, 500)];
    const before = (await evaluate(model, valSet, spec)).loss;
    const records: number[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const state = await train(model, {
      train: trainSet,
      val: valSet,
      spec,
      maxEpochs: 12,
      onEpoch: (r) => void records.push(r.valLoss),
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(state.stopReason).toBe('max-epochs');
    expect(records).toHaveLength(12);
    expect(state.history[11].valLoss).toBeLessThan(0.6 * before);
    disposeParams(model.params);
  });

  it('stops when cancelled between batches', async () => {
    await useBackend('wasm');
    const model = createModel(tinyConfig());
    let calls = 0;
    const state = await train(model, {
      train: toyDataset(64, 1),
      val: toyDataset(8, 9),
      spec,
      shouldStop: () => ++calls > 2,
    });
    expect(state.stopReason).toBe('cancelled');
    expect(state.epoch).toBe(0);
    disposeParams(model.params);
  });
});

describe('checkpoints', () => {
  it('round-trip gives bit-identical outputs on the same backend', async () => {
    await useBackend('wasm');
    const model = createModel({ ...tinyConfig(), ebt: true });
    const batch = batchGraphs(toyDataset(5, 40), spec);
    const outputs = (m: typeof model) =>
      tf.tidy(() => Array.from(forward(m, batch, { capture: true }).captures[1].edgeScore.dataSync()));
    const encoded = await encodeCheckpoint(model, {
      variant: 'base',
      epochs: 0,
      wallSeconds: 0,
      backend: 'wasm',
      metrics: {},
    });
    const json = JSON.parse(JSON.stringify(encoded.modelJson));
    const loaded = decodeCheckpoint(parseModelJson(json), encoded.weights);
    expect(outputs(loaded)).toEqual(outputs(model));
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toContain(
      'layers.1.attention.proj_e.weight',
    );
    disposeParams(model.params);
    disposeParams(loaded.params);
  });

  it('rejects a checkpoint whose weights do not fit its config, naming the weight', async () => {
    await useBackend('cpu');
    const model = createModel(tinyConfig());
    const encoded = await encodeCheckpoint(model, {
      variant: 'base',
      epochs: 0,
      wallSeconds: 0,
      backend: 'cpu',
      metrics: {},
    });
    const json = parseModelJson(JSON.parse(JSON.stringify(encoded.modelJson)));
    const wider = { ...json, config: { ...json.config, hidden: 32 } };
    expect(() => decodeCheckpoint(wider, encoded.weights)).toThrow(
      /weight "embedding_h.weight" has shape \[28,16\], the config needs \[28,32\]/,
    );
    expect(() => parseModelJson({ ...json, format: 'other' })).toThrow(/not a valid checkpoint: format/);
    disposeParams(model.params);
  });

  it('resuming from a checkpoint after epoch 1 gives the same weights as 2 epochs straight', async () => {
    await useBackend('wasm');
    const [trainSet, valSet] = [toyDataset(40, 1), toyDataset(8, 300)];
    const straight = createModel(tinyConfig());
    await train(straight, { train: trainSet, val: valSet, spec, maxEpochs: 2 });

    const first = createModel(tinyConfig());
    let saved: Awaited<ReturnType<typeof encodeCheckpoint>> | undefined;
    await train(first, {
      train: trainSet,
      val: valSet,
      spec,
      maxEpochs: 1,
      onEpoch: async (_r, state, optimizer) => {
        const optimizerWeights = await optimizer.getWeights();
        saved = await encodeCheckpoint(
          first,
          { variant: 'trained', epochs: state.epoch, wallSeconds: 0, backend: 'wasm', metrics: {} },
          { state, optimizerWeights },
        );
      },
    });
    const json = parseModelJson(JSON.parse(JSON.stringify(saved!.modelJson)));
    const resumed = decodeCheckpoint(json, saved!.weights);
    const optimizerWeights = decodeOptimizerWeights(json, saved!.optimizer!);
    await train(resumed, {
      train: trainSet,
      val: valSet,
      spec,
      maxEpochs: 2,
      resume: { state: json.trainingState as TrainingState, optimizerWeights },
    });
    for (const [name, variable] of straight.params)
      expect(Array.from(resumed.params.get(name)!.dataSync()), name).toEqual(Array.from(variable.dataSync()));
    for (const m of [straight, first, resumed]) disposeParams(m.params);
  });

  it('creates and disposes a model without leaving tensors behind', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const model = createModel(tinyConfig());
    expect(tf.memory().numTensors).toBe(before + model.params.size);
    disposeParams(model.params);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('makes base models reproducible from their seed', async () => {
    await useBackend('cpu');
    const [a, b] = [createModel(tinyConfig()), createModel(tinyConfig())];
    const c = createModel({ ...tinyConfig(), seed: 4 });
    const weight = (m: typeof a) => Array.from(m.params.get('layers.1.attention.Q.weight')!.dataSync());
    expect(weight(a)).toEqual(weight(b));
    expect(weight(a)).not.toEqual(weight(c));
    // PyTorch Linear bound 1/sqrt(16) = 0.25; embeddings N(0, 1)
    expect(Math.max(...weight(a).map(Math.abs))).toBeLessThanOrEqual(0.25);
    const embedding = Array.from(a.params.get('embedding_h.weight')!.dataSync());
    const mean = embedding.reduce((s, x) => s + x, 0) / embedding.length;
    const sd = Math.sqrt(embedding.reduce((s, x) => s + (x - mean) ** 2, 0) / embedding.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(sd - 1)).toBeLessThan(0.1);
    for (const m of [a, b, c]) disposeParams(m.params);
  });
});
