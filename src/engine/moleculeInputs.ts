/**
 * A MoleculeRef resolved into what the model reads (Graph + FeatureSpec) and what the view draws
 * (MoleculeDrawing), with atom i of the drawing = node i of the graph and bond k = graph bond k.
 * ZINC rows are drawn from their benchmark graph (src/data/drawing.ts), TOX21 rows and typed SMILES from the SMILES
 * that was featurised, PROTEINS graphs with a force layout.
 */
import { moleculeCoords } from '../chem/coords';
import { MoleculeParseError } from '../chem/rdkit';
import { parseMolecule, type Molecule } from '../chem/molecule';
import { OGB_BOND_VALUES } from '../chem/ogbFeaturizer';
import { ZINC_ATOM_TYPES, ZINC_BOND_TYPES } from '../chem/zincTypes';
import type { LoadedDataset } from '../data/bundleRead';
import { moleculeForGraph } from '../data/drawing';
import type { FeatureSpec, Graph } from '../data/graph';
import { featurizerSpec, moleculeGraph } from '../data/moleculeGraphs';
import { DATASET_INPUTS, type DatasetName } from '../gnn/config';
import type { DatasetLibrary } from './datasetLibrary';
import type { DrawnAtom, DrawnBond, MoleculeDrawing, MoleculeRef } from './explorerTypes';
import { forceLayout, normalizeLayout } from './layout';

export interface ResolvedMolecule {
  dataset: DatasetName;
  graph: Graph;
  spec: FeatureSpec;
  drawing: MoleculeDrawing;
}

/** Thrown for input the user can fix (a bad SMILES, a molecule the model cannot read); the message is for them. */
export class MoleculeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoleculeInputError';
  }
}

/** A user's file's rows are resolved by userDatasets.ts (with resolveStructure below). */
export async function resolveMolecule(
  ref: Exclude<MoleculeRef, { kind: 'user' }>,
  library: DatasetLibrary,
): Promise<ResolvedMolecule> {
  if (ref.kind === 'smiles') return resolveSmiles(ref.smiles, ref.dataset);
  const data = await library.load(ref.dataset);
  const graph = data.splits[ref.split]?.[ref.index];
  if (!graph) throw new MoleculeInputError(`${data.manifest.title} ${ref.split} has no molecule #${ref.index}`);
  const title = `${data.manifest.title} · ${ref.split} #${ref.index}`;
  const smiles = data.records[ref.split][ref.index].smiles ?? null;
  const targets = { targets: Array.from(graph.target), targetNames: data.manifest.targetNames };
  const molecule = moleculeForGraph(data, ref.split, ref.index);
  const drawing = molecule
    ? moleculeDrawing(molecule, graph, ref.dataset, { title, smiles, ...targets })
    : graphDrawing(graph, data, { title, smiles, ...targets });
  return { dataset: ref.dataset, graph, spec: data.spec, drawing };
}

function resolveSmiles(smiles: string, dataset: DatasetName): ResolvedMolecule {
  return resolveStructure(smiles, dataset, {
    title: 'Typed SMILES',
    smiles: smiles.trim(),
    targets: [],
    targetNames: [],
  });
}

/** A SMILES or molblock featurised as `dataset`'s models expect (typed SMILES and rows of a user's file). */
export function resolveStructure(structure: string, dataset: DatasetName, labels: DrawingLabels): ResolvedMolecule {
  if (dataset === 'proteins')
    throw new MoleculeInputError('PROTEINS models read protein graphs, not SMILES: pick a ZINC or TOX21 model');
  const featurizer = dataset === 'zinc' ? 'zinc' : 'ogb';
  const numTargets = DATASET_INPUTS[dataset].numTargets;
  let molecule: Molecule;
  let graph: Graph;
  try {
    // ZINC's Kekulé bond types come from RDKit's kekulisation of the input, as the benchmark's.
    molecule = parseMolecule(structure, { inputKekule: featurizer === 'zinc', maxAtoms: 150 });
    graph = moleculeGraph(molecule, featurizer, new Array<null>(numTargets).fill(null));
  } catch (error) {
    if (error instanceof MoleculeParseError || error instanceof RangeError) throw new MoleculeInputError(error.message);
    throw new MoleculeInputError(`RDKit could not read this SMILES: ${errorText(error)}`);
  }
  const drawing = moleculeDrawing(molecule, graph, dataset, labels);
  return { dataset, graph, spec: featurizerSpec(featurizer, numTargets), drawing };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type DrawingLabels = Pick<MoleculeDrawing, 'title' | 'smiles' | 'targets' | 'targetNames'>;

function moleculeDrawing(molecule: Molecule, graph: Graph, dataset: DatasetName, labels: DrawingLabels) {
  const edgeWidth = DATASET_INPUTS[dataset].edgeVocab.length;
  const nodeWidth = DATASET_INPUTS[dataset].nodeVocab.length;
  const bondIndex = new Map(molecule.bonds.map((b, j) => [pairKey(b.begin, b.end), j]));
  const bonds: DrawnBond[] = Array.from(graph.bondBegin, (begin, k) => {
    const end = graph.bondEnd[k];
    const j = bondIndex.get(pairKey(begin, end));
    if (j === undefined) throw new Error(`the drawing has no bond between atoms ${begin} and ${end}`);
    const type = graph.bondFeatures[k * edgeWidth];
    const kekule = dataset === 'zinc';
    return {
      begin,
      end,
      order: kekule ? type : molecule.bonds[j].order,
      aromatic: molecule.bonds[j].aromatic,
      modelType: (kekule ? ZINC_BOND_TYPES[type] : OGB_BOND_VALUES[0][type]) ?? String(type),
    };
  });
  const coords = moleculeCoords(molecule);
  const layout = normalizeLayout(
    Array.from({ length: molecule.atoms.length }, (_, i) => coords[2 * i]),
    Array.from({ length: molecule.atoms.length }, (_, i) => coords[2 * i + 1]),
    bonds,
    { flipY: true },
  );
  const atoms: DrawnAtom[] = molecule.atoms.map((atom, i) => ({
    element: atom.element,
    charge: atom.formalCharge,
    hydrogens: atom.totalHs,
    aromatic: atom.aromatic,
    modelType: dataset === 'zinc' ? (ZINC_ATOM_TYPES[graph.nodeFeatures[i * nodeWidth]] ?? '?') : atom.element,
    x: layout.x[i],
    y: layout.y[i],
  }));
  const drawing: MoleculeDrawing = {
    kind: 'molecule',
    ...labels,
    atoms,
    bonds,
    aromaticStyle: dataset === 'zinc' ? 'kekule' : 'dashed',
  };
  return drawing;
}

function graphDrawing(graph: Graph, data: LoadedDataset, labels: DrawingLabels): MoleculeDrawing {
  const [nodeWidth, edgeWidth] = [data.spec.nodeVocab.length, data.spec.edgeVocab.length];
  const nodeNames = data.manifest.vocabularies.node[0];
  const edgeNames = data.manifest.vocabularies.edge[0];
  const bonds: DrawnBond[] = Array.from(graph.bondBegin, (begin, k) => {
    const type = graph.bondFeatures[k * edgeWidth];
    return { begin, end: graph.bondEnd[k], order: 0, aromatic: false, modelType: edgeNames?.values[type] ?? '' };
  });
  const layout = forceLayout(graph.numNodes, bonds);
  const atoms: DrawnAtom[] = Array.from({ length: graph.numNodes }, (_, i) => {
    const type = graph.nodeFeatures[i * nodeWidth];
    return {
      element: nodeNames?.values[type] ?? String(type),
      charge: 0,
      hydrogens: 0,
      aromatic: false,
      modelType: `${nodeNames?.name ?? 'type'} ${nodeNames?.values[type] ?? type}`,
      x: layout.x[i],
      y: layout.y[i],
    };
  });
  return { kind: 'graph', ...labels, atoms, bonds, aromaticStyle: 'kekule' };
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
