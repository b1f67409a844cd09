/**
 * Which molecule is shown (a row of the open split, or a typed SMILES) and which bond is selected. Another
 * molecule clears the bond and the ablations that name a bond (bond k of another molecule is another bond).
 */
import type { StateCreator } from 'zustand/vanilla';
import { withoutBondAblations } from '../ablations';
import type { AppState } from '../store';
import { navigableMolecules } from './analysisSlice';

export interface SelectionSlice {
  /** Row of the open split; kept while a typed SMILES is shown, so "next" returns to the list. */
  moleculeIndex: number;
  /** A typed SMILES being shown instead of the row, or null. */
  smiles: string | null;
  selectedBond: number | null;
  /** A typed SMILES being checked (drawn by the engine) before it replaces the molecule; its error if it failed. */
  smilesRequest: { text: string; status: 'checking' | 'failed'; error: string | null } | null;
  chooseMolecule: (index: number) => void;
  /** Asks for a typed SMILES; it is shown once the engine could read it (see explorerController). */
  requestSmiles: (smiles: string) => void;
  smilesChecked: (text: string, error: string | null) => void;
  /** Next (+1) or previous (-1) molecule among those the search shows. */
  stepMolecule: (delta: 1 | -1) => void;
  selectBond: (bond: number | null) => void;
  /** Next (+1) or previous (-1) bond of the drawing, wrapping around. */
  stepBond: (delta: 1 | -1) => void;
  /** A SMILES that could not be shown (e.g. from a link): back to the list, with a notice. */
  dropSmiles: (reason: string) => void;
}

/** What changes with the molecule: no bond selected, no bond ablations, no refused SMILES still on show. */
export const newMolecule = (state: AppState) => ({
  selectedBond: null,
  ablations: withoutBondAblations(state.ablations),
  smilesRequest: state.smilesRequest?.status === 'failed' ? null : state.smilesRequest,
});

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  moleculeIndex: 0,
  smiles: null,
  selectedBond: null,
  smilesRequest: null,
  chooseMolecule: (index) => set({ moleculeIndex: index, smiles: null, ...newMolecule(get()) }),
  requestSmiles: (smiles) => set({ smilesRequest: { text: smiles.trim(), status: 'checking', error: null } }),
  smilesChecked: (text, error) => {
    if (get().smilesRequest?.text !== text) return; // a newer request replaced it
    if (error === null) set({ smiles: text, ...newMolecule(get()), smilesRequest: null });
    else set({ smilesRequest: { text, status: 'failed', error } });
  },
  stepMolecule: (delta) => {
    const { smiles, moleculeIndex } = get();
    const visibleMolecules = navigableMolecules(get());
    if (smiles !== null) return set({ smiles: null, ...newMolecule(get()) });
    if (visibleMolecules.length === 0) return;
    const at = visibleMolecules.indexOf(moleculeIndex);
    const next =
      at >= 0
        ? visibleMolecules[Math.min(Math.max(at + delta, 0), visibleMolecules.length - 1)]
        : (visibleMolecules.find((i) => (delta > 0 ? i > moleculeIndex : i < moleculeIndex)) ?? visibleMolecules[0]);
    if (next !== moleculeIndex) set({ moleculeIndex: next, ...newMolecule(get()) });
  },
  selectBond: (bond) => set({ selectedBond: bond }),
  stepBond: (delta) => {
    const numBonds = get().drawingResult.value?.bonds.length ?? 0;
    if (numBonds === 0) return;
    const current = get().selectedBond;
    const next = current === null ? (delta > 0 ? 0 : numBonds - 1) : (current + delta + numBonds) % numBonds;
    set({ selectedBond: next });
  },
  dropSmiles: (reason) => {
    if (get().smiles === null) return;
    set({ smiles: null, ...newMolecule(get()) });
    get().addNotices([reason]);
  },
});
