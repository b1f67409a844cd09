/**
 * The user's file in the store and the link: a loaded file becomes the dataset (its rows are `user` refs), a
 * broken file leaves everything as it was, another dataset closes it, and a link made with a file falls back with
 * a notice that names it; the TOX21 task travels as `tgt` and picks the attribution target.
 */
import { describe, expect, it } from 'vitest';
import type { UserDatasetReport } from '../../src/engine/api';
import { attributionTargetOf, moleculeRefOf } from '../../src/state/selectors';
import { createAppStore } from '../../src/state/store';
import { urlStateOf } from '../../src/state/urlSync';
import { decodeUrl, describeIgnored, encodeUrl, URL_DEFAULTS } from '../../src/state/urlState';
import { fakeListing } from './ui-state/helpers';

function fakeReport(id = 'user-1'): UserDatasetReport {
  const listing = { ...fakeListing(['CCO', 'CCN']), userDatasetId: id };
  return {
    id,
    title: 'mine.csv',
    family: 'zinc',
    format: 'csv',
    loaded: 2,
    total: 3,
    rejected: [{ line: 3, reason: 'RDKit could not read the SMILES "C1CC("' }],
    notes: [],
    targetNames: [],
    info: {
      name: 'zinc',
      title: 'mine.csv',
      description: '',
      task: 'regression',
      targetNames: [],
      splits: { test: 2, val: 0, train: 0 },
      drawing: 'molecule',
    },
    listing,
  };
}

/** Engine calls these tests do not make. */
const unused = async (): Promise<never> => {
  throw new Error('not used in this test');
};

describe('a user file in the store', () => {
  it('becomes the dataset once loaded; its rows are user refs; another dataset closes it', async () => {
    const store = createAppStore();
    const report = fakeReport();
    store.getState().attachUserDatasetEngine({
      loadUserDataset: async () => report,
      refeaturizeUserDataset: async () => ({ ...report, family: 'tox21' }),
      openCheckpointFiles: unused,
      listModels: unused,
    });
    await store.getState().loadUserFiles([{ name: 'mine.csv', bytes: new Uint8Array([67]) }], 'zinc');
    expect(store.getState().userDataset).toBe(report);
    expect(store.getState().userFileName).toBe('mine.csv');
    // The controller lists it; until then there is no molecule to show.
    expect(moleculeRefOf(store.getState())).toBeNull();
    store.getState().datasetLoaded(report.info, report.listing);
    store.getState().chooseMolecule(1);
    expect(moleculeRefOf(store.getState())).toEqual({ kind: 'user', datasetId: 'user-1', index: 1, dataset: 'zinc' });
    store.getState().chooseDataset('zinc');
    expect(store.getState().userDataset).toBeNull();
    expect(store.getState().userFileName).toBeNull();
  });

  it('leaves everything as it was when the file cannot be read, and says why', async () => {
    const store = createAppStore();
    store.getState().attachUserDatasetEngine({
      loadUserDataset: async () => {
        throw new Error('broken.csv is not a text file');
      },
      refeaturizeUserDataset: async () => fakeReport(),
      openCheckpointFiles: unused,
      listModels: unused,
    });
    const before = { dataset: store.getState().datasetName, index: store.getState().moleculeIndex };
    await store.getState().loadUserFiles([{ name: 'broken.csv', bytes: new Uint8Array([0]) }], 'zinc');
    expect(store.getState().userDatasetLoad).toEqual({
      status: 'failed',
      message: 'broken.csv could not be used: broken.csv is not a text file',
    });
    expect(store.getState().userDataset).toBeNull();
    expect({ dataset: store.getState().datasetName, index: store.getState().moleculeIndex }).toEqual(before);
  });
});

describe('links and the user file', () => {
  it('writes file= while a file is shown; opening it falls back to the family’s dataset with a notice', () => {
    const hash = encodeUrl({
      ...URL_DEFAULTS,
      datasetName: 'tox21',
      moleculeIndex: 3,
      selectedBond: 2,
      userFileName: 'mine.csv',
      predictionTarget: 4,
      ablations: [{ kind: 'remove-bond', bond: 2 }, { kind: 'ma-all' }],
    });
    expect(hash).toContain('file=mine.csv');
    const decoded = decodeUrl(hash);
    expect(decoded.state).toMatchObject({
      datasetName: 'tox21',
      moleculeIndex: 0,
      selectedBond: null,
      userFileName: null,
      predictionTarget: 4,
      ablations: [{ kind: 'ma-all' }],
    });
    expect(decoded.present).not.toContain('moleculeIndex');
    expect(describeIgnored(decoded.ignored)).toContain('file=mine.csv (a dropped file cannot travel in a link');
  });

  it('carries the TOX21 task as tgt (left out at 0) and rejects one past 11', () => {
    expect(encodeUrl(URL_DEFAULTS)).not.toContain('tgt');
    expect(decodeUrl(encodeUrl({ ...URL_DEFAULTS, predictionTarget: 7 })).state.predictionTarget).toBe(7);
    const bad = decodeUrl('v=1&tgt=12');
    expect(bad.state.predictionTarget).toBe(0);
    expect(bad.ignored[0].key).toBe('tgt');
  });

  it('explains the chosen task only for TOX21 models', () => {
    const store = createAppStore();
    const entry = (dataset: 'zinc' | 'tox21') => ({
      id: `base:small-gt-${dataset}`,
      label: '',
      detail: '',
      dataset,
      model: 'gt' as const,
      state: 'base' as const,
      layers: 4,
      heads: 8,
      hidden: 64,
    });
    store.setState({ modelEntries: [entry('tox21')], modelEntryId: 'base:small-gt-tox21', predictionTarget: 5 });
    expect(attributionTargetOf(store.getState())).toBe(5);
    store.setState({ modelEntries: [entry('zinc')], modelEntryId: 'base:small-gt-zinc' });
    expect(attributionTargetOf(store.getState())).toBe(0);
    expect(urlStateOf(store.getState()).predictionTarget).toBe(5);
  });
});
