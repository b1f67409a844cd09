/** The models offered for the open dataset and the one in use. */
import type { StateCreator } from 'zustand/vanilla';
import type { ModelEntry } from '../../engine/api';
import type { AppState } from '../store';

export interface ModelSlice {
  modelEntries: ModelEntry[];
  modelEntryId: string | null;
  chooseModel: (entryId: string) => void;
  /**
   * New entries for the open dataset; keeps the chosen model when it is among them (same kind otherwise). A
   * model asked for by a link that is not offered gets a notice.
   */
  modelsListed: (entries: ModelEntry[]) => void;
}

export const createModelSlice: StateCreator<AppState, [], [], ModelSlice> = (set, get) => ({
  modelEntries: [],
  modelEntryId: null,
  chooseModel: (entryId) => set({ modelEntryId: entryId }),
  modelsListed: (entries) => {
    const wanted = get().modelEntryId;
    const current = get().modelEntries.find((e) => e.id === wanted);
    const keep =
      entries.find((e) => e.id === wanted) ??
      entries.find((e) => e.model === current?.model && e.state === current?.state) ??
      entries[0];
    set({ modelEntries: entries, modelEntryId: keep?.id ?? null });
    // A model chosen before any list (from a link) that this dataset does not offer.
    if (wanted !== null && !current && keep?.id !== wanted)
      get().addNotices([`The model "${wanted}" is not offered here; showing ${keep ? `"${keep.label}"` : 'none'}.`]);
  },
});
