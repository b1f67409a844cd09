/**
 * ebtForm "paper" (docs/METHOD.md §5.2): in SAN/GraphiT with EBT the released code's exp(c) overwrites the attention
 * weights. Checked against the formula written out in double precision on a small batch: w = exp(clamp(q_i · k_b /
 * √d, ±5)) for every edge into i, h_att_i = w Σ_j (v_j + v_b) / (deg_i w + 1e-6), i.e. a uniform mean per
 * destination; K and E then do not touch the output and get no gradient. Plus the config rules.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGraphs } from '../../../src/data/graphBatch';
import { DATASET_INPUTS, preset, validateConfig, type ModelConfig } from '../../../src/gnn/config';
import { createModel, forward, type Model } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { createOptimizer, trainStep } from '../../../src/gnn/train';
import { useBackend } from '../helpers/backends';
import { randomZincGraph } from './helpers';

const spec = { ...DATASET_INPUTS.zinc, nodeVocab: [28], edgeVocab: [4] };
const graphs = [randomZincGraph(11, 7), randomZincGraph(12, 5), randomZincGraph(13, 9)];
const tiny = (model: 'san' | 'graphit', ebtForm?: 'paper'): ModelConfig =>
  validateConfig({ ...preset(`small-${model}-zinc`, { ebt: true, seed: 5, ebtForm }), layers: 2, hidden: 8, heads: 2 });

const values = (model: Model, name: string) => Float64Array.from(model.params.get(name)!.dataSync());

describe('ebtForm config rules', () => {
  it('is absent unless asked for, so older configs compare unchanged', () => {
    expect('ebtForm' in preset('paper-san-zinc', { ebt: true })).toBe(false);
    expect(preset('paper-san-zinc', { ebt: true, ebtForm: 'paper' }).ebtForm).toBe('paper');
    const old = { ...preset('paper-graphit-zinc', { ebt: true }) };
    expect(validateConfig(JSON.parse(JSON.stringify(old)))).toEqual(old);
    expect(validateConfig({ ...old, ebtForm: 'intended' }).ebtForm).toBe('intended');
  });

  it('refuses the paper form without EBT, for GT, or with an unknown name', () => {
    expect(() => preset('paper-san-zinc', { ebtForm: 'paper' })).toThrow(/needs ebt: true and model san or graphit/);
    expect(() => preset('paper-gt-zinc', { ebt: true, ebtForm: 'paper' })).toThrow(/san or graphit/);
    expect(() => validateConfig({ ...preset('paper-san-zinc', { ebt: true }), ebtForm: 'buggy' })).toThrow(/ebtForm/);
  });
});

describe.each(['san', 'graphit'] as const)('%s with the paper-form EBT', (kind) => {
  let paper: Model;
  let intended: Model;
  beforeAll(async () => {
    await useBackend('wasm');
    paper = createModel(tiny(kind, 'paper'));
    intended = createModel(tiny(kind)); // same seed, same parameters
  });
  afterAll(() => [paper, intended].forEach((m) => disposeParams(m.params)));

  const run = (model: Model) =>
    tf.tidy(() => {
      const result = forward(model, batchGraphs(graphs, spec), { capture: true });
      return {
        output: Array.from(result.output.dataSync()),
        nodeAttn: Array.from(result.captures[0].nodeAttn.dataSync()),
        attention: Array.from(result.captures[0].attention.dataSync()),
        edgeScore: Array.from(result.captures[0].edgeScore.dataSync()),
      };
    });

  it('layer 0 aggregates with one weight per destination: the §5.2 formula in float64', () => {
    const batch = batchGraphs(graphs, spec);
    const [D, H] = [8, 2];
    const d = D / H;
    const emb = values(paper, 'embedding_h.weight');
    const h0 = (i: number) => Array.from({ length: D }, (_, t) => emb[batch.nodeFeatures[i] * D + t]);
    const project = (name: string, x: number[]) => {
      const [w, b] = [
        values(paper, `layers.0.attention.${name}.weight`),
        values(paper, `layers.0.attention.${name}.bias`),
      ];
      return Array.from({ length: D }, (_, o) => x.reduce((sum, xi, k) => sum + xi * w[k * D + o], b[o]));
    };
    const [kBias, vBias] = [values(paper, 'layers.0.attention.k_bias'), values(paper, 'layers.0.attention.v_bias')];
    const got = run(paper);
    for (let i = 0; i < batch.numNodes; i++) {
      const q = project('Q', h0(i));
      const incoming = [...batch.dst.keys()].filter((e) => batch.dst[e] === i);
      for (let head = 0; head < H; head++) {
        let c = 0;
        for (let t = 0; t < d; t++) c += q[head * d + t] * kBias[head * d + t];
        const w = Math.exp(Math.min(5, Math.max(-5, c / Math.sqrt(d))));
        for (let t = 0; t < d; t++) {
          const f = head * d + t;
          const sum = incoming.reduce((s, e) => s + project('V', h0(batch.src[e]))[f] + vBias[f], 0);
          const expected = (w * sum) / (incoming.length * w + 1e-6);
          expect(Math.abs(got.nodeAttn[i * D + f] - expected)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected)));
          // ... which is the uniform mean of v_j + v_b, up to the +1e-6
          const mean = sum / incoming.length;
          expect(Math.abs(expected - mean)).toBeLessThan(1e-4 * Math.max(1, Math.abs(mean)));
        }
        for (const e of incoming) expect(got.attention[e * H + head]).toBeCloseTo(1 / incoming.length, 4);
      }
    }
  });

  it('captures the same scores as the intended form, but aggregates differently', () => {
    const [a, b] = [run(paper), run(intended)];
    expect(a.edgeScore).toEqual(b.edgeScore);
    const differs = a.nodeAttn.some((x, i) => Math.abs(x - b.nodeAttn[i]) > 1e-3);
    expect(differs).toBe(true);
  });

  it('ignores K and E entirely: changing them leaves the output, and a training step leaves them', async () => {
    const before = run(paper).output;
    const k = paper.params.get('layers.1.attention.K.weight')!;
    const e = paper.params.get('layers.0.attention.E.weight')!;
    const [kOld, eOld] = [k.dataSync().slice(), e.dataSync().slice()];
    k.assign(tf.tidy(() => tf.mul(k, 3)));
    e.assign(tf.tidy(() => tf.add(e, 1)));
    const after = run(paper).output;
    after.forEach((x, i) => expect(x).toBeCloseTo(before[i], 5));
    k.assign(tf.tensor(kOld, k.shape));
    e.assign(tf.tensor(eOld, e.shape));

    const optimizer = createOptimizer(1e-2);
    const trainable = [...paper.params.values()].filter((v) => v.trainable);
    const vWeight = paper.params.get('layers.0.attention.V.weight')!;
    const vOld = vWeight.dataSync().slice();
    await trainStep(paper, optimizer, trainable, graphs, spec, 0);
    optimizer.dispose();
    expect(Array.from(k.dataSync())).toEqual(Array.from(kOld));
    expect(Array.from(e.dataSync())).toEqual(Array.from(eOld));
    expect(Array.from(vWeight.dataSync())).not.toEqual(Array.from(vOld));
  });
});
