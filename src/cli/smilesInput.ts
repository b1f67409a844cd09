/** One SMILES -> a Graph in the encoding a model of `dataset` expects (ZINC types, or OGB features for TOX21). */
import { parseMolecule } from '../chem/molecule';
import { initRDKit } from '../chem/rdkit';
import type { FeatureSpec, Graph } from '../data/graph';
import { featurizerSpec, moleculeGraph } from '../data/moleculeGraphs';
import { DATASET_INPUTS } from '../gnn/config';
import { UsageError } from './usage';

export async function graphFromSmiles(smiles: string, dataset: string): Promise<{ graph: Graph; spec: FeatureSpec }> {
  if (dataset !== 'zinc' && dataset !== 'tox21')
    throw new UsageError(
      `a ${dataset} model reads protein graphs, not SMILES; use --dataset ${dataset} --split --index`,
    );
  await initRDKit();
  const featurizer = dataset === 'zinc' ? 'zinc' : 'ogb';
  const numTargets = DATASET_INPUTS[dataset].numTargets;
  try {
    // ZINC's Kekulé bond types come from RDKit's kekulisation of the input (see zincFeaturizer.ts).
    const molecule = parseMolecule(smiles, { inputKekule: featurizer === 'zinc' });
    const graph = moleculeGraph(molecule, featurizer, new Array<null>(numTargets).fill(null));
    return { graph, spec: featurizerSpec(featurizer, numTargets) };
  } catch (error) {
    const shown = smiles.length > 40 ? `${smiles.slice(0, 37)}...` : smiles;
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--smiles ${JSON.stringify(shown)}: ${message}`);
  }
}
