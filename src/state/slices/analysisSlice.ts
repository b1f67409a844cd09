/**
 * The dataset analysis: which scan the person asked for (model, dataset, split, how many molecules), its result
 * and progress, and the molecule filter that brushing a panel sets (the molecule list shows only those rows).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { BundledDatasetName, DatasetScanProgress, DatasetScanResult, SplitName } from '../../engine/api';
import type { AppState } from '../store';
import { idle, type Result } from './resultsSlice';

/** What a Scan click asks for; the threshold comes from the view (a new one re-derives without a new forward). */
export interface ScanChoice {
  modelEntry: string;
  dataset: BundledDatasetName;
  split: SplitName;
  /** First molecules of the split to scan; null for all of them. */
  limit: number | null;
  /** Counts Scan clicks, so that clicking again retries a scan that failed. */
  attempt: number;
}

/** Rows of one split picked by brushing, with what picked them in words (the chip's text). */
export interface MoleculeFilter {
  dataset: BundledDatasetName;
  split: SplitName;
  label: string;
  indices: Int32Array;
  /** For a ratio range brushed on the maxima chart: the layer (or "max") and the range. */
  range?: { layer: number | 'max'; low: number; high: number };
}

export interface AnalysisSlice {
  scanLimit: number | null;
  scanChoice: ScanChoice | null;
  scanResult: Result<DatasetScanResult>;
  scanProgress: DatasetScanProgress | null;
  moleculeFilter: MoleculeFilter | null;
  setScanLimit: (limit: number | null) => void;
  /** Scans the current model over the open split (see analysisController). */
  requestScan: () => void;
  /** Withdraws the scan request; a running scan stops after its current batch. */
  cancelScan: () => void;
  setScanResult: (result: Result<DatasetScanResult>) => void;
  setScanProgress: (progress: DatasetScanProgress | null) => void;
  setMoleculeFilter: (filter: MoleculeFilter | null) => void;
}

export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set, get) => ({
  scanLimit: null,
  scanChoice: null,
  scanResult: idle,
  scanProgress: null,
  moleculeFilter: null,
  setScanLimit: (scanLimit) => set({ scanLimit }),
  requestScan: () => {
    const { modelEntryId, datasetName, split, scanLimit } = get();
    if (modelEntryId === null) return;
    set({
      scanChoice: {
        modelEntry: modelEntryId,
        dataset: datasetName,
        split,
        limit: scanLimit,
        attempt: (get().scanChoice?.attempt ?? 0) + 1,
      },
      moleculeFilter: null,
    });
  },
  cancelScan: () => set({ scanChoice: null }),
  setScanResult: (scanResult) => set({ scanResult }),
  setScanProgress: (scanProgress) => set({ scanProgress }),
  setMoleculeFilter: (moleculeFilter) => set({ moleculeFilter }),
});

/** The scan choice when it still fits what is open (same model, dataset and split), else null. */
export function activeScanChoice(state: AppState): ScanChoice | null {
  const choice = state.scanChoice;
  if (!choice) return null;
  const fits =
    choice.modelEntry === state.modelEntryId && choice.dataset === state.datasetName && choice.split === state.split;
  return fits ? choice : null;
}

/** The engine request for the active choice at the current threshold. */
export function activeScanRequest(state: AppState) {
  const choice = activeScanChoice(state);
  if (!choice) return null;
  return {
    modelEntry: choice.modelEntry,
    dataset: choice.dataset,
    split: choice.split,
    threshold: state.threshold,
    ...(choice.limit !== null && { limit: choice.limit }),
  };
}

/** The scan result for exactly what is open (model, dataset, split, threshold), or null. */
export function scanForView(state: AppState): DatasetScanResult | null {
  const request = activeScanRequest(state);
  const result = state.scanResult.value;
  if (!request || !result) return null;
  const same =
    result.modelEntry === request.modelEntry &&
    result.dataset === request.dataset &&
    result.split === request.split &&
    result.threshold === request.threshold;
  return same ? result : null;
}

/** The filter when it belongs to the open split. */
export function moleculeFilterForListing(state: AppState): MoleculeFilter | null {
  const filter = state.moleculeFilter;
  const listing = state.listing;
  if (!filter || !listing || filter.dataset !== listing.dataset || filter.split !== listing.split) return null;
  return filter;
}

/** The molecules a person can step through: the search's result, narrowed by a brushing filter when one is set. */
export function navigableMolecules(state: AppState): Int32Array {
  const filter = moleculeFilterForListing(state);
  if (!filter) return state.visibleMolecules;
  const keep = new Set(filter.indices);
  return state.visibleMolecules.filter((i) => keep.has(i));
}
