/**
 * Analyses for the compare panes: the shown molecule (with the same ablations) under each compared model, kept by
 * model id. A pane whose model reads another dataset, or whose analysis failed, says so in its own pane.
 */
import type { Engine, MoleculeAnalysis } from '../engine/api';
import { engineAblationOf, moleculeRefOf } from './selectors';
import type { AppStore } from './store';
import { watch } from './watch';

export type CompareEngine = Pick<Engine, 'analyzeMolecule'>;

export interface CompareResults {
  /** The molecule and ablation they are for. */
  key: string;
  byModel: Record<string, MoleculeAnalysis | { error: string } | null>;
}

const keyOf = (s: ReturnType<AppStore['getState']>) =>
  JSON.stringify([moleculeRefOf(s), engineAblationOf(s) ?? null, s.compareModels]);

export function startCompareController(store: AppStore, engine: CompareEngine): () => void {
  const { getState } = store;
  return watch(store, keyOf, (s) => {
    const ref = moleculeRefOf(s);
    if (!s.compareModels || !ref) return store.setState({ compareResults: null });
    const key = keyOf(s);
    const ablation = engineAblationOf(s);
    store.setState({ compareResults: { key, byModel: Object.fromEntries(s.compareModels.map((id) => [id, null])) } });
    for (const id of s.compareModels)
      engine.analyzeMolecule({ modelEntry: id, molecule: ref, ablation }).then(
        (analysis) => settle(id, analysis),
        (error: unknown) => settle(id, { error: error instanceof Error ? error.message : String(error) }),
      );
    function settle(id: string, value: MoleculeAnalysis | { error: string }) {
      const now = getState().compareResults;
      if (now?.key !== key) return;
      store.setState({ compareResults: { key, byModel: { ...now.byModel, [id]: value } } });
    }
  });
}
