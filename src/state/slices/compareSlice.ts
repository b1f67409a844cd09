/**
 * Models side by side: null when one model is shown, else the ids of the two or three models drawn in panes
 * (by default the base, trained and EBT checkpoints of the chosen model's architecture).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ModelEntry } from '../../engine/api';
import type { AppState } from '../store';
import type { CompareResults } from '../compareController';

export const MAX_COMPARED = 3;

export interface CompareSlice {
  compareModels: string[] | null;
  /** The compared models' analyses of the shown molecule (compareController.ts). */
  compareResults: CompareResults | null;
  setCompare: (on: boolean) => void;
  setCompareModels: (ids: string[] | null) => void;
}

/**
 * Not an experiment (NoEdge GT, paper-form EBT, global node, random bond types): the plain models a default comparison
 * is built from.
 */
const isPlain = (e: ModelEntry) => !e.experiment;

/**
 * Base, trained and EBT of the same architecture as `entry` (checkpoints preferred), in that order. A variant is
 * compared with the plain model it differs from: a NoEdge GT with the GT in the same state (MAs with and without
 * edge features in attention), a paper-form EBT with the intended form, a global-node GT with the GT.
 */
export function defaultComparison(entries: ModelEntry[], entry: ModelEntry | null): string[] {
  if (!entry) return [];
  const same = entries.filter(
    (e) => isPlain(e) && e.model === entry.model && e.layers === entry.layers && e.hidden === entry.hidden,
  );
  if (!isPlain(entry)) {
    const twin = same.find((e) => e.state === entry.state && e.id.startsWith('ckpt:'));
    return twin ? [entry.id, twin.id] : [entry.id];
  }
  const pick = (state: ModelEntry['state']) =>
    (state === entry.state ? entry : same.find((e) => e.state === state && e.id.startsWith('ckpt:')))?.id;
  const ids = (['base', 'trained', 'ebt'] as const).map(pick).filter((id): id is string => id !== undefined);
  return ids.length >= 2 ? ids : [entry.id];
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compareModels: null,
  compareResults: null,
  setCompare: (on) => {
    if (!on) return set({ compareModels: null });
    const s = get();
    const entry = s.modelEntries.find((e) => e.id === s.modelEntryId) ?? null;
    set({ compareModels: defaultComparison(s.modelEntries, entry) });
  },
  setCompareModels: (ids) => set({ compareModels: ids === null ? null : [...new Set(ids)].slice(0, MAX_COMPARED) }),
});
