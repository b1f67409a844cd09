import { describe, expect, it } from 'vitest';
import type { DatasetInfo, MoleculeListing } from '../../../src/engine/api';
import { firstActiveRow } from '../../../src/state/slices/datasetSlice';
import { createAppStore } from '../../../src/state/store';

const NAN = Number.NaN;
const tox21: MoleculeListing = {
  dataset: 'tox21',
  split: 'test',
  count: 4,
  smiles: ['C', 'CC', 'CCC', 'CCCC'],
  // 3 tasks per row: row 0 inactive, row 1 untested, row 2 active in task 2
  targets: Float32Array.from([0, 0, 0, NAN, NAN, NAN, 0, NAN, 1, 1, 1, 1]),
  numTargets: 3,
  numNodes: Int32Array.from([1, 2, 3, 4]),
  numBonds: Int32Array.from([0, 1, 2, 3]),
};
const info = { name: 'tox21', title: 'TOX21', targetNames: ['a', 'b', 'c'] } as unknown as DatasetInfo;

describe('opening TOX21', () => {
  it('finds the first row active in some task', () => {
    expect(firstActiveRow(tox21)).toBe(2);
    expect(firstActiveRow({ ...tox21, targets: new Float32Array(12) })).toBe(0);
  });

  it('opens on the first active molecule when the person switches to TOX21, not on a link or a reload', () => {
    const store = createAppStore();
    store.getState().chooseDataset('tox21');
    store.getState().datasetLoaded(info, tox21);
    expect(store.getState().moleculeIndex).toBe(2);

    // A link that names row 0 keeps row 0 (nothing asked for the first active one).
    const linked = createAppStore();
    linked.setState({ datasetName: 'tox21', moleculeIndex: 0 });
    linked.getState().datasetLoaded(info, tox21);
    expect(linked.getState().moleculeIndex).toBe(0);
  });
});
