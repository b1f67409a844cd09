/**
 * recordSplit (the per-molecule record behind scan.json) on a global-node model: its captures hold two virtual edges
 * per atom after each batch's bonds, and every one of them belongs to its atom's molecule.
 */
import { describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { recordSplit } from '../../src/engine/splitRecord';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';
import { disposeParams } from '../../src/gnn/params';
import { useBackend } from './helpers/backends';

describe('recordSplit with a global node', () => {
  it('counts bond and virtual edges and ranks only molecules of the split, across batches', async () => {
    await useBackend('wasm');
    const data = await loadBundle('zinc', folderBundleSource());
    const graphs = data.splits.test.slice(0, 12);
    const model = createModel({ ...preset('small-gt-zinc', { seed: 41 }), globalNode: true });
    try {
      const record = await recordSplit(model, graphs, data.spec, { batchSize: 5 });
      const bonds = graphs.reduce((n, g) => n + g.bondBegin.length, 0);
      const atoms = graphs.reduce((n, g) => n + g.numNodes, 0);
      expect(record.edges).toBe(2 * bonds + 2 * atoms);
      for (const layer of record.layers)
        for (const top of layer.topGraphs) expect(top.index).toBeLessThan(graphs.length);
    } finally {
      disposeParams(model.params);
    }
  });
});
