/**
 * A NoEdge GT (docs/METHOD.md §10.2) has no edge features in its attention, so its MAs are measured on nodes: opening
 * one colours the atoms by node MA ratio; leaving it for an edge-featured model goes back to bond MA ratios. Other
 * colour modes (attribution, change) are the person's choice and stay.
 */
import { selectModelEntry } from './selectors';
import type { AppStore } from './store';
import { watch } from './watch';

export function startNoEdgeView(store: AppStore): () => void {
  let wasNoEdge: boolean | null = null;
  return watch(
    store,
    (s) => String(selectModelEntry(s)?.noEdge ?? null),
    (s) => {
      const entry = selectModelEntry(s);
      if (!entry) return;
      const noEdge = entry.noEdge === true;
      if (noEdge && s.colorMode === 'ma') store.setState({ colorMode: 'node' });
      else if (!noEdge && wasNoEdge && s.colorMode === 'node') store.setState({ colorMode: 'ma' });
      wasNoEdge = noEdge;
    },
  );
}
