/** The PyTorch fixtures of scripts/fixtures/make_torch_fixtures.py: the cases, torch's outputs and the graphs. */
import { readFileSync } from 'node:fs';
import type { Graph } from '../../../src/data/graph';
import { DATASET_INPUTS, type DatasetName, type ModelKind } from '../../../src/gnn/config';

export const fixtureDir = new URL('../../fixtures/torch/', import.meta.url);
export interface TorchCase {
  file: string;
  model: ModelKind;
  dataset: 'zinc' | 'tox21';
  layers: number;
  hidden: number;
  heads: number;
  headsArgument: number | null;
  ebt: boolean;
  wrapper: string | null;
  output: number[][];
}
export const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDir), 'utf8')) as {
  cases: TorchCase[];
};
type GraphJson = Pick<Graph, 'numNodes'> & Record<'bondBegin' | 'bondEnd' | 'nodeFeatures' | 'bondFeatures', number[]>;
const graphsJson = JSON.parse(readFileSync(new URL('graphs.json', fixtureDir), 'utf8')) as Record<string, GraphJson[]>;

export function fixtureGraphs(dataset: DatasetName): Graph[] {
  const targets = DATASET_INPUTS[dataset].numTargets;
  return graphsJson[dataset].map((g) => ({
    numNodes: g.numNodes,
    bondBegin: Int32Array.from(g.bondBegin),
    bondEnd: Int32Array.from(g.bondEnd),
    nodeFeatures: Int32Array.from(g.nodeFeatures),
    bondFeatures: Int32Array.from(g.bondFeatures),
    nodeValues: new Float32Array(0),
    target: new Float32Array(targets),
    targetMask: new Uint8Array(targets).fill(1),
  }));
}
