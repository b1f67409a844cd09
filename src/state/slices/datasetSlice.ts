/** Which bundled dataset and split are open, their molecule list, and the list's search text. */
import type { StateCreator } from 'zustand/vanilla';
import type { BundledDatasetName, DatasetInfo, MoleculeListing, SplitName } from '../../engine/api';
import { filterMolecules } from '../moleculeFilter';
import { newMolecule } from './selectionSlice';
import type { AppState } from '../store';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface DatasetSlice {
  datasetName: BundledDatasetName;
  split: SplitName;
  datasetStatus: LoadStatus;
  datasetInfo: DatasetInfo | null;
  listing: MoleculeListing | null;
  datasetError: string | null;
  moleculeQuery: string;
  /** Indices of the listing that match the query, in order (all of them for an empty query). */
  visibleMolecules: Int32Array;
  /** Set when the person switches to TOX21: open its first molecule active in some task, not an all-inactive #0. */
  openFirstActive: boolean;
  chooseDataset: (name: BundledDatasetName) => void;
  chooseSplit: (split: SplitName) => void;
  setMoleculeQuery: (query: string) => void;
  datasetLoading: () => void;
  datasetLoaded: (info: DatasetInfo, listing: MoleculeListing) => void;
  datasetFailed: (message: string) => void;
}

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set, get) => ({
  datasetName: 'zinc',
  split: 'test',
  datasetStatus: 'idle',
  datasetInfo: null,
  listing: null,
  datasetError: null,
  moleculeQuery: '',
  visibleMolecules: new Int32Array(0),
  openFirstActive: false,
  chooseDataset: (name) => {
    if (name === get().datasetName && !get().userDataset) return;
    set({
      datasetName: name,
      userDataset: null,
      userFileName: null,
      listing: null,
      datasetInfo: null,
      moleculeQuery: '',
      visibleMolecules: new Int32Array(0),
    });
    // A typed SMILES stays (re-featurised for the new dataset's models), except for PROTEINS, which has none.
    if (name === 'proteins') set({ smiles: null, smilesRequest: null });
    set({ moleculeIndex: 0, openFirstActive: name === 'tox21' && get().smiles === null, ...newMolecule(get()) });
  },
  chooseSplit: (split) => {
    if (split === get().split) return;
    set({ split, listing: null, moleculeIndex: 0, smiles: null, ...newMolecule(get()) });
  },
  setMoleculeQuery: (query) => {
    const listing = get().listing;
    set({ moleculeQuery: query, visibleMolecules: listing ? filterMolecules(listing, query) : new Int32Array(0) });
  },
  datasetLoading: () => set({ datasetStatus: 'loading', datasetError: null }),
  datasetLoaded: (info, listing) => {
    set({
      datasetStatus: 'ready',
      datasetInfo: info,
      listing,
      datasetError: null,
      visibleMolecules: filterMolecules(listing, get().moleculeQuery),
    });
    if (get().openFirstActive) {
      set({ openFirstActive: false });
      const active = firstActiveRow(listing);
      if (active > 0 && get().moleculeIndex === 0 && get().smiles === null)
        set({ moleculeIndex: active, ...newMolecule(get()) });
    }
    const index = get().moleculeIndex;
    if (index < listing.count) return;
    // Only a link can ask for a row past the end; the row's bond and ablations go with it (unless a SMILES is shown).
    set({ moleculeIndex: 0, ...(get().smiles === null && newMolecule(get())) });
    get().addNotices([
      `${info.title} ${listing.split} has no molecule #${index} (it has ${listing.count}); showing #0.`,
    ]);
  },
  datasetFailed: (message) => set({ datasetStatus: 'failed', datasetError: message }),
});

/** The first row with a positive label in any task (0 when none has one). */
export function firstActiveRow(listing: MoleculeListing): number {
  const t = listing.numTargets;
  for (let i = 0; i < listing.count; i++) for (let k = 0; k < t; k++) if (listing.targets[i * t + k] === 1) return i;
  return 0;
}
