/**
 * A user's dropped file shown as the dataset: the engine reads it (loadUserDataset) for a model family, the report
 * with every rejected row is kept, and the molecule list shows its rows (explorerController lists it). A file that
 * cannot be read leaves everything as it was and says why. The engine is attached once it starts.
 */
import * as Comlink from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import type { Engine, UserDatasetFamily, UserDatasetProgress, UserDatasetReport } from '../../engine/api';
import type { OpenCheckpointOptions } from '../../engine/userCheckpoints';
import type { AppState } from '../store';
import { newMolecule } from './selectionSlice';

export type UserDatasetEngine = Pick<
  Engine,
  'loadUserDataset' | 'refeaturizeUserDataset' | 'openCheckpointFiles' | 'listModels'
>;

/** A file as the page read it (name and bytes), ready for the worker. */
export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

export interface UserDatasetLoad {
  status: 'idle' | 'loading' | 'failed';
  /** What is being read, or why it could not be (plain text). */
  message: string | null;
}

export interface UserDatasetSlice {
  /** The file shown as the dataset (null: a bundled dataset is shown). */
  userDataset: UserDatasetReport | null;
  /** Its name, for the link: a file cannot travel in a link, so opening it says so (urlState.ts). */
  userFileName: string | null;
  userDatasetLoad: UserDatasetLoad;
  userDatasetEngine: UserDatasetEngine | null;
  attachUserDatasetEngine: (engine: UserDatasetEngine) => void;
  /**
   * Reads the files for `family` and shows them; on failure nothing else changes. Read files are kept across
   * reloads ("My data") unless they came from there (`keptId`).
   */
  loadUserFiles: (files: DroppedFile[], family: UserDatasetFamily, from?: { keptId?: string }) => Promise<void>;
  /**
   * Opens a saved checkpoint (model.json and weights.bin, or a PyTorch file with `options` for what its shapes
   * cannot tell) and shows it: its dataset is opened if another is shown (a dropped file of the same family stays).
   * The files are kept across reloads (the entry is then `file:<kept id>`). On failure nothing else changes.
   */
  openCheckpointFiles: (files: DroppedFile[], options?: OpenCheckpointOptions) => Promise<void>;
  /** The shown file read again for the other family's models. */
  setUserFamily: (family: UserDatasetFamily) => Promise<void>;
  showUserDataset: (report: UserDatasetReport) => void;
}

const IDLE: UserDatasetLoad = { status: 'idle', message: null };

export const createUserDatasetSlice: StateCreator<AppState, [], [], UserDatasetSlice> = (set, get) => {
  let generation = 0;
  /** Runs one engine read; only the latest one's outcome is applied. */
  const read = async (
    what: string,
    call: (onProgress: (p: UserDatasetProgress) => void) => Promise<UserDatasetReport>,
  ) => {
    const mine = ++generation;
    let settled = false;
    let shown = false;
    set({ userDatasetLoad: { status: 'loading', message: `Reading ${what}…` } });
    // Progress messages cross the worker boundary on their own channel and can arrive after the answer.
    const onProgress = (p: UserDatasetProgress) => {
      if (mine === generation && !settled) set({ userDatasetLoad: { status: 'loading', message: `${p.message}…` } });
    };
    try {
      const report = await call(onProgress).finally(() => (settled = true));
      if (mine === generation) {
        get().showUserDataset(report);
        shown = true;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (mine === generation)
        set({ userDatasetLoad: { status: 'failed', message: `${what} could not be used: ${message}` } });
    }
    return shown;
  };
  const engine = () => {
    const attached = get().userDatasetEngine;
    if (!attached) throw new Error('the compute engine has not started yet');
    return attached;
  };
  return {
    userDataset: null,
    userFileName: null,
    userDatasetLoad: IDLE,
    userDatasetEngine: null,
    attachUserDatasetEngine: (userDatasetEngine) => set({ userDatasetEngine }),
    loadUserFiles: async (files, family, from = {}) => {
      const name = files.map((f) => f.name).join(', ') || 'the file';
      const shown = await read(name, (onProgress) =>
        engine().loadUserDataset(files, family, Comlink.proxy(onProgress)),
      );
      if (shown && !from.keptId) await get().keepFiles('dataset', name, files, { family });
    },
    openCheckpointFiles: async (files, options = {}) => {
      const mine = ++generation;
      const what = files.map((f) => f.name).join(' and ');
      set({ userDatasetLoad: { status: 'loading', message: `Opening ${what}…` } });
      // Kept first, so that the entry's id is the kept item's from the start (links name it).
      const keptBefore = new Set(get().kept.map((k) => k.id));
      const kept = options.keptId ? null : await get().keepFiles('checkpoint', what, files, { options });
      const keptNow = kept && !keptBefore.has(kept.id) ? kept : null; // only what this drop added is undone
      try {
        const entry = await engine().openCheckpointFiles(files, { ...options, keptId: options.keptId ?? kept?.id });
        if (mine !== generation) return;
        set({ userDatasetLoad: IDLE });
        if (get().datasetName === entry.dataset) {
          // The list must hold the entry before it is chosen, or the view has no model to analyse with.
          get().modelsListed(await engine().listModels(entry.dataset));
          get().chooseModel(entry.id);
        } else {
          get().chooseModel(entry.id); // kept when the dataset's list arrives (modelsListed)
          get().chooseDataset(entry.dataset);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (keptNow) {
          await get()
            .keptStore?.remove(keptNow.id)
            .catch(() => {});
          await get().refreshKept();
        }
        if (mine === generation)
          set({ userDatasetLoad: { status: 'failed', message: `${what} could not be opened: ${message}` } });
      }
    },
    setUserFamily: async (family) => {
      const shown = get().userDataset;
      if (!shown || shown.family === family) return;
      await read(shown.title, (onProgress) =>
        engine().refeaturizeUserDataset(shown.id, family, Comlink.proxy(onProgress)),
      );
    },
    showUserDataset: (report) => {
      const sameFile = get().userDataset?.id === report.id;
      set({
        userDataset: report,
        userFileName: report.title,
        userDatasetLoad: IDLE,
        datasetName: report.family,
        listing: null,
        datasetInfo: null,
        moleculeQuery: '',
        visibleMolecules: new Int32Array(0),
        smiles: null,
        smilesRequest: null,
        // Another family keeps the row (the same molecule, featurised differently) but not its bond choices.
        ...(!sameFile && { moleculeIndex: 0 }),
      });
      set(newMolecule(get()));
    },
  };
};
