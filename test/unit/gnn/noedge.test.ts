/**
 * NoEdge GT (docs/METHOD.md §10.2): a 2-layer model against a float64 numpy forward written from the method notes
 * (scripts/fixtures/make_noedge_fixtures.py), on cpu and wasm, with logits past the ±5 clamp; its parameters are
 * exactly the node-only ones; bond types do not matter; it trains; and the config rules.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/data/graph';
import { batchGraphs } from '../../../src/data/graphBatch';
import { DATASET_INPUTS, PRESET_NAMES, preset, validateConfig } from '../../../src/gnn/config';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { createOptimizer, trainStep } from '../../../src/gnn/train';
import { NODE_BACKENDS, useBackend } from '../helpers/backends';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gnn/noedge.json', import.meta.url), 'utf8')) as {
  heads: number;
  headDim: number;
  layers: number;
  atoms: number[];
  bonds: [number, number][];
  clampedLogits: number;
  params: Record<string, { shape: number[]; values: number[] }>;
  captures: { edgeScore: number[]; nodeAttn: number[]; attention: number[] }[];
  output: number[];
};
const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };

const config = validateConfig({
  model: 'gt',
  dataset: 'zinc',
  layers: fixture.layers,
  heads: fixture.heads,
  hidden: fixture.heads * fixture.headDim,
  residual: true,
  readout: 'mean',
  dropout: 0,
  ebt: false,
  noEdge: true,
  seed: 0,
  training: { batchSize: 1, initLr: 1e-3, lrFactor: 0.5, patience: 1, minLr: 1e-6, maxEpochs: 1 },
});

const graph = (bondType = 1): Graph => ({
  numNodes: fixture.atoms.length,
  bondBegin: Int32Array.from(fixture.bonds.map((b) => b[0])),
  bondEnd: Int32Array.from(fixture.bonds.map((b) => b[1])),
  nodeFeatures: Int32Array.from(fixture.atoms),
  bondFeatures: Int32Array.from(fixture.bonds, (_, k) => (bondType === 0 ? 1 + (k % 3) : bondType)),
  nodeValues: new Float32Array(0),
  target: Float32Array.of(0.5),
  targetMask: Uint8Array.of(1),
});

function fixtureModel(): Model {
  const model = createModel(config);
  for (const [name, variable] of model.params)
    variable.assign(tf.tensor(fixture.params[name].values, fixture.params[name].shape as number[]));
  return model;
}

function expectClose(actual: ArrayLike<number>, expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((want, i) =>
    expect(Math.abs(actual[i] - want), `${what}[${i}]: ${actual[i]} vs ${want}`).toBeLessThan(
      2e-4 * Math.max(1, Math.abs(want)),
    ),
  );
}

describe.each(NODE_BACKENDS)('NoEdge GT on %s', (backend) => {
  it('has only node-side parameters and matches the numpy forward, clamp included', async () => {
    await useBackend(backend);
    expect(fixture.clampedLogits).toBeGreaterThan(0);
    const model = fixtureModel();
    expect([...model.params.keys()].filter((n) => !n.includes('running_')).sort()).toEqual(
      Object.keys(fixture.params)
        .filter((n) => !n.includes('running_'))
        .sort(),
    );
    expect([...model.params.keys()].some((n) => /embedding_e|proj_e|_e\b|_e_|O_e/.test(n))).toBe(false);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const result = forward(model, batchGraphs([graph()], spec), { capture: true });
      expectClose(result.output.dataSync(), fixture.output, 'output');
      result.captures.forEach((c, layer) => {
        expectClose(c.edgeScore.dataSync(), fixture.captures[layer].edgeScore, `layer ${layer} edgeScore`);
        expectClose(c.nodeAttn.dataSync(), fixture.captures[layer].nodeAttn, `layer ${layer} nodeAttn`);
        expectClose(c.attention.dataSync(), fixture.captures[layer].attention, `layer ${layer} attention`);
      });
    });
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(model.params);
  });

  it('ignores bond types, and a training step moves its attention weights', async () => {
    await useBackend(backend);
    // a fresh 16-wide model: the fixture's 4-wide readout has a single ReLU unit, which may be dead
    const model = createModel(
      validateConfig({ ...preset('small-gt-zinc-noedge', { seed: 9 }), layers: 2, hidden: 16, heads: 4 }),
    );
    const out = (g: Graph) => tf.tidy(() => Array.from(forward(model, batchGraphs([g], spec)).output.dataSync()));
    expect(out(graph(0))).toEqual(out(graph(2)));
    const watched = ['layers.0.attention.Q.weight', 'layers.0.attention.K.weight', 'layers.1.attention.V.weight'];
    const old = watched.map((n) => Array.from(model.params.get(n)!.dataSync()));
    const optimizer = createOptimizer(1e-2);
    const loss = await trainStep(
      model,
      optimizer,
      [...model.params.values()].filter((v) => v.trainable),
      [graph(), graph(3)],
      spec,
      0,
    );
    optimizer.dispose();
    expect(Number.isFinite(loss)).toBe(true);
    watched.forEach((n, i) => expect(Array.from(model.params.get(n)!.dataSync()), n).not.toEqual(old[i]));
    disposeParams(model.params);
  });
});

describe('NoEdge config', () => {
  it('comes as <gt preset>-noedge and only for GT without EBT', () => {
    expect(PRESET_NAMES).toContain('paper-gt-zinc-noedge');
    expect(PRESET_NAMES).not.toContain('paper-san-zinc-noedge');
    expect(preset('paper-gt-zinc-noedge')).toEqual({ ...preset('paper-gt-zinc'), noEdge: true });
    expect('noEdge' in preset('paper-gt-zinc')).toBe(false);
    expect(() => preset('paper-gt-zinc-noedge', { ebt: true })).toThrow(/needs model gt without EBT/);
    expect(() => validateConfig({ ...preset('paper-san-zinc'), noEdge: true })).toThrow(/noEdge/);
  });
});
