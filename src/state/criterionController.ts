/**
 * Keeps the criterion's inputs in step: the recorded scans of the open dataset's checkpoints (read once per
 * dataset; nothing is scanned) and the criterion reference of every model on screen when the active criterion
 * needs one (base-tail, attention-top), fetched once per model.
 */
import type { Engine } from '../engine/api';
import { criterionNeedsReference } from '../ma/criterion';
import { chooseFirstView } from '../engine/recordedScans';
import { criterionOf } from './criterionView';
import type { AppStore } from './store';
import { watch } from './watch';

export type CriterionEngine = Partial<Pick<Engine, 'recordedScans' | 'criterionReference'>>;

/** The models whose bonds are drawn: the chosen one and, when comparing, the compared ones. */
export const modelsOnScreen = (s: ReturnType<AppStore['getState']>) =>
  [...new Set([s.modelEntryId, ...(s.compareModels ?? [])])].filter((id): id is string => id !== null);

export function startCriterionController(store: AppStore, engine: CriterionEngine): (() => void)[] {
  const { getState } = store;
  const loadScans = (dataset: string) => {
    if (!engine.recordedScans || getState().recordedScans?.dataset === dataset) return;
    engine.recordedScans(dataset as 'zinc').then(
      (scans) => getState().recordedScansLoaded(dataset, scans),
      () => getState().recordedScansLoaded(dataset, []),
    );
  };
  const fetchReferences = () => {
    const s = getState();
    if (!engine.criterionReference || !criterionNeedsReference(criterionOf(s))) return;
    const known = new Set(s.modelEntries.map((e) => e.id));
    for (const id of modelsOnScreen(s)) {
      if (!known.has(id) || id in getState().references) continue;
      getState().referenceArrived(id, null);
      engine.criterionReference(id).then(
        (reference) => getState().referenceArrived(id, reference),
        (error: unknown) => getState().referenceArrived(id, error instanceof Error ? error.message : String(error)),
      );
    }
  };
  const applyFirstView = () => {
    const s = getState();
    if (!s.firstViewPending || s.recordedScans?.dataset !== s.datasetName || !s.modelEntries.length) return;
    const choice = chooseFirstView(s.recordedScans.scans, criterionOf(s));
    if (!choice || !s.modelEntries.some((e) => e.id === choice.entryId))
      return store.setState({ firstViewPending: false });
    s.showRecordedView(choice);
    store.setState({ firstView: choice });
  };
  return [
    watch(store, (s) => `${s.firstViewPending}/${s.recordedScans?.dataset}/${s.modelEntries.length}`, applyFirstView),
    watch(
      store,
      (s) => (s.userDataset ? '' : s.datasetName),
      (s) => void (!s.userDataset && loadScans(s.datasetName)),
    ),
    watch(store, (s) => JSON.stringify([s.criterionKind, modelsOnScreen(s), s.modelEntries.length]), fetchReferences),
  ];
}
