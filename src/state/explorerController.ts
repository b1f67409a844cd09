/**
 * Keeps what the engine computed in step with what the person chose: loads datasets and model lists, draws and
 * analyses the chosen molecule (with its ablations), computes attributions when they are shown, and fetches the
 * selected bond's detail. Each effect re-runs when its inputs change; an answer that arrives after its inputs
 * changed again is dropped. Choices that do not fit what arrived (from a link) are repaired with a notice.
 */
import {
  ATTRIBUTION_METHODS,
  ATTRIBUTION_PART_OF,
  type AttributionMethod,
  type BondDetail,
  type Engine,
  type MoleculeAttribution,
} from '../engine/api';
import { startRepairs } from './stateRepairs';
import { startCriterionController, type CriterionEngine } from './criterionController';
import { startCompareController } from './compareController';
import { startNoEdgeView } from './noEdgeView';
import { watch } from './watch';
import { failed, idle, loading, ready } from './slices/resultsSlice';
import {
  analysisRequestKey,
  attributionNeeded,
  attributionRequestKey,
  attributionTargetOf,
  engineAblationOf,
  moleculeRefOf,
} from './selectors';
import type { AppState, AppStore } from './store';

/** The part of the engine the explorer uses (the comlink handle or an in-process engine). */
export type ExplorerEngine = Pick<
  Engine,
  | 'startChemistry'
  | 'datasetInfo'
  | 'listMolecules'
  | 'listModels'
  | 'drawMolecule'
  | 'analyzeMolecule'
  | 'attributeMolecule'
  | 'bondDetails'
> &
  CriterionEngine;

/** A SMILES quoted in a notice: a link's SMILES can be very long. */
const shortened = (smiles: string) => (smiles.length > 60 ? `${smiles.slice(0, 57)}…` : smiles);

/** Whether the chosen model is among the listed ones (the analysis can run). */
const modelListed = (state: AppState) => state.modelEntries.some((e) => e.id === state.modelEntryId);

/** Two partial attributions of the same request as one (each method from the part that computed it). */
function mergeAttributions(a: MoleculeAttribution, b: MoleculeAttribution): MoleculeAttribution {
  const from = (m: AttributionMethod) => (b.computed.includes(m) ? b : a);
  const gradients = b.computed.includes('gradInput') ? b : a;
  return {
    ...a,
    prediction: Number.isNaN(a.prediction) ? b.prediction : a.prediction,
    bonds: Object.fromEntries(ATTRIBUTION_METHODS.map((m) => [m, from(m).bonds[m]])) as MoleculeAttribution['bonds'],
    atoms: gradients.atoms,
    edgeBaselineGap: gradients.edgeBaselineGap,
    nodeBaselineGap: gradients.nodeBaselineGap,
    ms: a.ms + b.ms,
    computed: ATTRIBUTION_METHODS.filter((m) => a.computed.includes(m) || b.computed.includes(m)),
  };
}

/** Wraps an async effect so that only the latest call's outcome is applied. */
function latestOnly<A extends unknown[]>(run: (isCurrent: () => boolean, ...args: A) => Promise<void>) {
  let generation = 0;
  return (...args: A) => {
    const mine = ++generation;
    void run(() => mine === generation, ...args);
  };
}

export interface ExplorerOptions {
  /**
   * Attributions wait this long for the inputs to settle (typing a threshold "500" asks for 5, 50 and 500, and
   * each attribution is many forwards and gradients that a slow backend cannot abandon).
   */
  attributionDelayMs?: number;
}

export function startExplorer(
  store: AppStore,
  engine: ExplorerEngine,
  { attributionDelayMs = 400 }: ExplorerOptions = {},
): () => void {
  const { getState } = store;
  engine
    .startChemistry()
    .then(({ rdkitVersion }) => getState().chemistryReady(rdkitVersion))
    .catch((error: unknown) => getState().chemistryFailed(String(error instanceof Error ? error.message : error)));

  const loadDataset = latestOnly(async (isCurrent, state: AppState) => {
    const { datasetName, split, userDataset } = state;
    getState().datasetLoading();
    try {
      const [info, listing, entries] = await Promise.all([
        userDataset?.info ?? engine.datasetInfo(datasetName),
        userDataset?.listing ?? engine.listMolecules(datasetName, split),
        engine.listModels(datasetName),
      ]);
      if (!isCurrent()) return;
      getState().modelsListed(entries);
      getState().datasetLoaded(info, listing);
    } catch (error) {
      if (isCurrent()) getState().datasetFailed(error instanceof Error ? error.message : String(error));
    }
  });

  const drawMolecule = latestOnly(async (isCurrent, state: AppState) => {
    const ref = moleculeRefOf(state);
    if (!ref) return getState().setDrawingResult(idle);
    const key = JSON.stringify(ref);
    getState().setDrawingResult(loading(getState().drawingResult));
    try {
      const drawing = await engine.drawMolecule(ref);
      if (isCurrent()) getState().setDrawingResult(ready(drawing, key));
    } catch (error) {
      if (!isCurrent()) return;
      getState().setDrawingResult(failed(error, key));
      // Typed SMILES are read before they are shown, so this one came from a link (or another dataset's models).
      if (ref.kind === 'smiles')
        getState().dropSmiles(`The SMILES “${shortened(ref.smiles)}” could not be shown: ${failed(error, key).error}`);
    }
  });

  const analyze = latestOnly(async (isCurrent, state: AppState) => {
    const ref = moleculeRefOf(state);
    const entry = state.modelEntries.find((e) => e.id === state.modelEntryId);
    if (!ref || !entry || entry.dataset !== ref.dataset) return getState().setAnalysisResult(idle);
    const key = JSON.stringify(ref);
    getState().setAnalysisResult(loading(getState().analysisResult));
    try {
      const ablation = engineAblationOf(state);
      const analysis = await engine.analyzeMolecule({ modelEntry: entry.id, molecule: ref, ablation });
      if (isCurrent()) getState().setAnalysisResult(ready(analysis, key));
    } catch (error) {
      if (isCurrent()) getState().setAnalysisResult(failed(error, key));
    }
  });

  // Every bond's detail of the shown analysis, fetched once when it arrives: a bond click then needs no round
  // trip to the worker (which may be busy with a forward) and is answered in the same frame.
  let kept: { analysisId: string; details: BondDetail[] | null; pending: Promise<BondDetail[]> } | null = null;
  const detailsOf = (analysisId: string) => {
    if (kept?.analysisId !== analysisId) {
      const entry = { analysisId, details: null as BondDetail[] | null, pending: engine.bondDetails(analysisId) };
      entry.pending.then(
        (details) => (entry.details = details),
        () => undefined, // reported by fetchBondDetail when a bond is selected
      );
      kept = entry;
    }
    return kept;
  };

  const fetchBondDetail = latestOnly(async (isCurrent, state: AppState) => {
    const analysis = state.analysisResult.value;
    const bond = state.selectedBond;
    if (!analysis || state.analysisResult.status !== 'ready') return getState().setBondDetailResult(idle);
    const details = detailsOf(analysis.analysisId);
    if (bond === null || bond >= analysis.numBonds) return getState().setBondDetailResult(idle);
    const key = `${analysis.analysisId}/${bond}`;
    if (details.details) return getState().setBondDetailResult(ready(details.details[bond], key));
    getState().setBondDetailResult(loading(getState().bondDetailResult));
    try {
      const all = await details.pending;
      if (isCurrent()) getState().setBondDetailResult(ready(all[bond], key));
    } catch (error) {
      if (isCurrent()) getState().setBondDetailResult(failed(error, key));
    }
  });

  const attribute = latestOnly(async (isCurrent, state: AppState) => {
    const ref = moleculeRefOf(state);
    const entry = state.modelEntries.find((e) => e.id === state.modelEntryId);
    if (!attributionNeeded(state) || !ref || !entry || entry.dataset !== ref.dataset) {
      if (getState().attributionResult.status === 'loading') getState().setAttributionResult(idle);
      getState().setAttributionRest('none');
      return;
    }
    const key = attributionRequestKey(state);
    const current = getState().attributionResult;
    let have = current.key === key && current.status === 'ready' ? current.value : null;
    // The shown method's part first (occlusion and MA ablation are two batched forwards; the gradients are the
    // costly part), then the other unless the person stops it.
    const shownPart = ATTRIBUTION_PART_OF[state.attributionMethod];
    const missing = (['ablation', 'gradients'] as const)
      .filter(
        (part) =>
          !have || !ATTRIBUTION_METHODS.some((m) => ATTRIBUTION_PART_OF[m] === part && have!.computed.includes(m)),
      )
      .sort((a, b) => Number(b === shownPart) - Number(a === shownPart));
    if (missing.length === 0) return;
    if (!have) {
      getState().setAttributionResult({ status: 'loading', value: null, error: null, key });
      await new Promise((resolve) => setTimeout(resolve, attributionDelayMs));
      if (!isCurrent()) return;
    }
    try {
      for (const part of missing) {
        const covered = (h: MoleculeAttribution) =>
          ATTRIBUTION_METHODS.some((m) => ATTRIBUTION_PART_OF[m] === part && h.computed.includes(m));
        if (have && covered(have)) continue;
        if (part !== shownPart && getState().attributionStoppedKey === key) {
          getState().setAttributionRest('stopped');
          return;
        }
        if (have) getState().setAttributionRest('loading');
        const result = await engine.attributeMolecule({
          modelEntry: entry.id,
          molecule: ref,
          ablation: engineAblationOf(state),
          threshold: state.threshold,
          target: attributionTargetOf(state),
          parts: [part],
        });
        if (!isCurrent()) return;
        have = have ? mergeAttributions(have, result) : result;
        getState().setAttributionResult(ready(have, key));
      }
      getState().setAttributionRest('none');
    } catch (error) {
      if (isCurrent()) {
        getState().setAttributionRest('none');
        getState().setAttributionResult(failed(error, key));
      }
    }
  });

  const checkSmiles = latestOnly(async (isCurrent, state: AppState) => {
    const request = state.smilesRequest;
    if (!request || request.status !== 'checking') return;
    try {
      await engine.drawMolecule({ kind: 'smiles', smiles: request.text, dataset: state.datasetName });
      if (isCurrent()) getState().smilesChecked(request.text, null);
    } catch (error) {
      if (isCurrent()) getState().smilesChecked(request.text, error instanceof Error ? error.message : String(error));
    }
  });

  const stops = [
    watch(store, (s) => JSON.stringify([s.smilesRequest, s.datasetName]), checkSmiles),
    watch(store, (s) => `${s.datasetName}/${s.split}/${s.userDataset?.id}/${s.userDataset?.family}`, loadDataset),
    watch(store, (s) => JSON.stringify(moleculeRefOf(s)), drawMolecule),
    // The model list is part of both keys: a link's SMILES and model are known at once, before the models are
    // listed, so without it nothing would run the analysis once the list arrives.
    // ... and so is the backend: when the engine leaves a lost GPU device, the view is computed again.
    watch(store, (s) => `${analysisRequestKey(s)}/${modelListed(s)}/${s.engineInfo?.name}`, analyze),
    watch(
      store,
      (s) =>
        `${attributionNeeded(s)}/${attributionRequestKey(s)}/${modelListed(s)}/${s.engineInfo?.name}/` +
        `${ATTRIBUTION_PART_OF[s.attributionMethod]}/${s.attributionStoppedKey}`,
      attribute,
    ),
    watch(
      store,
      (s) => `${s.analysisResult.status}/${s.analysisResult.value?.analysisId}/${s.selectedBond}`,
      fetchBondDetail,
    ),
    ...startRepairs(store),
    ...startCriterionController(store, engine),
    startCompareController(store, engine),
    startNoEdgeView(store),
  ];
  return () => stops.forEach((stop) => stop());
}
