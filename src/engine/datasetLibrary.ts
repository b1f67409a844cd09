/**
 * The bundled datasets as the explorer sees them: loaded once per engine from a BundleSource (HTTP in the worker,
 * a folder in Node), summarised, and listed split by split.
 */
import type { BundleSource, LoadedDataset } from '../data/bundleRead';
import { isBundledDataset, loadBundledDataset, type BundledDatasetName } from '../data/bundledDatasets';
import { SPLIT_NAMES, type SplitName } from '../data/split';
import type { DatasetInfo, MoleculeListing } from './explorerTypes';

export class DatasetLibrary {
  constructor(private readonly source: BundleSource | null) {}

  async load(name: string): Promise<LoadedDataset> {
    if (!isBundledDataset(name)) throw new Error(`"${name}" is not a bundled dataset (zinc, tox21, proteins)`);
    if (!this.source) throw new Error('this engine has no dataset folder to read from');
    return loadBundledDataset(name, this.source);
  }

  async info(name: BundledDatasetName): Promise<DatasetInfo> {
    const { manifest } = await this.load(name);
    return {
      name,
      title: manifest.title,
      description: manifest.description,
      task: manifest.task,
      targetNames: manifest.targetNames,
      splits: Object.fromEntries(SPLIT_NAMES.map((s) => [s, manifest.splits[s].graphs])) as Record<SplitName, number>,
      drawing: manifest.drawing === 'graph' ? 'graph' : 'molecule',
    };
  }

  async listing(name: BundledDatasetName, split: SplitName): Promise<MoleculeListing> {
    const data = await this.load(name);
    const graphs = data.splits[split];
    const records = data.records[split];
    if (!graphs) throw new Error(`split must be train, val or test (got "${split}")`);
    const numTargets = data.spec.numTargets;
    const targets = new Float32Array(graphs.length * numTargets);
    graphs.forEach((g, i) => targets.set(g.target, i * numTargets));
    const hasSmiles = records.some((r) => r.smiles !== undefined);
    return {
      dataset: name,
      split,
      count: graphs.length,
      smiles: hasSmiles ? records.map((r) => r.smiles ?? '') : null,
      targets,
      numTargets,
      numNodes: Int32Array.from(graphs, (g) => g.numNodes),
      numBonds: Int32Array.from(graphs, (g) => g.bondBegin.length),
    };
  }
}
