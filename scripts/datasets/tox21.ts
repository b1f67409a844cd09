/**
 * TOX21 bundle: every SMILES of tox21.csv featurised with OGB's categorical columns, exactly as a user's CSV is
 * loaded (src/data/csvMolecules.ts); 12 labels with a missing-label mask; scaffold split (src/data/split.ts).
 * Molecules RDKit rejects or without bonds are listed in the manifest with their line and reason.
 */
import { murckoScaffoldSmiles } from '../../src/chem/scaffold';
import { OGB_ATOM_COLUMNS, OGB_ATOM_VALUES, OGB_BOND_COLUMNS, OGB_BOND_VALUES } from '../../src/chem/ogbFeaturizer';
import type { BundleInput } from '../../src/data/bundleWrite';
import { parseDelimited } from '../../src/data/delimited';
import { featurizerSpec } from '../../src/data/moleculeGraphs';
import { moleculeRowsToGraphs } from '../../src/data/moleculeRows';
import { SPLIT_NAMES, scaffoldSplit } from '../../src/data/split';

export async function buildTox21(csv: string): Promise<BundleInput> {
  const { rows } = parseDelimited(csv, 'tox21.csv', ',');
  const [header, ...body] = rows;
  const targetNames = header.cells.slice(1);
  const made = await moleculeRowsToGraphs(
    body.map((row) => ({ line: row.line, structure: row.cells[0], targetCells: row.cells.slice(1) })),
    { featurizer: 'ogb', targetNames },
  );
  const split = scaffoldSplit(made.molecules.map(murckoScaffoldSmiles));
  const splits = {} as BundleInput['splits'];
  for (const name of SPLIT_NAMES)
    splits[name] = {
      graphs: split[name].map((i) => made.graphs[i]),
      records: split[name].map((i) => ({ sourceLine: made.records[i].line, smiles: made.records[i].smiles })),
    };
  const textOf = new Map(body.map((row) => [row.line, row.cells[0]]));
  return {
    manifest: {
      name: 'tox21',
      title: 'TOX21',
      description: '12 toxicity assays (binary, with missing labels) on 7 831 molecules, OGB-style features.',
      source:
        'MoleculeNet Tox21 (chemprop copy of DeepChem tox21.csv). Features: OGB ogbg-moltox21 columns computed ' +
        'with RDKit.js; split: our own scaffold split (OGB split files not available).',
      task: 'multilabel-binary',
      spec: featurizerSpec('ogb', targetNames.length),
      vocabularies: {
        node: OGB_ATOM_COLUMNS.map((name, i) => ({ name, values: [...OGB_ATOM_VALUES[i]] })),
        edge: OGB_BOND_COLUMNS.map((name, i) => ({ name, values: [...OGB_BOND_VALUES[i]] })),
      },
      nodeValueNames: [],
      targetNames,
      drawing: 'smiles',
      split: {
        method: 'scaffold',
        seed: null,
        description: 'Bemis-Murcko scaffold split 80/10/10, largest scaffold groups first (OGB/DeepChem rule)',
      },
      rejected: made.skipped.map((s) => ({ line: s.line, text: textOf.get(s.line) ?? '', reason: s.reason })),
    },
    splits,
  };
}
