/** What the engine computed for the current selection: the drawing, the analysis and the selected bond's detail. */
import type { StateCreator } from 'zustand/vanilla';
import type { BondDetail, MoleculeAnalysis, MoleculeDrawing } from '../../engine/api';
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
  setDrawingResult: (result: Result<MoleculeDrawing>) => void;
  setAnalysisResult: (result: Result<MoleculeAnalysis>) => void;
  setBondDetailResult: (result: Result<BondDetail>) => void;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  drawingResult: idle,
  analysisResult: idle,
  bondDetailResult: idle,
  setDrawingResult: (result) => set({ drawingResult: result }),
  setAnalysisResult: (result) => set({ analysisResult: result }),
  setBondDetailResult: (result) => set({ bondDetailResult: result }),
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
