/**
 * The explorer part of the engine in Node (cpu): dataset listings, drawings whose atoms and bonds are the model's
 * nodes and bonds, per-bond ratios that agree with the per-bond details, and user errors in plain words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../../src/data/bundleNode';
import { createEngine, type Engine } from '../../../src/engine/api';
import { forceLayout, normalizeLayout } from '../../../src/engine/layout';
import { nodeWasmDir } from '../../../src/engine/node';
import { ZINC_BOND_TYPES } from '../../../src/chem/zincTypes';
import { loadBundledDataset } from '../../../src/data/bundledDatasets';

let engine: Engine;
const zincRow = (index: number) => ({ kind: 'dataset', dataset: 'zinc', split: 'test', index }) as const;

beforeAll(() => {
  engine = createEngine({
    host: 'node',
    defaultOrder: ['cpu'],
    wasmPaths: nodeWasmDir(),
    datasets: folderBundleSource(),
  });
});

describe('datasets and drawings', () => {
  it('lists a split with SMILES, targets and sizes', async () => {
    const info = await engine.datasetInfo('zinc');
    expect(info.splits.test).toBe(1000);
    const listing = await engine.listMolecules('zinc', 'test');
    expect(listing.count).toBe(1000);
    expect(listing.smiles?.[0]).toBe('Clc1ccc(CNc2ncccc2Cl)cn1');
    expect(listing.targets[0]).toBeCloseTo(1.9973, 3);
    const proteins = await engine.listMolecules('proteins', 'test');
    expect(proteins.smiles).toBeNull();
  });

  it('draws a ZINC row with atom i = node i and bond k = bond k, in Kekulé form, bonds about 1 long', async () => {
    const zinc = await loadBundledDataset('zinc', folderBundleSource());
    const graph = zinc.splits.test[0];
    const drawing = await engine.drawMolecule(zincRow(0));
    expect(drawing.atoms).toHaveLength(graph.numNodes);
    expect(drawing.aromaticStyle).toBe('kekule');
    drawing.bonds.forEach((bond, k) => {
      expect([bond.begin, bond.end]).toEqual([graph.bondBegin[k], graph.bondEnd[k]]);
      expect(bond.order).toBe(graph.bondFeatures[k]);
      expect(bond.modelType).toBe(ZINC_BOND_TYPES[graph.bondFeatures[k]]);
      const [a, b] = [drawing.atoms[bond.begin], drawing.atoms[bond.end]];
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(0.7);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(1.4);
    });
    expect(drawing.atoms[0].element).toBe('Cl');
  });

  it('draws TOX21 with aromatic bonds dashed and PROTEINS as a force layout, the same every time', async () => {
    const tox = await engine.drawMolecule({ kind: 'dataset', dataset: 'tox21', split: 'test', index: 0 });
    expect(tox.aromaticStyle).toBe('dashed');
    expect(tox.bonds.some((b) => b.aromatic && b.modelType === 'AROMATIC')).toBe(true);
    const proteins = { kind: 'dataset', dataset: 'proteins', split: 'test', index: 2 } as const;
    const graph = await engine.drawMolecule(proteins);
    expect(graph.kind).toBe('graph');
    expect(graph.atoms.every((a) => Number.isFinite(a.x) && Number.isFinite(a.y))).toBe(true);
    const layout = forceLayout(
      graph.atoms.length,
      graph.bonds.map((b) => ({ begin: b.begin, end: b.end })),
    );
    expect(Array.from(layout.x)).toEqual(graph.atoms.map((a) => a.x));
  });

  it('featurises a typed SMILES for the dataset and says what is wrong with a bad one', async () => {
    const drawing = await engine.drawMolecule({ kind: 'smiles', smiles: 'N#Cc1ccccc1', dataset: 'zinc' });
    expect(drawing.bonds[0]).toMatchObject({ order: 3, modelType: 'TRIPLE' });
    await expect(engine.drawMolecule({ kind: 'smiles', smiles: 'C1CC(', dataset: 'zinc' })).rejects.toThrow(
      /could not read the SMILES/,
    );
    await expect(engine.drawMolecule({ kind: 'smiles', smiles: '[Xe]', dataset: 'zinc' })).rejects.toThrow(/ZINC type/);
    await expect(engine.drawMolecule({ kind: 'smiles', smiles: 'CCO', dataset: 'proteins' })).rejects.toThrow(
      /PROTEINS models read protein graphs/,
    );
  });
});

describe('analysis', () => {
  it('lists base models per dataset and analyses a molecule with a prediction and per-bond ratios', async () => {
    const models = await engine.listModels('tox21');
    expect(models.map((m) => m.id)).toEqual(
      expect.arrayContaining(['base:small-gt-tox21', 'base:small-san-tox21', 'base:small-graphit-tox21']),
    );
    const analysis = await engine.analyzeMolecule({ modelEntry: 'base:small-gt-zinc', molecule: zincRow(0) });
    expect(analysis.prediction.kind).toBe('value');
    expect(analysis.prediction.names).toEqual(['penalized logP (normalised)']);
    expect(analysis.bondRatios).toHaveLength(4);
    expect(analysis.bondRatios[0]).toHaveLength(analysis.numBonds);
    for (const layer of analysis.bondRatios) for (const r of layer) expect(r).toBeGreaterThan(1);

    const tox = await engine.analyzeMolecule({
      modelEntry: 'base:small-gt-tox21',
      molecule: { kind: 'dataset', dataset: 'tox21', split: 'test', index: 0 },
    });
    expect(tox.prediction.kind).toBe('probability');
    expect(tox.prediction.shown.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('gives bond details whose larger direction is the bond’s ratio, with scores, ratios and attention', async () => {
    const analysis = await engine.analyzeMolecule({ modelEntry: 'base:small-san-zinc', molecule: zincRow(3) });
    const detail = await engine.bondDetail(analysis.analysisId, 2);
    expect(detail.headDim * detail.heads).toBe(analysis.hidden);
    detail.layers.forEach((layer, l) => {
      expect(Math.max(layer.forward.ratio, layer.backward.ratio)).toBeCloseTo(analysis.bondRatios[l][2], 9);
      expect([layer.forward.edge, layer.backward.edge]).toEqual([4, 5]);
      expect(layer.forward.src).toBe(layer.backward.dst);
      const { scores, elementRatios, median } = layer.forward;
      expect(scores).toHaveLength(analysis.hidden);
      expect(Math.max(...elementRatios)).toBeCloseTo(layer.forward.ratio, 3);
      expect(elementRatios[0]).toBeCloseTo(Math.abs(scores[0]) / median, 4);
      expect(layer.forward.attention).toHaveLength(analysis.heads);
    });
    await expect(engine.bondDetail(analysis.analysisId, 999)).rejects.toThrow(/outside/);
  });

  it('passes ablations through: removing a bond changes the prediction', async () => {
    const plain = await engine.analyzeMolecule({ modelEntry: 'base:small-gt-zinc', molecule: zincRow(0) });
    const ablated = await engine.analyzeMolecule({
      modelEntry: 'base:small-gt-zinc',
      molecule: zincRow(0),
      ablation: { removeBonds: [0, 1, 2] },
    });
    expect(ablated.prediction.raw[0]).not.toBeCloseTo(plain.prediction.raw[0], 6);
    await expect(
      engine.analyzeMolecule({
        modelEntry: 'base:small-gt-tox21',
        molecule: zincRow(0),
      }),
    ).rejects.toThrow(/reads tox21 graphs/);
  });
});

describe('layout', () => {
  it('centres, flips y for RDKit coordinates and scales the median bond to 1', () => {
    const layout = normalizeLayout(
      [0, 2, 2],
      [0, 0, 2],
      [
        { begin: 0, end: 1 },
        { begin: 1, end: 2 },
      ],
      { flipY: true },
    );
    [-2 / 3, 1 / 3, 1 / 3].forEach((x, i) => expect(layout.x[i]).toBeCloseTo(x));
    [1 / 3, 1 / 3, -2 / 3].forEach((y, i) => expect(layout.y[i]).toBeCloseTo(y));
  });
});

describe('the serial queue', () => {
  it('runs tasks one at a time, in order, and goes on after a failure', async () => {
    const { createSerialQueue } = await import('../../../src/engine/serialQueue');
    const serial = createSerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      serial(async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 1, true), task('c', 1)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
