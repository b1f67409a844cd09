/**
 * ZINC 12k bundle: the benchmark's own graphs (28 atom types, Kekulé bond types 1-3) from zinc12k_graphs.json,
 * with the given train/val/test splits, target y, and the SMILES and `exact` flag of zinc12k.csv for display.
 */
import { ZINC_ATOM_TYPES, ZINC_BOND_TYPES } from '../../src/chem/zincTypes';
import type { BundleInput, DatasetRecord } from '../../src/data/bundleWrite';
import type { Graph } from '../../src/data/graph';
import { validateGraph } from '../../src/data/graphBatch';
import { featurizerSpec } from '../../src/data/moleculeGraphs';
import { SPLIT_NAMES } from '../../src/data/split';

interface ZincJson {
  atom_types: string[];
  splits: Record<string, { atoms: number[]; bonds: [number, number, number][]; y: number }[]>;
}

export function buildZinc(graphsJson: string, csv: string): BundleInput {
  const json = JSON.parse(graphsJson) as ZincJson;
  if (JSON.stringify(json.atom_types) !== JSON.stringify(ZINC_ATOM_TYPES))
    throw new Error('zinc12k_graphs.json lists other atom types than src/chem/zincTypes.ts');
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const rows = lines.slice(1).map((line, i) => ({ line: i + 2, cells: line.split(',') }));
  const spec = featurizerSpec('zinc', 1);
  const splits = {} as BundleInput['splits'];
  let row = 0;
  for (const name of SPLIT_NAMES) {
    const graphs: Graph[] = [];
    const records: DatasetRecord[] = [];
    for (const entry of json.splits[name]) {
      const { line, cells } = rows[row++];
      if (cells[col('split')] !== name) throw new Error(`zinc12k.csv line ${line} is not in split ${name}`);
      const graph: Graph = {
        numNodes: entry.atoms.length,
        bondBegin: Int32Array.from(entry.bonds, (b) => b[0]),
        bondEnd: Int32Array.from(entry.bonds, (b) => b[1]),
        nodeFeatures: Int32Array.from(entry.atoms),
        bondFeatures: Int32Array.from(entry.bonds, (b) => b[2]),
        nodeValues: new Float32Array(0),
        target: Float32Array.of(entry.y),
        targetMask: Uint8Array.of(1),
      };
      validateGraph(graph, spec, `zinc ${name} ${graphs.length}`);
      graphs.push(graph);
      records.push({ sourceLine: line, smiles: cells[col('smiles')], exact: cells[col('exact')] === '1' });
    }
    splits[name] = { graphs, records };
  }
  return {
    manifest: {
      name: 'zinc',
      title: 'ZINC 12k',
      description:
        'Constrained solubility (penalized logP, normalised) of 12 000 ZINC molecules, as the benchmark encodes them.',
      source:
        'benchmarking-gnns ZINC subset (Dwivedi et al.). val/test: the benchmark graphs and targets; train: a ' +
        'substitute from the same ZINC pool with targets by the benchmark formula (exact = 0). See the About panel.',
      task: 'regression',
      spec,
      vocabularies: {
        node: [{ name: 'atom type', values: [...ZINC_ATOM_TYPES] }],
        edge: [{ name: 'bond type', values: [...ZINC_BOND_TYPES] }],
      },
      nodeValueNames: [],
      targetNames: ['penalized logP (normalised)'],
      drawing: 'zinc-graph',
      split: { method: 'given', seed: null, description: 'the benchmark splits: 10 000 / 1 000 / 1 000' },
      rejected: [],
    },
    splits,
  };
}
