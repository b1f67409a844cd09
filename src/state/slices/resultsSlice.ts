/**
 * What the engine computed for the current selection: the drawing, the analysis, the selected bond's detail and
 * the attributions.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { BondDetail, MoleculeAnalysis, MoleculeAttribution, MoleculeDrawing } from '../../engine/api';
import type { AppState } from '../store';
import type { LoadStatus } from './datasetSlice';

export interface Result<T> {
  status: LoadStatus;
  value: T | null;
  error: string | null;
  /** What the value is for (e.g. the molecule), so consumers can tell a stale value kept while loading. */
  key: string | null;
}

export const idle = { status: 'idle', value: null, error: null, key: null } as const;

export interface ResultsSlice {
  drawingResult: Result<MoleculeDrawing>;
  analysisResult: Result<MoleculeAnalysis>;
  bondDetailResult: Result<BondDetail>;
  attributionResult: Result<MoleculeAttribution>;
  setDrawingResult: (result: Result<MoleculeDrawing>) => void;
  setAnalysisResult: (result: Result<MoleculeAnalysis>) => void;
  setBondDetailResult: (result: Result<BondDetail>) => void;
  setAttributionResult: (result: Result<MoleculeAttribution>) => void;
  /** The methods still being computed after the shown one arrived ('stopped' when the person stopped them). */
  attributionRest: 'none' | 'loading' | 'stopped';
  /** The attribution request (its key) whose remaining methods the person stopped. */
  attributionStoppedKey: string | null;
  setAttributionRest: (rest: 'none' | 'loading' | 'stopped') => void;
  stopAttribution: () => void;
  setAttributionStoppedKey: (key: string | null) => void;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  drawingResult: idle,
  analysisResult: idle,
  bondDetailResult: idle,
  attributionResult: idle,
  setDrawingResult: (result) => set({ drawingResult: result }),
  setAnalysisResult: (result) => set({ analysisResult: result }),
  setBondDetailResult: (result) => set({ bondDetailResult: result }),
  setAttributionResult: (result) => set({ attributionResult: result }),
  attributionRest: 'none',
  attributionStoppedKey: null,
  setAttributionRest: (attributionRest) => set({ attributionRest }),
  stopAttribution: () => set((s) => ({ attributionStoppedKey: s.attributionResult.key })),
  setAttributionStoppedKey: (attributionStoppedKey) => set({ attributionStoppedKey }),
});

/** Loading; the previous value stays (with its own key) so the view does not flash empty. */
export const loading = <T>(previous: Result<T>): Result<T> => ({ ...previous, status: 'loading', error: null });
export const ready = <T>(value: T, key: string): Result<T> => ({ status: 'ready', value, error: null, key });
export const failed = <T>(error: unknown, key: string): Result<T> => ({
  status: 'failed',
  value: null,
  error: error instanceof Error ? error.message : String(error),
  key,
});
