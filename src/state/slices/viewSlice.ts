/** How things are shown: which layer colours the bonds, the MA threshold, hover, open panels. */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from '../store';

export const DEFAULT_THRESHOLD = 1000;

/** A ratio max/median is at least 1, so a threshold must be a finite number of at least 1. */
export const isValidThreshold = (value: number) => Number.isFinite(value) && value >= 1;

/** A layer index (0-based) or the maximum over all layers. */
export type LayerChoice = number | 'max';

export interface ViewSlice {
  layer: LayerChoice;
  threshold: number;
  hoveredBond: number | null;
  aboutOpen: boolean;
  setLayer: (layer: LayerChoice) => void;
  setThreshold: (threshold: number) => void;
  hoverBond: (bond: number | null) => void;
  setAboutOpen: (open: boolean) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  layer: 'max',
  threshold: DEFAULT_THRESHOLD,
  hoveredBond: null,
  aboutOpen: false,
  setLayer: (layer) => set({ layer }),
  setThreshold: (threshold) => {
    if (isValidThreshold(threshold)) set({ threshold });
  },
  hoverBond: (bond) => set({ hoveredBond: bond }),
  setAboutOpen: (open) => set({ aboutOpen: open }),
});
