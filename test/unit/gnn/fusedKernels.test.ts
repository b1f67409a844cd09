/**
 * The fused kernels (src/gnn/kernels/edgeScore.ts, attendNodes.ts, batchNorm.ts; the bias inside the matrix
 * product) against the stock-op path they replace, on cpu and wasm: eval captures and outputs to 1e-5, the training
 * loss to 1e-5 and its gradient with respect to every parameter to 1e-4 relative, for GT, SAN and GT/SAN with EBT,
 * with removed bonds and feature ablation.
 * The weights are scaled up so that some logits hit the ±5 clamp (whose gradient is zero).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import type { Ablation } from '../../../src/gnn/ablation';
import { DATASET_INPUTS, preset, type ModelConfig } from '../../../src/gnn/config';
import { useStockOps } from '../../../src/gnn/kernels/run';
import { taskLoss } from '../../../src/gnn/metrics';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import type { BatchStat } from '../../../src/gnn/ops';
import { disposeParams } from '../../../src/gnn/params';
import { NODE_BACKENDS, useBackend } from '../helpers/backends';
import { randomZincGraph } from './helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };
const graphs = [randomZincGraph(3, 9), randomZincGraph(4, 6), randomZincGraph(5, 12)];
const batch = batchGraphs(graphs, spec);

function config(model: ModelConfig['model'], ebt: boolean): ModelConfig {
  return { ...preset(`small-${model}-zinc`, { ebt, seed: 11 }), layers: 3, hidden: 16, heads: 4 };
}

function captures(model: Model, ablation: Ablation) {
  return tf.tidy(() => {
    const result = forward(model, batch, { capture: true, ablation });
    return [
      result.output.dataSync(),
      ...result.captures.flatMap((c) => [c.edgeScore.dataSync(), c.attention.dataSync(), c.nodeAttn.dataSync()]),
    ];
  });
}

function gradients(model: Model, ablation: Ablation) {
  const trainable = [...model.params.values()].filter((v) => v.trainable);
  const result: Record<string, ArrayLike<number>> = {};
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () =>
        taskLoss(
          'zinc',
          forward(model, batch, { training: true, ablation }).output,
          batch.targets,
          batch.targetMask,
        ) as tf.Scalar,
      trainable,
    );
    // The loss goes through the training forward, where the fused attention runs.
    result.loss = value.dataSync();
    for (const [name, g] of Object.entries(grads)) result[name] = g.dataSync();
  });
  return result;
}

/** The BatchNorm batch statistics a training forward reports (mean and unbiased variance per norm). */
function batchStats(model: Model): Float32Array[] {
  const sink: BatchStat[] = [];
  tf.tidy(() => {
    forward(model, batch, { training: true, statsSink: sink });
  });
  const values = sink.flatMap((s) => [s.mean.dataSync() as Float32Array, s.unbiasedVar.dataSync() as Float32Array]);
  tf.dispose(sink.flatMap((s) => [s.mean, s.unbiasedVar]));
  return values;
}

/** Kernel names a forward (with a backward when training) dispatches. */
async function kernelsUsed(model: Model): Promise<Set<string>> {
  const profile = await tf.profile(() => {
    const trainable = [...model.params.values()].filter((v) => v.trainable);
    const { value, grads } = tf.variableGrads(
      () =>
        taskLoss(
          'zinc',
          forward(model, batch, { training: true }).output,
          batch.targets,
          batch.targetMask,
        ) as tf.Scalar,
      trainable,
    );
    tf.dispose(grads);
    return value;
  });
  return new Set(profile.kernels.map((k) => k.name));
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tolerance: number, what: string) {
  expect(got.length, what).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  expect(worst, what).toBeLessThan(tolerance);
}

const ablations: [string, Ablation][] = [
  ['no ablation', {}],
  ['a removed bond', { removeBonds: [1, 4] }],
  ['zeroed massive features', { features: [{ mode: 'zero', threshold: 2 }] }],
];

describe.each(NODE_BACKENDS)('fused attention on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  afterAll(() => useStockOps(false));

  describe.each([
    ['gt', false],
    ['san', false],
    ['gt', true],
    ['san', true],
  ] as const)('%s (ebt %s)', (kind, ebt) => {
    let model: Model;
    beforeAll(() => {
      model = createModel(config(kind, ebt));
      // Larger attention weights so that some logits reach the clamp.
      for (const [name, v] of model.params)
        if (/attention\.(Q|K)\.weight$/.test(name)) v.assign(tf.tidy(() => tf.mul(v, 4)));
    });
    afterAll(() => disposeParams(model.params));

    it('runs the fused kernels forward and backward', async () => {
      useStockOps(false);
      const names = await kernelsUsed(model);
      for (const k of [
        'MaEdgeScore',
        'MaEdgeScoreGrad',
        'MaAttendNodes',
        'MaAttendNodesGrad',
        'MaBatchNormTrain',
        'MaBatchNormTrainGrad',
        '_FusedMatMul',
      ])
        expect(names.has(k), k).toBe(true);
    });

    it('reports the stock path’s BatchNorm statistics', () => {
      useStockOps(true);
      const stock = batchStats(model);
      useStockOps(false);
      const fused = batchStats(model);
      expect(fused.length).toBe(stock.length);
      fused.forEach((values, i) => expectClose(values, stock[i], 1e-5, `statistic ${i}`));
    });

    it.each(ablations)('gives the stock path’s captures and gradients with %s', (_, ablation) => {
      const tensorsBefore = tf.memory().numTensors;
      useStockOps(true);
      const stockCaptures = captures(model, ablation);
      const stockGrads = gradients(model, ablation);
      useStockOps(false);
      const fusedCaptures = captures(model, ablation);
      const fusedGrads = gradients(model, ablation);
      fusedCaptures.forEach((values, i) => expectClose(values, stockCaptures[i], 1e-5, `capture ${i}`));
      expect(Object.keys(fusedGrads).sort()).toEqual(Object.keys(stockGrads).sort());
      expectClose(fusedGrads.loss, stockGrads.loss, 1e-5, 'loss');
      for (const name of Object.keys(stockGrads)) expectClose(fusedGrads[name], stockGrads[name], 1e-4, name);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    });
  });
});
