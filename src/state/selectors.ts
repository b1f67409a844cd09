/** Selectors and derived values shared by several components and the controller; pure functions of the state. */
import type { MoleculeAnalysis, MoleculeAttribution, MoleculeRef } from '../engine/api';
import { maxSkippingNaN } from '../ma/bondRatios';
import { toEngineAblation, usesThreshold } from './ablations';
import { criterionOf, referenceOf } from './criterionView';
import { layerCutoffs } from '../ma/criterion';
import type { AppState, LayerChoice } from './store';

/** The molecule to draw and analyse: the typed SMILES (featurised for the open dataset) or the chosen row. */
export function moleculeRefOf(state: AppState): MoleculeRef | null {
  if (state.smiles !== null) return { kind: 'smiles', smiles: state.smiles, dataset: state.datasetName };
  if (state.userDataset) return userMoleculeRefOf(state);
  if (!state.listing || state.listing.dataset !== state.datasetName || state.listing.split !== state.split) return null;
  if (state.listing.userDatasetId !== undefined) return null;
  if (state.moleculeIndex >= state.listing.count) return null;
  return { kind: 'dataset', dataset: state.datasetName, split: state.split, index: state.moleculeIndex };
}

/** The chosen row of the user's file shown as the dataset, once its listing is the one loaded. */
function userMoleculeRefOf(state: AppState): MoleculeRef | null {
  const { userDataset, listing, moleculeIndex } = state;
  if (!userDataset || listing?.userDatasetId !== userDataset.id || listing.dataset !== userDataset.family) return null;
  if (moleculeIndex >= listing.count) return null;
  return { kind: 'user', datasetId: userDataset.id, index: moleculeIndex, dataset: userDataset.family };
}

export const selectModelEntry = (state: AppState) =>
  state.modelEntries.find((entry) => entry.id === state.modelEntryId) ?? null;

/** Per bond, the ratio of the chosen layer, or the maximum over layers (NaN skipped, as per-graph maxima). */
export function bondRatiosForLayer(analysis: MoleculeAnalysis, layer: LayerChoice): Float64Array {
  if (layer !== 'max') return analysis.bondRatios[Math.min(layer, analysis.numLayers - 1)];
  const out = new Float64Array(analysis.numBonds).fill(NaN);
  for (const ratios of analysis.bondRatios) ratios.forEach((r, k) => (out[k] = maxSkippingNaN(out[k], r)));
  return out;
}

/** Per atom, the node MA ratio of the chosen layer, or the maximum over layers (NaN skipped). */
export function nodeRatiosForLayer(analysis: MoleculeAnalysis, layer: LayerChoice): Float64Array {
  if (layer !== 'max') return analysis.nodeRatios[Math.min(layer, analysis.numLayers - 1)];
  const out = new Float64Array(analysis.numAtoms).fill(NaN);
  for (const ratios of analysis.nodeRatios) ratios.forEach((r, v) => (out[v] = maxSkippingNaN(out[v], r)));
  return out;
}

/** The layer whose ratio a bond shows: the chosen one, or (for "max") the layer where that bond peaks. */
export function layerShownForBond(analysis: MoleculeAnalysis, layer: LayerChoice, bond: number): number {
  if (layer !== 'max') return Math.min(layer, analysis.numLayers - 1);
  let best = 0;
  analysis.bondRatios.forEach((ratios, l) => {
    const peak = analysis.bondRatios[best][bond];
    if (ratios[bond] > peak || (Number.isNaN(peak) && !Number.isNaN(ratios[bond]))) best = l;
  });
  return best;
}

/** The analysis that belongs to the drawing on screen (same molecule), or null. */
export function analysisForDrawing(state: AppState): MoleculeAnalysis | null {
  const { analysisResult, drawingResult } = state;
  if (!analysisResult.value || !drawingResult.value || analysisResult.key !== drawingResult.key) return null;
  return analysisResult.value.numBonds === drawingResult.value.bonds.length ? analysisResult.value : null;
}

/** The engine Ablation for the stack the person built (undefined: none). */
export const engineAblationOf = (state: AppState) =>
  toEngineAblation(state.ablations, state.threshold, ablationThresholds(state));

/**
 * Under base-tail, zeroing MAs zeroes the features above each layer's base-tail ratio cut-off (once the reference
 * is known and every layer has one); under ratio and attention-top, above T.
 */
function ablationThresholds(state: AppState): number[] | undefined {
  if (state.criterionKind !== 'base-tail' || !usesThreshold(state.ablations)) return undefined;
  const layers = selectModelEntry(state)?.layers ?? 0;
  const cutoffs = layerCutoffs(criterionOf(state), layers, referenceOf(state, state.modelEntryId));
  return layers > 0 && cutoffs.every(Number.isFinite) ? cutoffs : undefined;
}

/** What the analysis depends on: molecule, model and ablation (the threshold only when it changes the ablation). */
export function analysisRequestKey(state: AppState): string {
  return JSON.stringify([moleculeRefOf(state), state.modelEntryId, engineAblationOf(state) ?? null]);
}

/**
 * Attributions are computed when they colour the bonds (they take many forwards and two kinds of gradients, so
 * not on every bond click: on a slow backend they would hold up the next analysis).
 */
export const attributionNeeded = (state: AppState) => state.colorMode === 'attribution';

/** The output attributions explain: the chosen TOX21 task, else the one output (0). */
export const attributionTargetOf = (state: AppState) =>
  selectModelEntry(state)?.dataset === 'tox21' ? Math.min(state.predictionTarget, 11) : 0;

/** What the attributions depend on: the analysis's inputs, the threshold (of the MA-ablation method), the target. */
export function attributionRequestKey(state: AppState): string {
  return JSON.stringify([
    moleculeRefOf(state),
    state.modelEntryId,
    engineAblationOf(state) ?? null,
    state.threshold,
    attributionTargetOf(state),
  ]);
}

/** The attributions of exactly what is shown (molecule, model, ablations, threshold), or null. */
export function attributionForDrawing(state: AppState): MoleculeAttribution | null {
  const { attributionResult, drawingResult } = state;
  if (!attributionResult.value || !drawingResult.value) return null;
  if (attributionResult.key !== attributionRequestKey(state)) return null;
  return attributionResult.value.bonds.occlusion.length === drawingResult.value.bonds.length
    ? attributionResult.value
    : null;
}

/** Bonds the shown analysis ran without (drawn as removed). */
export const removedBondsOf = (analysis: MoleculeAnalysis | null): ReadonlySet<number> =>
  new Set(analysis?.ablation?.removeBonds ?? []);
