/** Small fakes for state tests: a listing, a drawing and an analysis of made-up molecules. */
import type {
  MoleculeAnalysis,
  MoleculeAttribution,
  MoleculeDrawing,
  MoleculeListing,
  MoleculeRef,
} from '../../../src/engine/api';

export function fakeListing(smiles: string[]): MoleculeListing {
  return {
    dataset: 'zinc',
    split: 'test',
    count: smiles.length,
    smiles,
    targets: Float32Array.from(smiles, (_, i) => i),
    numTargets: 1,
    numNodes: Int32Array.from(smiles, () => 3),
    numBonds: Int32Array.from(smiles, () => 2),
  };
}

export function fakeDrawing(numBonds: number, title = 'fake'): MoleculeDrawing {
  return {
    kind: 'molecule',
    title,
    smiles: null,
    atoms: Array.from({ length: numBonds + 1 }, (_, i) => ({
      element: 'C',
      charge: 0,
      hydrogens: 2,
      aromatic: false,
      modelType: 'C',
      x: i,
      y: 0,
    })),
    bonds: Array.from({ length: numBonds }, (_, k) => ({
      begin: k,
      end: k + 1,
      order: 1,
      aromatic: false,
      modelType: 'SINGLE',
    })),
    aromaticStyle: 'kekule',
    targets: [],
    targetNames: [],
  };
}

export function fakeAnalysis(bondRatios: number[][], id = 'analysis-1'): MoleculeAnalysis {
  return {
    analysisId: id,
    modelEntry: 'base:small-gt-zinc',
    backend: 'cpu',
    prediction: { raw: [0], shown: [0], kind: 'value', names: ['y'] },
    numLayers: bondRatios.length,
    heads: 2,
    hidden: 4,
    numBonds: bondRatios[0].length,
    bondRatios: bondRatios.map((r) => Float64Array.from(r)),
    bondAttention: bondRatios.map((r) => new Float64Array(r.length * 2).fill(0.5)),
    numAtoms: bondRatios[0].length + 1,
    nodeRatios: bondRatios.map((r) => Float64Array.from({ length: r.length + 1 }, (_, v) => v + 2)),
    attentionSpread: bondRatios.map(() => ({ peakOverUniform: 1, evenness: 1, destinations: 1 })),
    noEdge: false,
    forwardMs: 1,
    unablatedPrediction: null,
    unablatedBondRatios: null,
    readBondTypes: null,
  };
}

/** Attributions of a fake molecule (as many bonds as fakeDrawing gives a dataset row): bond k has value k - 1. */
export function fakeAttribution(molecule: MoleculeRef, threshold: number): MoleculeAttribution {
  const numBonds = molecule.kind === 'dataset' ? molecule.index + 1 : 1;
  const values = () => Float32Array.from({ length: numBonds }, (_, k) => k - 1);
  return {
    computed: ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'],
    modelEntry: 'base:small-gt-zinc',
    target: 0,
    targetName: 'y',
    threshold,
    prediction: 0,
    bonds: { occlusion: values(), maAblation: values(), gradInput: values(), integratedGradients: values() },
    atoms: { gradInput: new Float32Array(numBonds + 1), integratedGradients: new Float32Array(numBonds + 1) },
    edgeBaselineGap: 0,
    nodeBaselineGap: 0,
    steps: 32,
    ms: 1,
  };
}
