/**
 * A GT (with EBT) and a SAN model run by the worker on WebGPU match the same seeded models on Node's cpu within
 * 1e-4, captures included, and repeated forwards do not grow the worker's tensor count.
 */
import type { Browser, Page } from 'playwright-core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '../../src/data/graph';
import { batchGraphs } from '../../src/data/graphBatch';
import type { Engine } from '../../src/engine/api';
import { DATASET_INPUTS, preset, type ModelConfig } from '../../src/gnn/config';
import { createModel, forwardTidy } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { train } from '../../src/gnn/train';
import { useBackend } from '../unit/helpers/backends';
import { randomZincGraph } from '../unit/gnn/helpers';
import { launchChromium } from './helpers/browser';
import { firstColoredMolecule } from './helpers/interactions';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };
const graphs = [randomZincGraph(21, 7), randomZincGraph(22, 5)];
/** TOX21-style graphs: 9 OGB atom columns (more inputs than one WebGPU AddN pass takes) and 3 bond columns. */
const tox21Spec = {
  ...DATASET_INPUTS.tox21,
  nodeVocab: [...DATASET_INPUTS.tox21.nodeVocab],
  edgeVocab: [...DATASET_INPUTS.tox21.edgeVocab],
};
const tox21Graphs = graphs.map((g, n) => ({
  ...g,
  nodeFeatures: Int32Array.from({ length: g.numNodes * 9 }, (_, i) => (7 * i + n) % tox21Spec.nodeVocab[i % 9]),
  bondFeatures: Int32Array.from({ length: g.bondBegin.length * 3 }, (_, i) => (5 * i + n) % tox21Spec.edgeVocab[i % 3]),
  target: new Float32Array(12).fill(1),
  targetMask: new Uint8Array(12).fill(1),
}));
const configs: ModelConfig[] = [
  { ...preset('small-gt-zinc', { ebt: true, seed: 5 }), layers: 3, hidden: 16, heads: 4 },
  { ...preset('small-san-zinc', { seed: 6 }), layers: 2, hidden: 16, heads: 4 },
  { ...preset('small-graphit-tox21', { seed: 7 }), layers: 2, hidden: 16, heads: 4 },
];
const inputsFor = (config: ModelConfig) =>
  config.dataset === 'tox21' ? { graphs: tox21Graphs, spec: tox21Spec } : { graphs, spec };
const ablation = { removeBonds: [2], features: [{ mode: 'zero' as const, layers: [1], dims: [3] }] };

type Plain = { output: number[]; edgeScore: number[][]; attention: number[][] };

async function onCpu(config: ModelConfig): Promise<Plain> {
  await useBackend('cpu');
  const model = createModel(config);
  const inputs = inputsFor(config);
  const result = forwardTidy(model, batchGraphs(inputs.graphs, inputs.spec), { capture: true, ablation });
  const plain = {
    output: Array.from(result.output.dataSync()),
    edgeScore: result.captures.map((c) => Array.from(c.edgeScore.dataSync())),
    attention: result.captures.map((c) => Array.from(c.attention.dataSync())),
  };
  tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
  disposeParams(model.params);
  return plain;
}

const toPlainGraph = (g: Graph) =>
  Object.fromEntries(Object.entries(g).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v)]));

function inPage(page: Page, config: ModelConfig) {
  return page.evaluate(
    async ({ config, plainGraphs, spec, ablation }) => {
      const { engine } = (window as unknown as { maExplorer: { engine: Engine } }).maExplorer;
      const graphs = plainGraphs.map((g) => ({
        numNodes: g.numNodes as number,
        bondBegin: Int32Array.from(g.bondBegin as number[]),
        bondEnd: Int32Array.from(g.bondEnd as number[]),
        nodeFeatures: Int32Array.from(g.nodeFeatures as number[]),
        bondFeatures: Int32Array.from(g.bondFeatures as number[]),
        nodeValues: Float32Array.from(g.nodeValues as number[]),
        target: Float32Array.from(g.target as number[]),
        targetMask: Uint8Array.from(g.targetMask as number[]),
      }));
      const modelId = await engine.createModel(config);
      const run = () => engine.forward({ modelId, graphs, spec, capture: true, ablation });
      const first = await run();
      const second = await run();
      await engine.disposeModel(modelId);
      return {
        backend: first.backend,
        tensorsStable: first.numTensors === second.numTensors,
        output: Array.from(first.output),
        edgeScore: first.layers.map((l) => Array.from(l.edgeScore)),
        attention: first.layers.map((l) => Array.from(l.attention)),
      };
    },
    { config, plainGraphs: inputsFor(config).graphs.map(toPlainGraph), spec: inputsFor(config).spec, ablation },
  );
}

function expectClose(actual: number[], expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((want, i) =>
    expect(Math.abs(actual[i] - want), `${what}[${i}]: ${actual[i]} vs ${want}`).toBeLessThan(
      1e-4 * Math.max(1, Math.abs(want)),
    ),
  );
}

/** The toy task of the unit tests: 4 x the share of double bonds. */
const toyGraphs = (count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => {
    const g = randomZincGraph(seed + i, 5 + (i % 5));
    return {
      ...g,
      target: Float32Array.of((4 * g.bondFeatures.filter((t) => t === 2).length) / g.bondFeatures.length),
    };
  });
const trainConfig: ModelConfig = {
  ...preset('small-gt-zinc', { seed: 9 }),
  layers: 2,
  hidden: 16,
  heads: 4,
  training: { batchSize: 16, initLr: 3e-3, lrFactor: 0.5, patience: 5, minLr: 1e-6, maxEpochs: 3 },
};

describe('models in the worker on WebGPU', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
    page = await browser.newPage();
    await page.goto(`${inject('baseUrl')}#v=1`); // a link: the defaults, not the first view
    await page.waitForFunction(
      () => document.querySelector('[data-testid=backend-badge]')?.textContent === 'webgpu',
      null,
      {
        timeout: 60_000,
      },
    );
    // The explorer's own start-up (checkpoint load, first analysis) must be over, or its tensors race the counts.
    await firstColoredMolecule(page);
  });
  afterAll(() => browser?.close());

  it.each(configs.map((c) => [c.model, c] as const))(
    '%s forward with captures and ablations matches cpu within 1e-4',
    async (_name, config) => {
      const gpu = await inPage(page, config);
      const cpu = await onCpu(config);
      expect(gpu.backend).toBe('webgpu');
      expect(gpu.tensorsStable).toBe(true);
      expectClose(gpu.output, cpu.output, 'output');
      cpu.edgeScore.forEach((layer, i) => expectClose(gpu.edgeScore[i], layer, `edgeScore layer ${i}`));
      cpu.attention.forEach((layer, i) => expectClose(gpu.attention[i], layer, `attention layer ${i}`));
    },
  );

  it('trains a small GT for 3 epochs on WebGPU with the same losses as on cpu', async () => {
    const [trainSet, valSet] = [toyGraphs(32, 1), toyGraphs(8, 100)];
    const gpu = await page.evaluate(
      async ({ config, plainTrain, plainVal, spec }) => {
        const { engine } = (window as unknown as { maExplorer: { engine: Engine } }).maExplorer;
        const revive = (g: Record<string, unknown>) => ({
          numNodes: g.numNodes as number,
          bondBegin: Int32Array.from(g.bondBegin as number[]),
          bondEnd: Int32Array.from(g.bondEnd as number[]),
          nodeFeatures: Int32Array.from(g.nodeFeatures as number[]),
          bondFeatures: Int32Array.from(g.bondFeatures as number[]),
          nodeValues: Float32Array.from(g.nodeValues as number[]),
          target: Float32Array.from(g.target as number[]),
          targetMask: Uint8Array.from(g.targetMask as number[]),
        });
        const modelId = await engine.createModel(config);
        const summary = await engine.trainModel({
          modelId,
          train: plainTrain.map(revive),
          val: plainVal.map(revive),
          spec,
        });
        await engine.disposeModel(modelId);
        return { backend: (await engine.info()).name, summary };
      },
      { config: trainConfig, plainTrain: trainSet.map(toPlainGraph), plainVal: valSet.map(toPlainGraph), spec },
    );
    await useBackend('cpu');
    const model = createModel(trainConfig);
    const cpu = await train(model, { train: trainSet, val: valSet, spec });
    disposeParams(model.params);
    expect(gpu.backend).toBe('webgpu');
    expect(gpu.summary.stopReason).toBe('max-epochs');
    expect(gpu.summary.history).toHaveLength(3);
    expect(gpu.summary.history[2].valLoss).toBeLessThan(gpu.summary.history[0].valLoss);
    gpu.summary.history.forEach((record, i) => {
      expect(Math.abs(record.trainLoss - cpu.history[i].trainLoss)).toBeLessThan(
        1e-3 * Math.max(1, cpu.history[i].trainLoss),
      );
      expect(Math.abs(record.valLoss - cpu.history[i].valLoss)).toBeLessThan(
        1e-3 * Math.max(1, cpu.history[i].valLoss),
      );
    });
  });
});
