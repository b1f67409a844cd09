/** Attribution methods: exact identities, completeness, and a task whose important bond is known. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/data/graph';
import { batchGraphs } from '../../../src/data/graphBatch';
import { attributeMolecule } from '../../../src/explain/attribution';
import type { Ablation } from '../../../src/gnn/ablation';
import { DATASET_INPUTS, preset, type ModelConfig } from '../../../src/gnn/config';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { useBackend } from '../helpers/backends';
import { randomZincGraph, withoutBond } from '../gnn/helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };
const predict = (model: Model, graph: Graph, ablation?: Ablation) =>
  tf.tidy(() => forward(model, batchGraphs([graph], spec), { ablation }).output.dataSync()[0]);

describe('attribution identities on an untrained GT with EBT (cpu)', () => {
  let model: Model;
  const graph = randomZincGraph(31, 9);
  beforeAll(async () => {
    await useBackend('cpu');
    model = createModel({ ...preset('small-gt-zinc', { ebt: true, seed: 12 }), layers: 3, hidden: 16, heads: 4 });
  });
  afterAll(() => disposeParams(model.params));

  it('batched occlusion equals removing each bond one at a time', async () => {
    const result = await attributeMolecule(model, graph, spec, { steps: 4 });
    const full = predict(model, graph);
    expect(result.prediction).toBeCloseTo(full, 5);
    result.occlusion.forEach((value, k) => expect(value).toBeCloseTo(full - predict(model, withoutBond(graph, k)), 5));
  });

  it('computes one part alone: the same values, the other part NaN', async () => {
    const all = await attributeMolecule(model, graph, spec, { steps: 4 });
    const ablation = await attributeMolecule(model, graph, spec, { steps: 4, parts: ['ablation'] });
    const gradients = await attributeMolecule(model, graph, spec, { steps: 4, parts: ['gradients'] });
    expect(Array.from(ablation.occlusion)).toEqual(Array.from(all.occlusion));
    expect(Array.from(gradients.integratedGradients)).toEqual(Array.from(all.integratedGradients));
    expect(Array.from(gradients.nodeGradInput)).toEqual(Array.from(all.nodeGradInput));
    expect(ablation.integratedGradients.every(Number.isNaN)).toBe(true);
    expect(ablation.nodeIntegratedGradients.every(Number.isNaN)).toBe(true);
    expect(gradients.occlusion.every(Number.isNaN)).toBe(true);
    expect(gradients.prediction).toBeCloseTo(all.prediction, 5);
  });

  it("MA ablation of bond k equals ablating that bond's edges on their own", async () => {
    const threshold = 2.5;
    const result = await attributeMolecule(model, graph, spec, { steps: 4, threshold });
    const full = predict(model, graph);
    result.maAblation.forEach((value, k) => {
      const alone = predict(model, graph, { features: [{ mode: 'zero', threshold, edges: [2 * k, 2 * k + 1] }] });
      expect(value).toBeCloseTo(full - alone, 5);
    });
    expect(Math.max(...Array.from(result.maAblation, Math.abs))).toBeGreaterThan(0);
  });

  it('integrated gradients add up to f(input) - f(zero baseline) within 1%, for bonds and for atoms', async () => {
    const result = await attributeMolecule(model, graph, spec, { steps: 64 });
    const edgeSum = result.integratedGradients.reduce((a, b) => a + b, 0);
    const nodeSum = result.nodeIntegratedGradients.reduce((a, b) => a + b, 0);
    expect(Math.abs(result.edgeBaselineGap)).toBeGreaterThan(1e-3);
    expect(Math.abs(edgeSum - result.edgeBaselineGap)).toBeLessThan(0.01 * Math.abs(result.edgeBaselineGap));
    expect(Math.abs(nodeSum - result.nodeBaselineGap)).toBeLessThan(0.01 * Math.abs(result.nodeBaselineGap));
    expect(result.nodeGradInput).toHaveLength(graph.numNodes);
  });

  it('under a base ablation (removed bond, one bond ablated, random types) equals direct ablated forwards', async () => {
    const base: Ablation = {
      removeBonds: [2],
      features: [{ mode: 'zero', dims: [1, 5], edges: [0, 1] }],
      randomizeBondTypes: { seed: 4 },
    };
    const result = await attributeMolecule(model, graph, spec, { steps: 64, baseAblation: base });
    const ablated = predict(model, graph, base);
    expect(result.prediction).toBeCloseTo(ablated, 5);
    result.occlusion.forEach((value, k) => {
      if (k === 2) return expect(value).toBeCloseTo(0, 6); // already removed
      const without = predict(model, graph, { ...base, removeBonds: [2, k] });
      expect(value).toBeCloseTo(ablated - without, 5);
    });
    const sum = result.integratedGradients.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - result.edgeBaselineGap)).toBeLessThan(0.01 * Math.abs(result.edgeBaselineGap));
  });

  it('is deterministic and leaks no tensors', async () => {
    const first = await attributeMolecule(model, graph, spec, { steps: 8 });
    const before = tf.memory().numTensors;
    const second = await attributeMolecule(model, graph, spec, { steps: 8 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(second.integratedGradients)).toEqual(Array.from(first.integratedGradients));
    expect(Array.from(second.gradInput)).toEqual(Array.from(first.gradInput));
  });
});

/**
 * A 1-layer SAN whose weights are set by hand so that only the triple bond can matter (D = 4, one head):
 * atom type 0 embeds to x0, type 1 to x1; single and double bonds embed to zero, the triple bond to x2;
 * K and Q map both atom types to 2·x2 and E maps x2 to 1.5·x2, so a triple edge has s = (0, 0, 3, 0) (logit 3,
 * inside the ±5 clamp) and every other edge s = 0 (weight 1); V maps type 1 to x3 and type 0 to 0; O_h is the
 * identity; the FFN keeps dimension 3 only at type-1 atoms (relu(a3 - 10·[type 0]) added, a3 subtracted); the
 * readout sums dimension 3. Type-1 atoms sit exactly at the ends of the triple bond, so the output is
 * sum over its two ends of w / (w + their other bonds), w = e^3: the triple bond carries almost all of it, single
 * bonds at its ends a little, every other bond nothing.
 */
function tripleBondModel(): Model {
  const config: ModelConfig = {
    ...preset('small-san-zinc'),
    layers: 1,
    hidden: 4,
    heads: 1,
    residual: true,
    readout: 'sum',
  };
  const model = createModel(config);
  const set = (name: string, rows: number[][]) => model.params.get(name)!.assign(tf.tensor2d(rows));
  for (const variable of model.params.values())
    if (!variable.name.includes('batch_norm')) variable.assign(tf.zerosLike(variable));
  const zeros = (n: number, width = 4) => Array.from({ length: n }, () => new Array<number>(width).fill(0));
  const embedding = zeros(28);
  [embedding[0][0], embedding[1][1]] = [1, 1];
  set('embedding_h.weight', embedding);
  const bonds = zeros(4);
  bonds[3][2] = 1;
  set('embedding_e.weight', bonds);
  const keyQuery = zeros(4);
  keyQuery[0][2] = keyQuery[1][2] = 2;
  set('layers.0.attention.K.weight', keyQuery);
  set('layers.0.attention.Q.weight', keyQuery);
  const edgeProjection = zeros(4);
  edgeProjection[2][2] = 1.5;
  set('layers.0.attention.E.weight', edgeProjection);
  const value = zeros(4);
  value[1][3] = 1;
  set('layers.0.attention.V.weight', value);
  set(
    'layers.0.O_h.weight',
    [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0))),
  );
  set('MLP_layer.FC_layers.0.weight', [
    [0, 0],
    [0, 0],
    [0, 0],
    [1, 0],
  ]);
  set('MLP_layer.FC_layers.1.weight', [[1], [0]]);
  set('MLP_layer.FC_layers.2.weight', [[1]]);
  return model;
}

/** A random molecule whose bond k is the only triple bond, with atom type 1 exactly at its two ends. */
function withTripleBond(seed: number, numNodes: number): Graph {
  const g = randomZincGraph(seed, numNodes);
  const k = seed % g.bondBegin.length;
  const bondFeatures = Int32Array.from(g.bondFeatures, (t, i) => (i === k ? 3 : 1 + (t % 2)));
  const nodeFeatures = Int32Array.from({ length: numNodes }, (_, atom) =>
    atom === g.bondBegin[k] || atom === g.bondEnd[k] ? 1 : 0,
  );
  return { ...g, bondFeatures, nodeFeatures };
}

describe('a SAN built so that only the triple bond matters (cpu)', () => {
  let model: Model;
  beforeAll(async () => {
    await useBackend('cpu');
    model = tripleBondModel();
  });
  afterAll(() => disposeParams(model.params));

  it('ranks the triple bond first with every method', async () => {
    for (const [seed, atoms] of [
      [3, 6],
      [8, 9],
      [13, 7],
      [21, 11],
      [34, 8],
    ]) {
      const graph = withTripleBond(seed, atoms);
      const triple = graph.bondFeatures.indexOf(3);
      const result = await attributeMolecule(model, graph, spec, { steps: 32 });
      expect(result.prediction).toBeGreaterThan(1);
      for (const method of ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'] as const) {
        const magnitudes = Array.from(result[method], Math.abs);
        expect(
          magnitudes.indexOf(Math.max(...magnitudes)),
          `${method}, molecule ${seed}: ${magnitudes.map((m) => m.toFixed(3))}`,
        ).toBe(triple);
        expect(magnitudes[triple]).toBeGreaterThan(0.1);
      }
    }
  });
});
