/**
 * PROTEINS (TU) bundle: 1113 graphs read with src/data/tuDataset.ts. Node input: secondary-structure type (3) and
 * the node attribute; edge input: the unordered pair of the two nodes' types (6); graph label (enzyme or not).
 * Seeded random 80/10/10 split.
 */
import type { BundleInput } from '../../src/data/bundleWrite';
import { SPLIT_NAMES, randomSplit } from '../../src/data/split';
import { loadTuDataset, pairNames, type TuFiles } from '../../src/data/tuDataset';

export const PROTEINS_SPLIT_SEED = 20240903;

export function buildProteins(files: TuFiles): BundleInput {
  const data = loadTuDataset(files);
  if (data.skipped.length > 0) throw new Error(`PROTEINS: ${JSON.stringify(data.skipped.slice(0, 3))}`);
  const split = randomSplit(data.graphs.length, PROTEINS_SPLIT_SEED);
  const splits = {} as BundleInput['splits'];
  for (const name of SPLIT_NAMES)
    splits[name] = {
      graphs: split[name].map((i) => data.graphs[i]),
      records: split[name].map((i) => ({ sourceLine: data.records[i].line })),
    };
  const types = ['0', '1', '2'];
  return {
    manifest: {
      name: 'proteins',
      title: 'PROTEINS (TU)',
      description: 'Enzyme or not, for 1 113 protein graphs of secondary-structure elements.',
      source:
        "TUDataset PROTEINS, a stand-in for the paper's ogbn-proteins (not available). Edge input derived: the " +
        "unordered pair of the two nodes' secondary-structure types.",
      task: 'classification',
      spec: data.spec,
      vocabularies: {
        node: [{ name: 'secondary-structure type', values: types }],
        edge: [{ name: 'type pair', values: pairNames(types) }],
      },
      nodeValueNames: ['node attribute'],
      targetNames: ['class (TU label 1 -> 0, label 2 -> 1)'],
      drawing: 'graph',
      split: { method: 'random', seed: PROTEINS_SPLIT_SEED, description: 'seeded random split 80/10/10' },
      rejected: [],
    },
    splits,
  };
}
