/** Bundle format round trip, manifest validation, and the three committed bundles loaded as the app loads them. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../../src/data/bundleNode';
import { decodeBundle, loadBundle, parseManifest, type BundleSource } from '../../../src/data/bundleRead';
import { encodeBundle, type BundleInput } from '../../../src/data/bundleWrite';
import { BUNDLED_DATASETS, loadBundledDataset } from '../../../src/data/bundledDatasets';
import type { Graph } from '../../../src/data/graph';
import { batchGraphs, validateGraph } from '../../../src/data/graphBatch';

const graph = (n: number, bonds: [number, number][], types: number[], y: number, value = 0): Graph => ({
  numNodes: n,
  bondBegin: Int32Array.from(bonds, (b) => b[0]),
  bondEnd: Int32Array.from(bonds, (b) => b[1]),
  nodeFeatures: Int32Array.from(types),
  bondFeatures: Int32Array.from(bonds, () => 300),
  nodeValues: new Float32Array(n).fill(value),
  target: Float32Array.of(y, Number.NaN),
  targetMask: Uint8Array.of(1, 0),
});

const input: BundleInput = {
  manifest: {
    name: 'tiny',
    title: 'Tiny',
    description: 'test',
    source: 'test',
    task: 'regression',
    spec: { nodeVocab: [5], edgeVocab: [400], nodeValueWidth: 1, numTargets: 2 },
    vocabularies: { node: [{ name: 'type', values: ['a', 'b', 'c', 'd', 'e'] }], edge: [{ name: 'e', values: [] }] },
    nodeValueNames: ['v'],
    targetNames: ['y', 'z'],
    drawing: 'smiles',
    split: { method: 'random', seed: 1, description: 'test' },
    rejected: [{ line: 9, text: 'C1CC', reason: 'RDKit could not read the SMILES "C1CC"' }],
  },
  splits: {
    train: {
      graphs: [
        graph(
          3,
          [
            [0, 1],
            [1, 2],
          ],
          [0, 1, 4],
          1.5,
          0.25,
        ),
      ],
      records: [{ sourceLine: 2, smiles: 'CCO' }],
    },
    val: { graphs: [graph(2, [[0, 1]], [2, 3], -2)], records: [{ sourceLine: 3, smiles: 'CN' }] },
    test: { graphs: [], records: [] },
  },
};

describe('bundle format', () => {
  const { manifest, data } = encodeBundle(input);

  it('round-trips graphs, records, targets with NaN, and picks small dtypes', () => {
    const loaded = decodeBundle(parseManifest(JSON.stringify(manifest), 'tiny.json'), data);
    expect(manifest.data.arrays.nodeFeatures.dtype).toBe('uint8');
    expect(manifest.data.arrays.bondFeatures.dtype).toBe('uint16');
    expect(manifest.splits).toEqual({
      train: { graphs: 1, nodes: 3, bonds: 2 },
      val: { graphs: 1, nodes: 2, bonds: 1 },
      test: { graphs: 0, nodes: 0, bonds: 0 },
    });
    expect(loaded.splits.train[0]).toEqual(input.splits.train.graphs[0]);
    expect(loaded.splits.val[0]).toEqual(input.splits.val.graphs[0]);
    expect(loaded.records.val[0]).toEqual({ sourceLine: 3, smiles: 'CN' });
    expect(Number.isNaN(loaded.splits.train[0].target[1])).toBe(true);
  });

  it('loads gzip-compressed data through a source', async () => {
    const files: Record<string, string | Uint8Array> = {
      'tiny.json': JSON.stringify(manifest),
      'tiny.bin': gzipSync(data),
    };
    const source: BundleSource = { text: async (f) => files[f] as string, bytes: async (f) => files[f] as Uint8Array };
    expect((await loadBundle('tiny', source)).splits.train[0].numNodes).toBe(3);
  });

  it('rejects a manifest that is not one, and data of the wrong size', () => {
    expect(() => parseManifest('{"format": "x"}', 'bad.json')).toThrow(/bad.json is not a dataset manifest: format/);
    expect(() => parseManifest('not json', 'bad.json')).toThrow(/bad.json is not valid JSON/);
    expect(() => decodeBundle(manifest, data.subarray(0, 8))).toThrow(/tiny.bin has 8 bytes, the manifest says/);
  });
});

describe('bundled datasets', () => {
  it.each(BUNDLED_DATASETS.map((name) => [name]))('%s loads, and every graph is valid', async (name) => {
    const dataset = await loadBundledDataset(name, folderBundleSource());
    for (const [split, graphs] of Object.entries(dataset.splits)) {
      expect(graphs.length).toBe(dataset.manifest.splits[split as 'train'].graphs);
      graphs.forEach((g, i) => validateGraph(g, dataset.spec, `${name} ${split} ${i}`));
    }
  });

  it('has the expected sizes', async () => {
    const source = folderBundleSource();
    const [zinc, tox21, proteins] = await Promise.all(BUNDLED_DATASETS.map((n) => loadBundledDataset(n, source)));
    expect(zinc.manifest.splits.test).toEqual({ graphs: 1000, nodes: 23117, bonds: 24860 }); // docs/METHOD.md §9.1
    expect(zinc.records.test.every((r) => r.exact)).toBe(true);
    expect(zinc.records.train.some((r) => r.exact)).toBe(false);
    expect(Object.values(tox21.manifest.splits).reduce((s, x) => s + x.graphs, 0)).toBe(7831 - 27);
    expect(tox21.manifest.rejected.filter((r) => /no bonds/.test(r.reason))).toHaveLength(19);
    const totals = Object.values(proteins.manifest.splits).reduce(
      (s, x) => [s[0] + x.graphs, s[1] + x.nodes, s[2] + x.bonds],
      [0, 0, 0],
    );
    expect(totals).toEqual([1113, 43471, 81044]);
    expect(proteins.spec).toEqual({ nodeVocab: [3], edgeVocab: [6], nodeValueWidth: 1, numTargets: 1 });
  });

  it('loads the ZINC test split ready to batch in well under a second', async () => {
    const started = performance.now();
    const zinc = await loadBundle('zinc', folderBundleSource());
    const batch = batchGraphs(zinc.splits.test, zinc.spec);
    const elapsed = performance.now() - started;
    expect(batch.numEdges).toBe(49720);
    expect(elapsed).toBeLessThan(1000);
  });

  it('batches real graphs of every dataset with each graph’s edges inside its own node range', async () => {
    const source = folderBundleSource();
    for (const name of BUNDLED_DATASETS) {
      const dataset = await loadBundledDataset(name, source);
      const graphs = [...dataset.splits.train.slice(0, 5), ...dataset.splits.test.slice(0, 5)];
      const batch = batchGraphs(graphs, dataset.spec);
      for (let e = 0; e < batch.numEdges; e++) {
        const g = batch.graphOfEdge[e];
        for (const node of [batch.src[e], batch.dst[e]]) {
          expect(node).toBeGreaterThanOrEqual(batch.nodeOffset[g]);
          expect(node).toBeLessThan(batch.nodeOffset[g + 1]);
        }
      }
      expect(batch.numNodes).toBe(graphs.reduce((s, g) => s + g.numNodes, 0));
    }
  });
});

describe('moleculeForGraph', () => {
  it('draws ZINC from its graph and TOX21 from its SMILES with atom i = node i, and PROTEINS not at all', async () => {
    const { initRDKit } = await import('../../../src/chem/rdkit');
    const { moleculeForGraph } = await import('../../../src/data/drawing');
    await initRDKit();
    const source = folderBundleSource();
    const [zinc, tox21, proteins] = await Promise.all(BUNDLED_DATASETS.map((n) => loadBundledDataset(n, source)));
    const zincMolecule = moleculeForGraph(zinc, 'test', 0)!;
    expect(zincMolecule.atoms).toHaveLength(zinc.splits.test[0].numNodes);
    const toxMolecule = moleculeForGraph(tox21, 'val', 3)!;
    const graph = tox21.splits.val[3];
    expect(toxMolecule.atoms.map((a) => a.atomicNumber - 1)).toEqual(
      Array.from({ length: graph.numNodes }, (_, i) => graph.nodeFeatures[i * 9]),
    );
    expect(moleculeForGraph(proteins, 'test', 0)).toBeNull();
  });
});
