/** The models offered for the open dataset and the one in use. */
import type { StateCreator } from 'zustand/vanilla';
import type { ModelEntry } from '../../engine/api';
import type { AppState } from '../store';

export interface ModelSlice {
  modelEntries: ModelEntry[];
  modelEntryId: string | null;
  chooseModel: (entryId: string) => void;
  /** New entries for the open dataset; keeps the chosen model when it is among them (same kind otherwise). */
  modelsListed: (entries: ModelEntry[]) => void;
}

export const createModelSlice: StateCreator<AppState, [], [], ModelSlice> = (set, get) => ({
  modelEntries: [],
  modelEntryId: null,
  chooseModel: (entryId) => set({ modelEntryId: entryId }),
  modelsListed: (entries) => {
    const current = get().modelEntries.find((e) => e.id === get().modelEntryId);
    const keep =
      entries.find((e) => e.id === current?.id) ??
      entries.find((e) => e.model === current?.model && e.state === current?.state) ??
      entries[0];
    set({ modelEntries: entries, modelEntryId: keep?.id ?? null });
  },
});
