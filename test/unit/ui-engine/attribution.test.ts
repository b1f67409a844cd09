/**
 * The engine's attributions and ablated analyses in Node (cpu): the same numbers as src/explain called directly,
 * ablations honoured the way the forward applies them, the unablated prediction alongside an ablated one, and
 * ablations that cannot be attributed refused in plain words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../../../src/gnn/config';
import { createModel } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { attributeMolecule as explainMolecule } from '../../../src/explain/attribution';
import { createEngine, type Engine, type MoleculeRef } from '../../../src/engine/api';
import { nodeWasmDir } from '../../../src/engine/node';
import { featurizerSpec, moleculeGraph } from '../../../src/data/moleculeGraphs';
import { parseMolecule } from '../../../src/chem/molecule';
import { initRDKit } from '../../../src/chem/rdkit';
import { folderBundleSource } from '../../../src/data/bundleNode';

const SMILES = 'CC(=O)NC=C';
const molecule: MoleculeRef = { kind: 'smiles', smiles: SMILES, dataset: 'zinc' };
const modelEntry = 'base:small-gt-zinc';
const STEPS = 4;
let engine: Engine;

beforeAll(async () => {
  engine = createEngine({
    host: 'node',
    defaultOrder: ['cpu'],
    wasmPaths: nodeWasmDir(),
    datasets: folderBundleSource(),
  });
  await engine.init();
});

const predict = async (ablation?: Parameters<Engine['analyzeMolecule']>[0]['ablation']) =>
  (await engine.analyzeMolecule({ modelEntry, molecule, ablation })).prediction.raw[0];

describe('attributions in the engine', () => {
  it('equal src/explain’s attributeMolecule for the same seeded model and graph', async () => {
    const got = await engine.attributeMolecule({ modelEntry, molecule, threshold: 3, steps: STEPS });
    await initRDKit();
    const graph = moleculeGraph(parseMolecule(SMILES, { inputKekule: true }), 'zinc', [null]);
    const model = createModel(preset('small-gt-zinc', { seed: 41 }));
    const want = await explainMolecule(model, graph, featurizerSpec('zinc', 1), { threshold: 3, steps: STEPS });
    disposeParams(model.params);
    expect(got.targetName).toBe('penalized logP (normalised)');
    expect(got.prediction).toBeCloseTo(want.prediction, 6);
    expect(Array.from(got.bonds.occlusion)).toEqual(Array.from(want.occlusion));
    expect(Array.from(got.bonds.maAblation)).toEqual(Array.from(want.maAblation));
    expect(Array.from(got.bonds.integratedGradients)).toEqual(Array.from(want.integratedGradients));
    expect(Array.from(got.atoms.gradInput)).toEqual(Array.from(want.nodeGradInput));
  });

  it('attributes the ablated model: a removed bond has none, the others are occlusions of the ablated graph', async () => {
    const got = await engine.attributeMolecule({
      modelEntry,
      molecule,
      threshold: 1000,
      steps: STEPS,
      ablation: { removeBonds: [1] },
    });
    expect(Number.isNaN(got.bonds.occlusion[1])).toBe(true);
    expect(got.prediction).toBeCloseTo(await predict({ removeBonds: [1] }), 5);
    for (const k of [0, 2, 3]) {
      const occluded = (await predict({ removeBonds: [1] })) - (await predict({ removeBonds: [1, k] }));
      expect(got.bonds.occlusion[k]).toBeCloseTo(occluded, 5);
    }
    const randomized = await engine.attributeMolecule({
      modelEntry,
      molecule,
      threshold: 1000,
      steps: STEPS,
      ablation: { randomizeBondTypes: { seed: 1 } },
    });
    expect(randomized.prediction).toBeCloseTo(await predict({ randomizeBondTypes: { seed: 1 } }), 5);
  });

  it('refuses ablations it cannot honour, in plain words', async () => {
    const request = { modelEntry, molecule, threshold: 3, steps: STEPS };
    await expect(engine.attributeMolecule({ ...request, ablation: { globalNode: true } })).rejects.toThrow(
      /not available with a global node/,
    );
    await expect(
      engine.attributeMolecule({ ...request, ablation: { features: [{ mode: 'zero', threshold: 3, edges: [0, 1] }] } }),
    ).rejects.toThrow(/one bond’s massive features/);
  });
});

describe('ablated analyses', () => {
  it('carry the ablation and the unablated prediction, and repeat exactly', async () => {
    const plain = await engine.analyzeMolecule({ modelEntry, molecule });
    expect(plain.unablatedPrediction).toBeNull();
    expect(plain.ablation).toBeUndefined();
    const ablation = { removeBonds: [0], features: [{ mode: 'zero' as const, threshold: 3 }] };
    const ablated = await engine.analyzeMolecule({ modelEntry, molecule, ablation });
    expect(ablated.ablation).toEqual(ablation);
    expect(ablated.unablatedPrediction).toEqual(plain.prediction);
    expect(ablated.prediction.raw[0]).not.toBe(plain.prediction.raw[0]);
    const again = await engine.analyzeMolecule({ modelEntry, molecule, ablation: {} });
    expect(again.analysisId).toBe(plain.analysisId);
    expect(again.prediction).toEqual(plain.prediction);
  });
});
