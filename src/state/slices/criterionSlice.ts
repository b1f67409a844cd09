/**
 * Which MA criterion is active (src/ma/criterion.ts) and what it needs: the recorded scans of the open dataset's
 * checkpoints (first view, ways out of an empty view, the tour) and, per model, the criterion reference.
 * The ratio threshold itself stays in the view slice (`threshold`), as links before criteria carried it.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { CriterionKind, CriterionReference, RecordedScan, ViewChoice } from '../../engine/api';
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
  /** The page opened without a link: show the recorded view where the criterion flags most, once it is known. */
  firstViewPending: boolean;
  /** The view chosen that way (for the line that says why this molecule). */
  firstView: ViewChoice | null;
  setCriterionKind: (kind: CriterionKind) => void;
  setAlpha: (alpha: number) => void;
  setBonferroni: (on: boolean) => void;
  setPercentile: (percentile: number) => void;
  recordedScansLoaded: (dataset: string, scans: RecordedScan[]) => void;
  referenceArrived: (entryId: string, reference: CriterionReference | string | null) => void;
  /** Shows a recorded view: that model, layer and row of the test split (the first view, the ways out). */
  showRecordedView: (choice: ViewChoice) => void;
}

export const isValidAlpha = (alpha: number) => Number.isFinite(alpha) && alpha > 0 && alpha < 1;

export const createCriterionSlice: StateCreator<AppState, [], [], CriterionSlice> = (set, get) => ({
  criterionKind: 'ratio',
  alpha: 1e-4,
  bonferroni: false,
  percentile: 95,
  recordedScans: null,
  references: {},
  firstViewPending: false,
  firstView: null,
  setCriterionKind: (criterionKind) => set({ criterionKind }),
  setAlpha: (alpha) => {
    if (isValidAlpha(alpha)) set({ alpha });
  },
  setBonferroni: (bonferroni) => set({ bonferroni }),
  setPercentile: (percentile) => set({ percentile }),
  recordedScansLoaded: (dataset, scans) => set({ recordedScans: { dataset, scans } }),
  referenceArrived: (entryId, reference) => set({ references: { ...get().references, [entryId]: reference } }),
  showRecordedView: (choice) => {
    const s = get();
    set({
      modelEntryId: choice.entryId,
      layer: choice.layer,
      split: 'test',
      moleculeIndex: choice.moleculeIndex,
      smiles: null,
      selectedBond: null,
      ablations: s.ablations.filter((a) => a.kind !== 'remove-bond' && a.kind !== 'ma-bond'),
      firstViewPending: false,
    });
  },
});
