import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import type { Graph } from '../../../src/data/graph';
import { faithfulness, topKBonds } from '../../../src/explain/faithfulness';
import { redistribution } from '../../../src/explain/redistribution';
import { averageRanks, spearman } from '../../../src/explain/spearman';
import { DATASET_INPUTS, preset } from '../../../src/gnn/config';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { useBackend } from '../helpers/backends';
import { randomZincGraph, withoutBond } from '../gnn/helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };

describe('spearman', () => {
  const cases = JSON.parse(readFileSync(new URL('../../fixtures/explain/spearman.json', import.meta.url), 'utf8')) as {
    x: number[];
    y: number[];
    rho: number | null;
  }[];
  it.each(cases.map((c, i) => [i, c] as const))('matches scipy.stats.spearmanr on case %i', (_i, c) => {
    const rho = spearman(c.x, c.y);
    if (c.rho === null) expect(rho).toBeNaN();
    else expect(rho).toBeCloseTo(c.rho, 12);
  });
  it('gives tied values their average rank', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30]))).toEqual([1.5, 3, 1.5, 4]);
  });
});

describe('topKBonds', () => {
  it('ranks by magnitude, ties by index', () => {
    expect(topKBonds([0.1, -0.9, 0.5, 0.9, 0], 3)).toEqual([1, 3, 2]);
    expect(topKBonds([1, 2], 5)).toEqual([1, 0]);
  });
});

describe('faithfulness and redistribution on an untrained GT (cpu)', () => {
  let model: Model;
  const graph = randomZincGraph(41, 8);
  beforeAll(async () => {
    await useBackend('cpu');
    model = createModel({ ...preset('small-gt-zinc', { seed: 3 }), layers: 2, hidden: 16, heads: 4 });
  });
  afterAll(() => disposeParams(model.params));
  const predict = (g: Graph) => tf.tidy(() => forward(model, batchGraphs([g], spec)).output.dataSync()[0]);

  it('fidelity+ is |f(G) - f(G without S)|, fidelity- is |f(G) - f(S only)|, sparsity 1 - |S|/|bonds|', async () => {
    const chosen = [1, 4];
    const result = await faithfulness(model, graph, spec, chosen);
    let without = graph;
    for (const k of [4, 1]) without = withoutBond(without, k);
    let only = graph;
    for (let k = graph.bondBegin.length - 1; k >= 0; k--) if (!chosen.includes(k)) only = withoutBond(only, k);
    expect(result.fidelityPlus).toBeCloseTo(Math.abs(predict(graph) - predict(without)), 5);
    expect(result.fidelityMinus).toBeCloseTo(Math.abs(predict(graph) - predict(only)), 5);
    expect(result.sparsity).toBeCloseTo(1 - 2 / graph.bondBegin.length, 10);
  });

  it('builds a share table per bond type whose shares sum to 1 per method, before and after ablation', async () => {
    const graphs = [graph, randomZincGraph(42, 6), randomZincGraph(43, 9)];
    const progress: number[] = [];
    const table = await redistribution(model, graphs, spec, {
      threshold: 3,
      steps: 4,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([1, 2, 3]);
    expect(table.rows.map((r) => r.bondType)).toEqual(
      [...new Set(graphs.flatMap((g) => Array.from(g.bondFeatures)))].sort(),
    );
    expect(table.rows.reduce((n, r) => n + r.bonds, 0)).toBe(graphs.reduce((n, g) => n + g.bondBegin.length, 0));
    for (const method of ['occlusion', 'gradInput', 'integratedGradients', 'maAblation'] as const) {
      expect(table.rows.reduce((s, r) => s + r.before[method], 0)).toBeCloseTo(1, 10);
      if (method !== 'maAblation')
        expect(table.rows.reduce((s, r) => s + (r.after[method] ?? 0), 0)).toBeCloseTo(1, 10);
    }
    // with a threshold of 3 some features are massive, so ablating them moves attribution
    expect(table.rows.some((r) => Math.abs(r.before.occlusion - (r.after.occlusion ?? 0)) > 1e-4)).toBe(true);
    // a molecule counts only where its correlation is defined (neither side constant)
    expect(table.spearman.occlusion.molecules).toBeGreaterThanOrEqual(1);
    expect(table.spearman.occlusion.molecules).toBeLessThanOrEqual(3);
    expect(Math.abs(table.spearman.occlusion.perMoleculeMean)).toBeLessThanOrEqual(1);
    expect(Math.abs(table.spearman.occlusion.pooled)).toBeLessThanOrEqual(1);
    // the sparsity of a top-3 explanation, averaged over the molecules
    const expectedSparsity =
      graphs.reduce((s, g) => s + (1 - Math.min(3, g.bondBegin.length) / g.bondBegin.length), 0) / 3;
    expect(table.faithfulness.integratedGradients.sparsity).toBeCloseTo(expectedSparsity, 10);
    expect(table.faithfulness.occlusion.fidelityPlus).toBeGreaterThan(0);
  });
});
