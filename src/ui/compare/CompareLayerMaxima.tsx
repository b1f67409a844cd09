/**
 * Per layer, each compared model's largest bond (edge) MA ratio and largest atom (node) MA ratio on the shown
 * molecule: with a NoEdge GT beside the edge-featured GT this answers "does removing edges from attention remove
 * the MAs?" (docs/METHOD.md §10.2). The bond ratio of a NoEdge model is that of its key·query score (no edge
 * features); the paper logs only its node tensor.
 */
import { isMassive } from '../../ma/edgeRatios';
import { peakRatio } from '../../ma/nodeRatios';
import { formatRatio } from '../format';
import { useAppStore } from '../StoreContext';
import type { PaneData } from './ComparePanel';

export function CompareLayerMaxima({ panes }: { panes: PaneData[] }) {
  const threshold = useAppStore((s) => s.threshold);
  const ready = panes.filter((p) => p.analysis);
  if (ready.length === 0) return null;
  const layers = Math.max(...ready.map((p) => p.analysis!.numLayers));
  const cell = (pane: PaneData, kind: 'edge' | 'node', l: number) => {
    const values = pane.analysis ? (kind === 'edge' ? pane.analysis.bondRatios : pane.analysis.nodeRatios)[l] : null;
    const v = values ? peakRatio(values) : NaN;
    return (
      <td
        key={`${pane.id}-${kind}`}
        data-model={pane.id}
        data-kind={kind}
        data-layer={l}
        data-value={values ? v : ''}
        className={isMassive(v, threshold) ? 'cell-massive' : undefined}
      >
        {values ? formatRatio(v) : pane.analysis ? '–' : '…'}
      </td>
    );
  };
  const noEdge = ready.some((p) => p.analysis!.noEdge);
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" data-testid="compare-layer-maxima">
        <caption>
          largest MA ratio per layer: bonds (max|s| / median|s|) and atoms (max|h| / median|h|)
          {noEdge && '; a NoEdge model’s bonds carry only its key·query score'}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              layer
            </th>
            {panes.map((p) => (
              <th key={p.id} scope="colgroup" colSpan={2} title={p.id}>
                {p.label}
              </th>
            ))}
          </tr>
          <tr>
            {panes.flatMap((p) => [
              <th key={`${p.id}-edge`} scope="col">
                bonds
              </th>,
              <th key={`${p.id}-node`} scope="col">
                atoms
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: layers }, (_, l) => (
            <tr key={l} data-testid={`compare-layer-${l}`}>
              <th scope="row">{l + 1}</th>
              {panes.flatMap((p) => [cell(p, 'edge', l), cell(p, 'node', l)])}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
