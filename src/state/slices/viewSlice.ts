/** How things are shown: colour mode, which layer colours the bonds, the MA threshold, hover, open panels. */
import type { StateCreator } from 'zustand/vanilla';
import type { AttributionMethod } from '../../engine/api';
import type { AppState } from '../store';

export const DEFAULT_THRESHOLD = 1000;

/** A ratio max/median is at least 1, so a threshold must be a finite number of at least 1. */
export const isValidThreshold = (value: number) => Number.isFinite(value) && value >= 1;

/** A layer index (0-based) or the maximum over all layers. */
export type LayerChoice = number | 'max';

/**
 * Bonds coloured by their MA ratio, by an attribution method's score, or by the change an ablation made; or atoms
 * coloured by their node MA ratio (max|h_att| / median|h_att|, the NoEdge GT's measure, docs/METHOD.md §10.2).
 */
export type ColorMode = 'ma' | 'attribution' | 'change' | 'node';

/** Panels that open and close (and travel in a shared link). */
export const PANELS = ['about', 'analysis', 'training'] as const;
export type PanelName = (typeof PANELS)[number];
const DRAWERS: readonly PanelName[] = ['about', 'training'];

export interface ViewSlice {
  layer: LayerChoice;
  threshold: number;
  colorMode: ColorMode;
  attributionMethod: AttributionMethod;
  hoveredBond: number | null;
  /** Draw each atom's index (C35, N3) beside it, as the inspector's lists name atoms. */
  showAtomIndices: boolean;
  setShowAtomIndices: (show: boolean) => void;
  openPanels: PanelName[];
  /** The output the prediction panel highlights and attributions explain (a TOX21 task; 0 for one output). */
  predictionTarget: number;
  setPredictionTarget: (target: number) => void;
  setLayer: (layer: LayerChoice) => void;
  setThreshold: (threshold: number) => void;
  setColorMode: (mode: ColorMode) => void;
  setAttributionMethod: (method: AttributionMethod) => void;
  hoverBond: (bond: number | null) => void;
  setPanelOpen: (panel: PanelName, open: boolean) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  layer: 'max',
  threshold: DEFAULT_THRESHOLD,
  colorMode: 'ma',
  attributionMethod: 'occlusion',
  hoveredBond: null,
  showAtomIndices: false,
  setShowAtomIndices: (showAtomIndices) => set({ showAtomIndices }),
  openPanels: [],
  predictionTarget: 0,
  setPredictionTarget: (predictionTarget) => {
    if (Number.isInteger(predictionTarget) && predictionTarget >= 0) set({ predictionTarget });
  },
  setLayer: (layer) => set({ layer }),
  setThreshold: (threshold) => {
    if (isValidThreshold(threshold)) set({ threshold });
  },
  setColorMode: (colorMode) => set({ colorMode }),
  setAttributionMethod: (attributionMethod) => set({ attributionMethod }),
  hoverBond: (bond) => set({ hoveredBond: bond }),
  setPanelOpen: (panel, open) => {
    // About and Training are drawers on the same side of the page: opening one closes the other.
    const closes = (p: PanelName) => p === panel || (open && DRAWERS.includes(panel) && DRAWERS.includes(p));
    const others = get().openPanels.filter((p) => !closes(p));
    set({ openPanels: open ? [...others, panel] : others });
  },
});
