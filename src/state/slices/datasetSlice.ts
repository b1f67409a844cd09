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
    set({ moleculeIndex: 0, ...newMolecule(get()) });
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
