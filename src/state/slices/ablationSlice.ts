/** The stack of ablations applied to the shown molecule: toggled, undone last first, or cleared. */
import type { StateCreator } from 'zustand/vanilla';
import { toggleItem, type AblationItem } from '../ablations';
import type { AppState } from '../store';

export interface AblationSlice {
  ablations: AblationItem[];
  /** Adds the ablation on top, or takes it out when it is already applied. */
  toggleAblation: (item: AblationItem) => void;
  /** Takes the last ablation off. */
  undoAblation: () => void;
  clearAblations: () => void;
}

export const createAblationSlice: StateCreator<AppState, [], [], AblationSlice> = (set, get) => ({
  ablations: [],
  toggleAblation: (item) => set({ ablations: toggleItem(get().ablations, item) }),
  undoAblation: () => set({ ablations: get().ablations.slice(0, -1) }),
  clearAblations: () => set({ ablations: [] }),
});
