/**
 * Which MA criterion is active (src/ma/criterion.ts) and what it needs: the recorded scans of the open dataset's
 * checkpoints (first view, ways out of an empty view, the tour) and, per model, the criterion reference.
 * The ratio threshold itself stays in the view slice (`threshold`), as links before criteria carried it.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { CriterionKind, CriterionReference, RecordedScan } from '../../engine/api';
import type { AppState } from '../store';

export interface CriterionSlice {
  criterionKind: CriterionKind;
  alpha: number;
  bonferroni: boolean;
  percentile: number;
  /** Recorded scans of the open dataset's checkpoints, and the dataset they are for. */
  recordedScans: { dataset: string; scans: RecordedScan[] } | null;
  /** Criterion references by model entry id (null while it is fetched; an error text when it failed). */
  references: Record<string, CriterionReference | string | null>;
  setCriterionKind: (kind: CriterionKind) => void;
  setAlpha: (alpha: number) => void;
  setBonferroni: (on: boolean) => void;
  setPercentile: (percentile: number) => void;
  recordedScansLoaded: (dataset: string, scans: RecordedScan[]) => void;
  referenceArrived: (entryId: string, reference: CriterionReference | string | null) => void;
}

export const isValidAlpha = (alpha: number) => Number.isFinite(alpha) && alpha > 0 && alpha < 1;

export const createCriterionSlice: StateCreator<AppState, [], [], CriterionSlice> = (set, get) => ({
  criterionKind: 'ratio',
  alpha: 1e-4,
  bonferroni: false,
  percentile: 95,
  recordedScans: null,
  references: {},
  setCriterionKind: (criterionKind) => set({ criterionKind }),
  setAlpha: (alpha) => {
    if (isValidAlpha(alpha)) set({ alpha });
  },
  setBonferroni: (bonferroni) => set({ bonferroni }),
  setPercentile: (percentile) => set({ percentile }),
  recordedScansLoaded: (dataset, scans) => set({ recordedScans: { dataset, scans } }),
  referenceArrived: (entryId, reference) => set({ references: { ...get().references, [entryId]: reference } }),
});
