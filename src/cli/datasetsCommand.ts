/**
 * `npm run cli -- datasets [--json]`: the bundled datasets in public/datasets/, each loaded as the app loads it:
 * graphs, nodes, bonds and directed edges per split, vocabulary sizes and the number of rejected source rows.
 */
import { folderBundleSource } from '../data/bundleNode';
import { BUNDLED_DATASETS, loadBundledDataset } from '../data/bundledDatasets';

export async function datasetsCommand(): Promise<unknown[]> {
  const source = folderBundleSource();
  return Promise.all(
    BUNDLED_DATASETS.map(async (name) => {
      const { manifest } = await loadBundledDataset(name, source);
      const splits = Object.fromEntries(
        Object.entries(manifest.splits).map(([split, s]) => [
          split,
          { graphs: s.graphs, nodes: s.nodes, bonds: s.bonds, edges: 2 * s.bonds },
        ]),
      );
      return {
        name,
        title: manifest.title,
        task: manifest.task,
        splits,
        nodeVocab: manifest.spec.nodeVocab,
        edgeVocab: manifest.spec.edgeVocab,
        nodeValueWidth: manifest.spec.nodeValueWidth,
        numTargets: manifest.spec.numTargets,
        split: manifest.split.method,
        rejected: manifest.rejected.length,
      };
    }),
  );
}
