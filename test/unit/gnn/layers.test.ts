/**
 * One GT / SAN / GraphiT layer on a 3-node, 4-edge graph against a float64 numpy reference written from docs/METHOD.md
 * (scripts/fixtures/make_gnn_fixtures.py), on cpu and wasm, with and without EBT; some logits hit the ±5 clamp.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig, type ModelConfig } from '../../../src/gnn/config';
import type { GraphTensors } from '../../../src/gnn/layers/edgeAttention';
import { graphitLayer } from '../../../src/gnn/layers/graphit';
import { gtLayer } from '../../../src/gnn/layers/gt';
import { sanLayer } from '../../../src/gnn/layers/san';
import type { Params } from '../../../src/gnn/params';
import { NODE_BACKENDS, useBackend } from '../helpers/backends';

interface Case {
  model: 'gt' | 'san';
  ebt: boolean;
  residual: boolean;
  clampedLogits: number;
  params: Record<string, { shape: number[]; values: number[] }>;
  h: number[];
  e: number[];
  edgeScore: number[];
  nodeAttn: number[];
  attention: number[];
  hOut: number[];
  eOut: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gnn/layers.json', import.meta.url), 'utf8')) as {
  numNodes: number;
  heads: number;
  headDim: number;
  src: number[];
  dst: number[];
  cases: Case[];
};

function configFor(c: Case, model: ModelConfig['model']): ModelConfig {
  return validateConfig({
    model,
    dataset: 'zinc',
    layers: 2,
    heads: fixture.heads,
    hidden: fixture.heads * fixture.headDim,
    residual: c.residual,
    readout: 'mean',
    dropout: 0,
    ebt: c.ebt,
    seed: 0,
    training: { batchSize: 1, initLr: 1e-3, lrFactor: 0.5, patience: 1, minLr: 1e-6, maxEpochs: 1 },
  });
}

function expectClose(actual: tf.Tensor, expected: number[], what: string) {
  const values = actual.dataSync();
  expect(values.length, what).toBe(expected.length);
  expected.forEach((want, i) => {
    // float32 against float64: relative 2e-4 on values of order 1-100.
    expect(Math.abs(values[i] - want), `${what}[${i}]: ${values[i]} vs ${want}`).toBeLessThan(
      2e-4 * Math.max(1, Math.abs(want)),
    );
  });
}

const layerCases = fixture.cases.flatMap((c) =>
  c.model === 'gt'
    ? [{ name: 'gt', layer: gtLayer, c }]
    : [
        { name: 'san', layer: sanLayer, c },
        { name: 'graphit', layer: graphitLayer, c },
      ],
);

describe.each(NODE_BACKENDS)('attention layers on %s', (backend) => {
  it.each(layerCases)(
    '$name layer (ebt $c.ebt, residual $c.residual) matches the numpy reference',
    async ({ name, layer, c }) => {
      await useBackend(backend);
      expect(c.clampedLogits).toBeGreaterThan(0);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const params: Params = new Map(
          Object.entries(c.params).map(([key, p]) => [
            key,
            tf.variable(tf.tensor(p.values, p.shape), true, `${backend}-${name}-${c.ebt}-${key}-${Math.random()}`),
          ]),
        );
        const E = fixture.src.length;
        const D = fixture.heads * fixture.headDim;
        const graph: GraphTensors = {
          numNodes: fixture.numNodes,
          src: tf.tensor1d(fixture.src, 'int32'),
          dst: tf.tensor1d(fixture.dst, 'int32'),
          edgeMask: null,
        };
        const state = { h: tf.tensor2d(c.h, [fixture.numNodes, D]), e: tf.tensor2d(c.e, [E, D]) };
        const context = { training: false, capture: true, dropoutSeed: 0, isLast: false };
        const out = layer(params, 0, configFor(c, name as ModelConfig['model']), state, graph, context);
        expectClose(out.capture.edgeScore, c.edgeScore, 'edgeScore');
        expectClose(out.capture.nodeAttn, c.nodeAttn, 'nodeAttn');
        expectClose(out.capture.attention!, c.attention, 'attention');
        expectClose(out.h, c.hOut, 'h');
        expectClose(out.e, c.eOut, 'e');
        for (const v of params.values()) v.dispose();
      });
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
