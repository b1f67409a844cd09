/**
 * Models side by side: the shown molecule under two or three models (base, trained and EBT of one architecture
 * by default), each pane drawn with the usual bond-<k> elements, one shared colour scale and legend, hover and
 * selection shared through the store, and a per-bond table of each model's value in the shown layer.
 */
import { useMemo } from 'react';
import type { MoleculeAnalysis } from '../../engine/api';
import { bondMaView, type BondMaView } from '../../state/criterionView';
import { bondRatiosForLayer, nodeRatiosForLayer } from '../../state/selectors';
import { createAttributionColorScale } from '../attributionColorScale';
import { ColorModeControls } from '../ColorModeControls';
import { maColorScaleFor, spanOf, type MaColorScale } from '../maColorScale';
import { bondPaints, ratioChange } from '../molecule/bondPaint';
import { ChangeLegend } from '../molecule/ChangeLegend';
import { MaLegend } from '../molecule/MaLegend';
import { MoleculeView } from '../molecule/MoleculeView';
import { nodeColorScale, nodeShades } from '../molecule/nodeShading';
import { drawingAsRead, useCriterion } from '../molecule/useBondColors';
import { useAppStore } from '../StoreContext';
import { CompareModelPicker } from './CompareModelPicker';
import { CompareLayerMaxima } from './CompareLayerMaxima';
import { CompareTable } from './CompareTable';

export interface PaneData {
  id: string;
  label: string;
  analysis: MoleculeAnalysis | null;
  error: string | null;
  view: BondMaView | null;
}

export function ComparePanel() {
  const drawing = useAppStore((s) => s.drawingResult.value);
  const results = useAppStore((s) => s.compareResults);
  const entries = useAppStore((s) => s.modelEntries);
  const references = useAppStore((s) => s.references);
  const layer = useAppStore((s) => s.layer);
  const colorMode = useAppStore((s) => s.colorMode);
  const selectedBond = useAppStore((s) => s.selectedBond);
  const hoveredBond = useAppStore((s) => s.hoveredBond);
  const selectBond = useAppStore((s) => s.selectBond);
  const hoverBond = useAppStore((s) => s.hoverBond);
  const criterion = useCriterion();
  const panes = useMemo((): PaneData[] => {
    if (!results) return [];
    return Object.entries(results.byModel).map(([id, value]) => {
      const analysis = value && 'analysisId' in value && value.numBonds === drawing?.bonds.length ? value : null;
      const ref = references[id];
      const reference = ref && typeof ref !== 'string' ? ref : null;
      return {
        id,
        label: entries.find((e) => e.id === id)?.label ?? id,
        analysis,
        error: value && 'error' in value ? value.error : null,
        view: analysis ? bondMaView(analysis, layer, criterion, reference) : null,
      };
    });
  }, [results, drawing, entries, references, layer, criterion]);
  const colors = useMemo(() => sharedScale(panes), [panes]);
  const threshold = useAppStore((s) => s.threshold);
  const nodeValues = useMemo(
    () => panes.map((p) => (p.analysis ? nodeRatiosForLayer(p.analysis, layer) : null)),
    [panes, layer],
  );
  const nodeColors = useMemo(
    () =>
      nodeColorScale(
        nodeValues.filter((v): v is Float64Array => v !== null),
        threshold,
      ),
    [nodeValues, threshold],
  );
  if (!drawing) return null;
  const drawn = panes.map((pane, i) => {
    const { analysis, view } = pane;
    const values = nodeValues[i];
    const nodes = values ? nodeShades(values, nodeColors, threshold) : null;
    if (!analysis || !view) return { pane, paint: null, drawing, nodes };
    const delta = colorMode === 'change' ? ratioChange(analysis, layer) : null;
    const change =
      colorMode === 'change' ? { values: delta, colors: delta ? createAttributionColorScale(delta) : null } : null;
    const ratios = bondRatiosForLayer(analysis, layer);
    const bandless = colorMode === 'node';
    const paint = bondPaints({ analysis, view, ratios, maColors: colors, attribution: null, change, bandless });
    return { pane, paint, drawing: drawingAsRead(drawing, analysis), nodes };
  });
  return (
    <section className="compare-panel" aria-label="Models side by side" data-testid="compare-panel">
      <CompareModelPicker />
      <div className="compare-panes">
        {drawn.map(({ pane, paint, drawing: shown, nodes }) => (
          <figure
            key={pane.id}
            className="compare-pane"
            data-testid="compare-pane"
            data-model={pane.id}
            data-status={pane.analysis ? 'ready' : pane.error ? 'failed' : 'loading'}
          >
            <figcaption>
              {pane.label}
              {colorMode === 'node' && nodes ? (
                <span className="muted"> · {nodes.filter((n) => n.massive).length} atoms massive</span>
              ) : (
                pane.view && <span className="muted"> · {pane.view.massive.filter(Boolean).length} massive</span>
              )}
            </figcaption>
            {pane.error ? (
              <p className="view-error">{pane.error}</p>
            ) : (
              <MoleculeView
                drawing={shown}
                paint={paint}
                selectedBond={selectedBond}
                hoveredBond={hoveredBond}
                onSelectBond={selectBond}
                onHoverBond={(bond) => hoverBond(bond)}
                nodeShades={nodes}
                showNodeShades={colorMode === 'node'}
              />
            )}
          </figure>
        ))}
      </div>
      {colorMode === 'change' ? (
        <ChangeLegend colors={null} controls={<ColorModeControls />} />
      ) : colorMode === 'node' ? (
        <MaLegend colors={nodeColors} valueName="node" controls={<ColorModeControls />} />
      ) : (
        <MaLegend colors={colors} valueName={panes[0]?.view?.valueName ?? 'ratio'} controls={<ColorModeControls />} />
      )}
      {colorMode === 'attribution' && <p className="legend-note">Attributions are shown for one model at a time.</p>}
      <CompareTable panes={panes} />
      <CompareLayerMaxima panes={panes} />
    </section>
  );
}

/** One scale for every pane: spanning all panes' values, the cut-off marked when the panes share it. */
function sharedScale(panes: PaneData[]): MaColorScale {
  const views = panes.map((p) => p.view).filter((v): v is BondMaView => v !== null);
  const cutoffs = new Set(views.map((v) => v.cutoff));
  const cutoff = cutoffs.size === 1 ? [...cutoffs][0] : NaN;
  const values = views.flatMap((v) => Array.from(v.values));
  const floor = views[0]?.valueName === 'attention' ? 0.01 : 1;
  return maColorScaleFor(cutoff, spanOf(values, cutoff, floor));
}
