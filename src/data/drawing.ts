/**
 * The molecule to draw for a graph of a bundled dataset, with atom i = node i of the model:
 * ZINC from a molblock built from the benchmark graph itself; TOX21 (and user SMILES) from the SMILES that was
 * featurised, whose atom order RDKit keeps. PROTEINS graphs are not molecules (null: draw them as graphs).
 * Coordinates are then computed lazily with src/chem/coords.ts, only for the molecule shown.
 */
import { parseMolecule, type Molecule } from '../chem/molecule';
import { zincMolblock } from '../chem/zincMolblock';
import type { LoadedDataset } from './bundleRead';
import type { SplitName } from './split';

export function moleculeForGraph(dataset: LoadedDataset, split: SplitName, index: number): Molecule | null {
  const graph = dataset.splits[split][index];
  if (!graph) throw new RangeError(`${dataset.manifest.name} ${split} has no graph ${index}`);
  const record = dataset.records[split][index];
  switch (dataset.manifest.drawing) {
    case 'zinc-graph':
      return parseMolecule(
        zincMolblock({
          atomTypes: graph.nodeFeatures,
          bondBegin: graph.bondBegin,
          bondEnd: graph.bondEnd,
          bondTypes: graph.bondFeatures,
        }),
      );
    case 'smiles':
      return record.smiles ? parseMolecule(record.smiles) : null;
    case 'graph':
      return null;
  }
}
