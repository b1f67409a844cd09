/**
 * The training panel's engine side in Node (wasm): the per-epoch MA summary against scanSplit and counts made here
 * from its per-edge ratios; a short run on a ZINC subset with progress per batch and per epoch and an MA scan
 * before training and after every epoch; a saved checkpoint that reloads bit-identically and predicts the same;
 * the run offered in the model list; cancel; shipped checkpoints' recorded training; no tensor growth across runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundledDataset, type BundledDatasetName } from '../../src/data/bundledDatasets';
import type { Graph, FeatureSpec } from '../../src/data/graph';
import { type Engine, type TrainingProgress, type TrainingRunRequest } from '../../src/engine/api';
import { scanSplit } from '../../src/engine/scan';
import { maEpochStats } from '../../src/engine/trainingMaStats';
import { decodeCheckpoint, encodeCheckpoint, parseModelJson } from '../../src/gnn/checkpoint';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from './helpers/backends';
import { createServedEngine } from './helpers/engines';

const REQUEST: TrainingRunRequest = {
  preset: 'small-gt-zinc',
  dataset: 'zinc',
  ebt: false,
  epochs: 2,
  subset: 24,
  scanGraphs: 8,
};
const LONG = 240_000;

let engine: Engine;
let zinc: { test: Graph[]; spec: FeatureSpec };

beforeAll(async () => {
  engine = createServedEngine();
  await engine.init();
  await useBackend('wasm');
  const data = await loadBundledDataset('zinc' as BundledDatasetName, folderBundleSource());
  zinc = { test: data.splits.test, spec: data.spec };
});

/** Share of values strictly above a threshold, counted here. */
const shareAbove = (values: ArrayLike<number>, threshold: number) =>
  Array.from(values).filter((v) => v > threshold).length / values.length;

describe('per-epoch MA summary', () => {
  it('equals scanSplit summarised by hand: maxima, shares above 100 and 1000, graphs with an MA, KS', async () => {
    const model = createModel({ ...preset('small-gt-zinc', { seed: 3 }), layers: 3 });
    const graphs = zinc.test.slice(0, 12);
    try {
      const stats = await maEpochStats(model, graphs, zinc.spec, 7);
      const scan = await scanSplit(model, graphs, zinc.spec);
      const graphOfEdge = graphs.flatMap((g, n) => Array<number>(2 * g.bondBegin.length).fill(n));
      expect(stats.epoch).toBe(7);
      expect(stats.layers).toHaveLength(3);
      stats.layers.forEach((layer, l) => {
        const ratios = scan.layers[l].perEdgeRatio;
        const perGraph = graphs.map((_, n) =>
          Math.max(...Array.from(ratios).filter((r, e) => graphOfEdge[e] === n && !Number.isNaN(r))),
        );
        expect(layer.maxRatio).toBe(Math.max(...perGraph));
        expect(layer.above100).toBe(shareAbove(ratios, 100));
        expect(layer.above1000).toBe(shareAbove(ratios, 1000));
        expect(layer.graphsWithMa).toBe(shareAbove(perGraph, 1000));
        expect(layer.ks).toBe(scan.layers[l].distribution.own.ks);
        expect(layer.ks).toBeGreaterThan(0);
      });
    } finally {
      disposeParams(model.params);
    }
  });
});

describe('training runs in the engine', () => {
  const progress: TrainingProgress[] = [];
  let first: Awaited<ReturnType<Engine['trainRun']>>;

  it(
    'trains a small GT on 24 ZINC graphs for 2 epochs with progress and an MA scan per epoch',
    async () => {
      first = await engine.trainRun(REQUEST, (p) => progress.push(p));
      expect(first.stopReason).toBe('max-epochs');
      expect(first.backend).toBe('wasm');
      expect(first.history.map((r) => r.epoch)).toEqual([1, 2]);
      expect(first.maHistory.map((m) => m.epoch)).toEqual([0, 1, 2]);
      first.maHistory.forEach((m) => expect(m.layers).toHaveLength(4));
      const started = progress[0];
      expect(started).toMatchObject({ kind: 'started', trainGraphs: 24, valGraphs: 24, scanGraphs: 8 });
      expect(started.kind === 'started' && started.batchesPerEpoch).toBe(1);
      expect(progress.filter((p) => p.kind === 'batch').map((p) => p.kind === 'batch' && p.epoch)).toEqual([1, 2]);
      const epochs = progress.filter((p) => p.kind === 'epoch');
      expect(epochs.map((p) => p.kind === 'epoch' && p.record)).toEqual([null, ...first.history]);
    },
    LONG,
  );

  it(
    'saves a checkpoint that reloads bit-identically and predicts what the explorer shows',
    async () => {
      const files = await engine.trainRunCheckpoint(first.runId);
      const modelJson = parseModelJson(JSON.parse(JSON.stringify(files.modelJson)));
      expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
      expect(modelJson.training.history).toEqual(first.history);
      expect(modelJson.training.maHistory).toEqual(first.maHistory);
      expect(modelJson.training.variant).toBe('trained');

      const model = decodeCheckpoint(modelJson, files.weights);
      const again = await encodeCheckpoint(model, modelJson.training);
      expect(new Uint8Array(again.weights)).toEqual(new Uint8Array(files.weights));
      disposeParams(model.params);

      const entry = await engine.addTrainRunToModels(first.runId);
      expect(entry.id).toBe(`session:${first.runId}`);
      expect((await engine.listModels('zinc'))[0].id).toBe(entry.id);
      expect((await engine.listModels('tox21')).some((e) => e.id === entry.id)).toBe(false);
      const molecule = { kind: 'dataset', dataset: 'zinc', split: 'test', index: 3 } as const;
      const shown = await engine.analyzeMolecule({ modelEntry: entry.id, molecule });
      const loadedId = await engine.loadModel(JSON.parse(JSON.stringify(files.modelJson)), files.weights.slice(0));
      const reloaded = await engine.forward({ modelId: loadedId, graphs: [zinc.test[3]], spec: zinc.spec });
      expect(Array.from(reloaded.output)).toEqual(shown.prediction.raw);
      await engine.disposeModel(loadedId);
    },
    LONG,
  );

  it(
    'does not grow the tensor count from one run to the next',
    async () => {
      const before = tf.memory().numTensors;
      const second = await engine.trainRun(REQUEST);
      const third = await engine.trainRun(REQUEST);
      expect(third.numTensors).toBe(second.numTensors);
      // The first run's model stays (the model list offers it); the second's went when the third started.
      expect(second.numTensors).toBeGreaterThan(before);
      expect(third.history.map((r) => r.trainLoss)).toEqual(second.history.map((r) => r.trainLoss));
    },
    LONG,
  );

  it(
    'cancels after the current batch, and refuses a second run while one is running',
    async () => {
      let runId = '';
      const running = engine.trainRun({ ...REQUEST, epochs: 5 }, (p) => {
        if (p.kind === 'started') runId = p.runId;
        if (p.kind === 'epoch' && p.record?.epoch === 1) void engine.cancelTrainRun(runId);
      });
      await expect(engine.trainRun(REQUEST)).rejects.toThrow(/already running/);
      const result = await running;
      expect(result.stopReason).toBe('cancelled');
      expect(result.history).toHaveLength(1);
      expect(result.maHistory).toHaveLength(2);
    },
    LONG,
  );

  it('rejects a preset for another dataset and bad epochs in words', async () => {
    await expect(engine.trainRun({ ...REQUEST, preset: 'small-gt-tox21' })).rejects.toThrow(/is for tox21, not zinc/);
    await expect(engine.trainRun({ ...REQUEST, epochs: 0 })).rejects.toThrow(/epochs must be/);
  });

  it('lists shipped checkpoints trained, then EBT, then base, each in the paper order GT, SAN, GraphiT, then the experiments', async () => {
    const variantRank = { trained: 0, ebt: 1, base: 2 } as const;
    const modelRank = { gt: 0, san: 1, graphit: 2 } as const;
    for (const dataset of ['zinc', 'tox21', 'proteins'] as const) {
      const shipped = (await engine.listModels(dataset)).filter((e) => e.id.startsWith('ckpt:'));
      expect(shipped.length).toBeGreaterThanOrEqual(5);
      const ranks = shipped.map((e) => (e.experiment ? 9 : 0) + variantRank[e.state] * 3 + modelRank[e.model]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(shipped[0].id).toBe(`ckpt:gt-${dataset}-trained`);
    }
  });

  it('reads the recorded training of a shipped checkpoint, and none for a base model', async () => {
    const recorded = await engine.recordedTraining('ckpt:gt-zinc-trained');
    expect(recorded?.metricName).toBe('mae');
    expect(recorded?.maHistory.length).toBeGreaterThan(10);
    expect(recorded?.maHistory[0].layers).toHaveLength(10);
    expect(recorded?.history.length).toBe(recorded?.maHistory.length);
    expect(await engine.recordedTraining('base:small-gt-zinc')).toBeNull();
  });
});
