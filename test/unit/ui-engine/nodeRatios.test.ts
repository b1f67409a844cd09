/**
 * The explorer's node-level MA ratios (docs/METHOD.md §7, §8.1, §10.2) on a tiny NoEdge GT in Node (cpu): one ratio
 * per atom and layer, equal to max|h_att| / median|h_att| of the captured node tensor, the entry and the analysis
 * marked NoEdge, and attention spread per layer; the served NoEdge checkpoint's entry says what it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../../src/data/bundleNode';
import { parseMolecule } from '../../../src/chem/molecule';
import { initRDKit } from '../../../src/chem/rdkit';
import { featurizerSpec, moleculeGraph } from '../../../src/data/moleculeGraphs';
import { initBackend } from '../../../src/gnn/backend';
import { preset } from '../../../src/gnn/config';
import { Explorer } from '../../../src/engine/explorer';
import { folderCheckpointSource } from '../../../src/engine/folderCheckpoints';
import { ModelCatalog } from '../../../src/engine/modelCatalog';
import { ModelRegistry } from '../../../src/engine/models';
import { nodeWasmDir } from '../../../src/engine/node';
import { median } from '../../../src/ma/median';

const molecule = { kind: 'smiles', smiles: 'CC(=O)NC=C', dataset: 'zinc' } as const;
let registry: ModelRegistry;
let explorer: Explorer;
let modelId: string;

beforeAll(async () => {
  await initBackend({ prefer: ['cpu'], wasmPaths: nodeWasmDir() });
  registry = new ModelRegistry();
  explorer = new Explorer(registry, { datasets: folderBundleSource(), checkpoints: null, startChemistry: initRDKit });
  const config = { ...preset('small-gt-zinc-noedge'), layers: 2, hidden: 8, heads: 2 };
  modelId = registry.create(config);
  explorer.catalog.addSessionModel(
    {
      id: 'test:noedge',
      label: 'tiny NoEdge',
      detail: '',
      dataset: 'zinc',
      model: 'gt',
      state: 'base',
      layers: 2,
      heads: 2,
      hidden: 8,
      noEdge: true,
    },
    modelId,
  );
});

describe('node ratios in the analysis', () => {
  it('gives every atom a ratio per layer, equal to max|h_att| / median|h_att| of its row', async () => {
    const analysis = await explorer.analyze({ modelEntry: 'test:noedge', molecule }, 'cpu');
    expect(analysis.noEdge).toBe(true);
    expect(analysis.numAtoms).toBe(6);
    expect(analysis.nodeRatios).toHaveLength(2);
    const graph = moleculeGraph(parseMolecule(molecule.smiles, { inputKekule: true }), 'zinc', [null]);
    const spec = featurizerSpec('zinc', 1);
    const data = await registry.forward({ modelId, graphs: [graph], spec, capture: true });
    data.layers.forEach((layer, l) => {
      expect(analysis.nodeRatios[l]).toHaveLength(6);
      for (let v = 0; v < 6; v++) {
        const row = Array.from(layer.nodeAttn.subarray(v * 8, (v + 1) * 8), Math.abs);
        const expected = Math.max(...row) / median(row);
        expect(analysis.nodeRatios[l][v]).toBeCloseTo(expected, 6);
        expect(analysis.nodeRatios[l][v]).toBeGreaterThanOrEqual(1);
      }
      const spread = analysis.attentionSpread[l];
      expect(spread.destinations).toBeGreaterThan(0);
      expect(spread.evenness).toBeGreaterThan(0);
      expect(spread.evenness).toBeLessThanOrEqual(1 + 1e-9);
      expect(spread.peakOverUniform).toBeGreaterThanOrEqual(1 - 1e-9);
    });
  });

  it('leaves a global node out of the atoms', async () => {
    const analysis = await explorer.analyze(
      { modelEntry: 'test:noedge', molecule, ablation: { globalNode: true } },
      'cpu',
    );
    expect(analysis.nodeRatios[0]).toHaveLength(6);
  });

  it('marks the served NoEdge checkpoint’s entry, and no other', async () => {
    const entries = await new ModelCatalog(new ModelRegistry(), folderCheckpointSource()).entries('zinc');
    const noEdge = entries.filter((e) => e.noEdge).map((e) => e.id);
    expect(noEdge).toContain('ckpt:gt-zinc-noedge-base');
    expect(noEdge.every((id) => id.includes('noedge'))).toBe(true);
  });
});
