/** Whole-model properties: invariances, batching, ablation semantics, gradients, and no leaked tensors. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import { DATASET_INPUTS, preset, type ModelConfig } from '../../../src/gnn/config';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { useBackend } from '../helpers/backends';
import { randomZincGraph, relabel, withoutBond } from './helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };
const smallConfig = (model: ModelConfig['model'], ebt = false): ModelConfig => ({
  ...preset(`small-${model}-zinc`, { ebt, seed: 7 }),
  layers: 3,
  hidden: 16,
  heads: 4,
});

function run(model: Model, graphs: ReturnType<typeof randomZincGraph>[], options: Parameters<typeof forward>[2] = {}) {
  return tf.tidy(() => {
    const result = forward(model, batchGraphs(graphs, spec), { capture: true, ...options });
    return {
      output: Array.from(result.output.dataSync()),
      edgeScore: result.captures.map((c) => Array.from(c.edgeScore.dataSync())),
      attention: result.captures.map((c) => Array.from(c.attention.dataSync())),
    };
  });
}

const closeArrays = (a: number[], b: number[], tolerance = 1e-4) => {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) =>
    expect(Math.abs(x - b[i]), `index ${i}: ${x} vs ${b[i]}`).toBeLessThan(tolerance * Math.max(1, Math.abs(b[i]))),
  );
};

describe.each([
  ['gt', false],
  ['gt', true],
  ['san', false],
  ['graphit', true],
] as const)('%s model (ebt %s) on wasm', (kind, ebt) => {
  let model: Model;
  beforeAll(async () => {
    await useBackend('wasm');
    model = createModel(smallConfig(kind, ebt));
  });
  afterAll(() => disposeParams(model.params));

  const graphs = [randomZincGraph(1, 9), randomZincGraph(2, 6), randomZincGraph(3, 11)];

  it('gives the same outputs for a batch as for each graph alone', () => {
    const together = run(model, graphs).output;
    const alone = graphs.flatMap((g) => run(model, [g]).output);
    closeArrays(together, alone);
  });

  it('is invariant to atom relabelling, and its captures follow the bonds', () => {
    const perm = [4, 0, 7, 2, 8, 1, 3, 6, 5];
    const original = run(model, [graphs[0]]);
    const relabelled = run(model, [relabel(graphs[0], perm)]);
    closeArrays(relabelled.output, original.output);
    // Bonds keep their order, so edge rows keep theirs; only which end is begin may not change.
    closeArrays(relabelled.edgeScore[2], original.edgeScore[2]);
    closeArrays(relabelled.attention[1], original.attention[1]);
  });

  it('removing a bond equals running the graph without it', () => {
    const ablated = run(model, [graphs[0]], { ablation: { removeBonds: [3] } }).output;
    const removed = run(model, [withoutBond(graphs[0], 3)]).output;
    closeArrays(ablated, removed);
    expect(Math.abs(ablated[0] - run(model, [graphs[0]]).output[0])).toBeGreaterThan(1e-6);
  });

  it('keeps the tensor count flat over 100 forwards with capture and ablations', () => {
    const ablation = {
      removeBonds: [1],
      features: [{ mode: 'median' as const, threshold: 2 }],
      randomizeBondTypes: { seed: 3 },
      globalNode: true,
    };
    run(model, graphs, { ablation });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) run(model, graphs, { ablation });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ablations', () => {
  let model: Model;
  beforeAll(async () => {
    await useBackend('cpu');
    model = createModel(smallConfig('gt'));
  });
  afterAll(() => disposeParams(model.params));
  const graph = randomZincGraph(5, 7);

  it('zeroes exactly the chosen dims of the chosen edges at the chosen layer', () => {
    const base = run(model, [graph]);
    const ablated = run(model, [graph], {
      ablation: { features: [{ mode: 'zero', layers: [1], edges: [2, 5], dims: [0, 7] }] },
    });
    const D = 16;
    closeArrays(ablated.edgeScore[0], base.edgeScore[0]); // layer 0 untouched
    ablated.edgeScore[1].forEach((value, i) => {
      const [edge, dim] = [Math.floor(i / D), i % D];
      if ((edge === 2 || edge === 5) && (dim === 0 || dim === 7)) expect(value).toBe(0);
      else expect(value).toBeCloseTo(base.edgeScore[1][i], 5);
    });
    expect(ablated.output[0]).not.toBeCloseTo(base.output[0], 6);
  });

  it('median-replaces only features above the threshold, keeping their sign', () => {
    const threshold = 3;
    const base = run(model, [graph]);
    const ablated = run(model, [graph], { ablation: { features: [{ mode: 'median', layers: [0], threshold }] } });
    const D = 16;
    let replaced = 0;
    for (let edge = 0; edge < base.edgeScore[0].length / D; edge++) {
      const row = base.edgeScore[0].slice(edge * D, (edge + 1) * D);
      const sorted = row.map(Math.abs).sort((a, b) => a - b);
      const median = (sorted[D / 2 - 1] + sorted[D / 2]) / 2;
      row.forEach((x, t) => {
        const got = ablated.edgeScore[0][edge * D + t];
        if (Math.abs(x) > threshold * median) {
          replaced++;
          expect(got).toBeCloseTo(Math.sign(x) * median, 4);
        } else expect(got).toBeCloseTo(x, 5);
      });
    }
    expect(replaced).toBeGreaterThan(0);
  });

  it('randomises bond types reproducibly from a seed', () => {
    const a = run(model, [graph], { ablation: { randomizeBondTypes: { seed: 1 } } }).output;
    const b = run(model, [graph], { ablation: { randomizeBondTypes: { seed: 1 } } }).output;
    const c = run(model, [graph], { ablation: { randomizeBondTypes: { seed: 2 } } }).output;
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(c[0]);
  });

  it('adds one global node per graph with edges to and from every atom', () => {
    const graphs = [graph, randomZincGraph(6, 4)];
    const result = run(model, graphs, { ablation: { globalNode: true } });
    const originalEdges = 2 * (graph.bondBegin.length + graphs[1].bondBegin.length);
    const atoms = graph.numNodes + graphs[1].numNodes;
    expect(result.attention[0].length).toBe((originalEdges + 2 * atoms) * 4);
    expect(result.output.length).toBe(2);
  });
});

describe('gradients', () => {
  it('match central finite differences for a few parameters of a small GT with EBT (cpu)', async () => {
    await useBackend('cpu');
    const model = createModel({ ...smallConfig('gt', true), layers: 2, hidden: 8, heads: 2 });
    const batch = batchGraphs([randomZincGraph(11, 6), randomZincGraph(12, 5)], spec);
    const loss = () => tf.tidy(() => tf.mean(tf.square(forward(model, batch).output)) as tf.Scalar);
    const names = [
      'layers.0.attention.Q.weight',
      'layers.0.attention.k_bias',
      'layers.1.O_h.bias',
      'embedding_e.weight',
    ];
    const variables = names.map((n) => model.params.get(n)!);
    const { grads } = tf.variableGrads(loss, variables);
    for (const variable of variables) {
      const analytic = grads[variable.name].dataSync();
      const values = variable.dataSync().slice();
      for (const i of [0, 3, values.length - 1]) {
        const at = (delta: number) => {
          const copy = values.slice();
          copy[i] += delta;
          variable.assign(tf.tensor(copy, variable.shape));
          return loss().dataSync()[0];
        };
        const h = 1e-2;
        const numeric = (at(h) - at(-h)) / (2 * h);
        variable.assign(tf.tensor(values, variable.shape));
        expect(Math.abs(analytic[i] - numeric), `${variable.name}[${i}]`).toBeLessThan(
          5e-3 * Math.max(1, Math.abs(numeric)),
        );
      }
    }
    tf.dispose(Object.values(grads));
    disposeParams(model.params);
  });
});
