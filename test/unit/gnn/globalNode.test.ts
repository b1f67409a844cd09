/**
 * The paper's ZINC variants trained into a model (docs/METHOD.md §10.2): a GT with its own global node (atom type 28,
 * bond types 4 atom -> node and 5 node -> atom) against a float64 numpy forward
 * (scripts/fixtures/make_global_fixtures.py), on cpu and wasm; random bond types drawn once per molecule; scans see
 * both; config rules.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/data/graph';
import { batchGraphs } from '../../../src/data/graphBatch';
import { scanSplit } from '../../../src/engine/scan';
import { randomBondTypesPerGraph } from '../../../src/gnn/ablation';
import { DATASET_INPUTS, preset, validateConfig, type ModelConfig } from '../../../src/gnn/config';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { NODE_BACKENDS, useBackend } from '../helpers/backends';
import { randomZincGraph } from './helpers';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gnn/global.json', import.meta.url), 'utf8')) as {
  heads: number;
  headDim: number;
  layers: number;
  atoms: number[];
  bonds: [number, number, number][];
  clampedLogits: number;
  params: Record<string, { shape: number[]; values: number[] }>;
  captures: { edgeScore: number[]; nodeAttn: number[] }[];
  output: number[];
};
const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };

const globalConfig: ModelConfig = validateConfig({
  model: 'gt',
  dataset: 'zinc',
  layers: fixture.layers,
  heads: fixture.heads,
  hidden: fixture.heads * fixture.headDim,
  residual: true,
  readout: 'mean',
  dropout: 0,
  ebt: false,
  globalNode: true,
  seed: 0,
  training: { batchSize: 1, initLr: 1e-3, lrFactor: 0.5, patience: 1, minLr: 1e-6, maxEpochs: 1 },
});

const fixtureGraph: Graph = {
  numNodes: fixture.atoms.length,
  bondBegin: Int32Array.from(fixture.bonds.map((b) => b[0])),
  bondEnd: Int32Array.from(fixture.bonds.map((b) => b[1])),
  nodeFeatures: Int32Array.from(fixture.atoms),
  bondFeatures: Int32Array.from(fixture.bonds.map((b) => b[2])),
  nodeValues: new Float32Array(0),
  target: Float32Array.of(0),
  targetMask: Uint8Array.of(1),
};

function expectClose(actual: ArrayLike<number>, expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((want, i) =>
    expect(Math.abs(actual[i] - want), `${what}[${i}]: ${actual[i]} vs ${want}`).toBeLessThan(
      2e-4 * Math.max(1, Math.abs(want)),
    ),
  );
}

const outputs = (model: Model, graphs: Graph[]) =>
  tf.tidy(() => Array.from(forward(model, batchGraphs(graphs, spec)).output.dataSync()));

describe.each(NODE_BACKENDS)('GT trained with a global node, on %s', (backend) => {
  it('matches the numpy forward: node type 28, edges 4 and 5 after the bonds, mean over the virtual node too', async () => {
    await useBackend(backend);
    expect(fixture.clampedLogits).toBeGreaterThan(0);
    const model = createModel(globalConfig);
    expect(model.params.get('embedding_h.weight')!.shape).toEqual([29, 4]);
    expect(model.params.get('embedding_e.weight')!.shape).toEqual([6, 4]);
    for (const [name, variable] of model.params)
      variable.assign(tf.tensor(fixture.params[name].values, fixture.params[name].shape));
    tf.tidy(() => {
      const result = forward(model, batchGraphs([fixtureGraph], spec), { capture: true });
      expectClose(result.output.dataSync(), fixture.output, 'output');
      result.captures.forEach((c, layer) => {
        expectClose(c.edgeScore.dataSync(), fixture.captures[layer].edgeScore, `layer ${layer} edgeScore`);
        expectClose(c.nodeAttn.dataSync(), fixture.captures[layer].nodeAttn, `layer ${layer} nodeAttn`);
      });
    });
    // one graph alone or in a batch: the same prediction
    const others = [randomZincGraph(3, 6), randomZincGraph(4, 9)];
    const together = outputs(model, [others[0], fixtureGraph, others[1]]);
    expect(together[1]).toBeCloseTo(outputs(model, [fixtureGraph])[0], 5);
    disposeParams(model.params);
  });
});

describe('random bond types, once per molecule', () => {
  const graphs = [1, 2, 3, 4].map((s) => randomZincGraph(50 + s, 7 + s));
  const typesOf = (gs: Graph[], seed: number) => {
    const batch = randomBondTypesPerGraph(batchGraphs(gs, spec), 'zinc', seed);
    return gs.map((g, i) =>
      Array.from({ length: g.bondBegin.length }, (_, k) => {
        const bond = batch.bondOffset[i] + k;
        expect(batch.edgeFeatures[2 * bond]).toBe(batch.edgeFeatures[2 * bond + 1]); // both directions alike
        return batch.edgeFeatures[2 * bond];
      }),
    );
  };

  it('gives a molecule the same types whatever batch it sits in, different ones for another seed', () => {
    const together = typesOf(graphs, 41);
    const alone = graphs.map((g) => typesOf([g], 41)[0]);
    const reversed = typesOf([...graphs].reverse(), 41).reverse();
    expect(alone).toEqual(together);
    expect(reversed).toEqual(together);
    const all = together.flat();
    expect(new Set(all)).toEqual(new Set([1, 2, 3]));
    expect(all.some((t, i) => t !== graphs.flatMap((g) => Array.from(g.bondFeatures))[i])).toBe(true);
    expect(typesOf(graphs, 42).flat()).not.toEqual(all);
  });

  it('a model with randomBondTypes ignores the given bond types, and its scan reports the types it saw', async () => {
    await useBackend('wasm');
    const model = createModel(
      validateConfig({
        ...preset('small-gt-zinc', { seed: 3 }),
        layers: 2,
        hidden: 8,
        heads: 2,
        randomBondTypes: true,
      }),
    );
    const retyped = graphs.map((g) => ({ ...g, bondFeatures: g.bondFeatures.map((t) => 1 + (t % 3)) }));
    expect(outputs(model, retyped)).toEqual(outputs(model, graphs));
    const scan = await scanSplit(model, graphs, spec, { threshold: 2 });
    const seen = typesOf(graphs, 3).flatMap((types) => types.flatMap((t) => [t, t]));
    expect(Array.from(scan.bondTypeOfEdge)).toEqual(seen);
    disposeParams(model.params);
  });
});

describe('scans of a global-node model', () => {
  it('hold the virtual edges (types 4 and 5) after each batch’s bonds, flagged', async () => {
    await useBackend('wasm');
    const model = createModel(
      validateConfig({ ...preset('small-gt-zinc', { seed: 5 }), layers: 2, hidden: 8, heads: 2, globalNode: true }),
    );
    const graphs = [randomZincGraph(7, 5), randomZincGraph(8, 6), randomZincGraph(9, 4)];
    const scan = await scanSplit(model, graphs, spec, { threshold: 2, batchSize: 2 });
    const bonds = graphs.map((g) => g.bondBegin.length);
    expect(scan.edges).toBe(graphs.reduce((n, g, i) => n + 2 * bonds[i] + 2 * g.numNodes, 0));
    // batch 1: graphs 0 and 1; batch 2: graph 2
    const firstBonds = 2 * (bonds[0] + bonds[1]);
    const firstVirtual = 2 * (graphs[0].numNodes + graphs[1].numNodes);
    expect(Array.from(scan.virtualEdge.subarray(0, firstBonds)).every((v) => v === 0)).toBe(true);
    expect(Array.from(scan.virtualEdge.subarray(firstBonds, firstBonds + firstVirtual)).every((v) => v === 1)).toBe(
      true,
    );
    expect(Array.from(scan.bondTypeOfEdge.subarray(firstBonds, firstBonds + 4))).toEqual([4, 5, 4, 5]);
    expect(scan.layers[0].rateByBondType!.map((r) => r.bondType)).toEqual(expect.arrayContaining([4, 5]));
    disposeParams(model.params);
  });

  it('is refused outside ZINC', () => {
    expect(() => validateConfig({ ...preset('paper-gt-tox21'), globalNode: true })).toThrow(/ZINC variants/);
    expect(() => validateConfig({ ...preset('paper-san-tox21'), randomBondTypes: true })).toThrow(/ZINC variants/);
  });
});
