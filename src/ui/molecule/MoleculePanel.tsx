/** The molecule view with its title, colour legend, hover tooltip, criterion line and loading or error states. */
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  analysisForDrawing,
  attributionForDrawing,
  bondRatiosForLayer,
  nodeRatiosForLayer,
} from '../../state/selectors';
import { attributionScaleFor, createAttributionColorScale } from '../attributionColorScale';
import { ColorModeControls } from '../ColorModeControls';
import { ExportButtons } from '../export/ExportButtons';
import { maColorScaleFor, spanOf } from '../maColorScale';
import { useAppStore } from '../StoreContext';
import { atomShades } from './atomShading';
import { AblationNotes } from './AblationNotes';
import { AtomShadeNote } from './AtomShadeNote';
import { AttributionProgress } from './AttributionProgress';
import { ATTRIBUTION_METHODS } from '../../engine/api';
import { AttributionLegend } from './AttributionLegend';
import { bondPaints, ratioChange } from './bondPaint';
import { BondTooltip } from './BondTooltip';
import { ChangeLegend } from './ChangeLegend';
import { FlagLine } from './FlagLine';
import { MaLegend } from './MaLegend';
import { MoleculeTitle } from './MoleculeTitle';
import { MoleculeView } from './MoleculeView';
import { NodeFlagLine } from './NodeFlagLine';
import { nodeColorScale, nodeShades } from './nodeShading';
import { drawingAsRead, useMaView } from './useBondColors';
import { attributionNote, EmptyView, ViewStatus } from './ViewStatus';

export function MoleculePanel() {
  const drawingResult = useAppStore((s) => s.drawingResult);
  const analysisStatus = useAppStore((s) => s.analysisResult.status);
  const analysis = useAppStore(analysisForDrawing);
  const entryId = useAppStore((s) => s.modelEntryId);
  const layer = useAppStore((s) => s.layer);
  const threshold = useAppStore((s) => s.threshold);
  const selectedBond = useAppStore((s) => s.selectedBond);
  const hoveredBond = useAppStore((s) => s.hoveredBond);
  const selectBond = useAppStore((s) => s.selectBond);
  const hoverBond = useAppStore((s) => s.hoverBond);
  const colorMode = useAppStore((s) => s.colorMode);
  const method = useAppStore((s) => s.attributionMethod);
  const attribution = useAppStore(attributionForDrawing);
  const attributionStatus = useAppStore((s) => s.attributionResult.status);
  const view = useMaView(analysis, analysis?.modelEntry ?? entryId);
  const showAtomIndices = useAppStore((s) => s.showAtomIndices);
  const colors = view
    ? maColorScaleFor(view.cutoff, spanOf(view.values, view.cutoff, view.valueName === 'ratio' ? 1 : 0.01))
    : maColorScaleFor(threshold);
  const attributionColors = attribution?.computed.includes(method) ? attributionScaleFor(attribution, method) : null;
  const ratios = useMemo(() => (analysis ? bondRatiosForLayer(analysis, layer) : null), [analysis, layer]);
  const change = useMemo(() => {
    if (colorMode !== 'change' || !analysis) return null;
    const values = ratioChange(analysis, layer);
    return { values, colors: values ? createAttributionColorScale(values) : null };
  }, [colorMode, analysis, layer]);
  const nodes = useMemo(() => {
    if (!analysis) return null;
    const values = nodeRatiosForLayer(analysis, layer);
    const scale = nodeColorScale([values], threshold);
    return { scale, shades: nodeShades(values, scale, threshold) };
  }, [analysis, layer, threshold]);
  const paint = useMemo(
    () =>
      analysis && ratios && view
        ? bondPaints({
            analysis,
            view,
            ratios,
            maColors: colors,
            attribution:
              colorMode === 'attribution'
                ? { values: attribution?.bonds[method] ?? null, colors: attributionColors }
                : null,
            change,
            bandless: colorMode === 'node',
          })
        : null,
    [analysis, view, ratios, colors, colorMode, attribution, method, attributionColors, change],
  );
  const shades = useMemo(
    () => (colorMode === 'attribution' && attribution ? atomShades(attribution, method) : null),
    [colorMode, attribution, method],
  );
  const section = useRef<HTMLElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [pointer, setPointer] = useState({ x: 0, y: 0 });
  const onHover = useCallback(
    (bond: number | null, event?: React.MouseEvent) => {
      hoverBond(bond);
      const box = frame.current?.getBoundingClientRect();
      if (event && box) setPointer({ x: event.clientX - box.left, y: event.clientY - box.top });
    },
    [hoverBond],
  );
  const drawing = useMemo(
    () => (drawingResult.value ? drawingAsRead(drawingResult.value, analysis) : null),
    [drawingResult.value, analysis],
  );
  const note =
    drawing?.kind === 'graph'
      ? 'PROTEINS: a force layout of the graph (nodes shaded by secondary-structure type); no chemistry.'
      : analysis?.readBondTypes
        ? 'Bond types randomised: each bond is drawn as the type the model read.'
        : drawing?.aromaticStyle === 'kekule'
          ? 'Aromatic rings are drawn as the Kekulé structure the ZINC model reads.'
          : drawing
            ? 'Aromatic bonds: solid line with a dashed inner line (the model reads them as AROMATIC).'
            : undefined;

  return (
    <section className="molecule-panel" aria-label="Molecule" ref={section}>
      <MoleculeTitle />
      {analysis && nodes && colorMode === 'node' ? (
        <NodeFlagLine analysis={analysis} shades={nodes.shades} />
      ) : (
        analysis && view && <FlagLine analysis={analysis} view={view} />
      )}
      <div
        className="molecule-view"
        data-testid="molecule-view"
        data-analysis-status={analysisStatus}
        data-analysis-model={analysis?.modelEntry ?? ''}
        data-analysis-ablated={analysis?.ablation ? 'true' : 'false'}
        data-attribution-status={
          attribution
            ? attribution.computed.length === ATTRIBUTION_METHODS.length
              ? 'ready'
              : 'partial'
            : attributionStatus
        }
        data-criterion-ready={view && !view.unavailable ? 'true' : 'false'}
        ref={frame}
      >
        {drawing ? (
          <MoleculeView
            drawing={drawing}
            paint={paint}
            selectedBond={selectedBond}
            hoveredBond={hoveredBond}
            onSelectBond={selectBond}
            onHoverBond={onHover}
            atomShades={shades}
            showAtomIndices={showAtomIndices}
            nodeShades={nodes?.shades ?? null}
            showNodeShades={colorMode === 'node'}
          />
        ) : (
          <EmptyView />
        )}
        {drawing && hoveredBond !== null && hoveredBond < drawing.bonds.length && (
          <BondTooltip
            drawing={drawing}
            analysis={analysis}
            attribution={colorMode === 'attribution' ? attribution : null}
            method={method}
            bond={hoveredBond}
            layer={layer}
            threshold={threshold}
            massive={paint?.[hoveredBond]?.massive ?? false}
            position={pointer}
          />
        )}
        <ViewStatus />
      </div>
      {colorMode === 'ma' ? (
        <MaLegend colors={colors} note={note} valueName={view?.valueName ?? 'ratio'} controls={<ColorModeControls />} />
      ) : colorMode === 'node' ? (
        <MaLegend
          colors={nodes?.scale ?? maColorScaleFor(threshold)}
          valueName="node"
          controls={<ColorModeControls />}
        />
      ) : colorMode === 'change' ? (
        <ChangeLegend colors={change?.colors ?? null} controls={<ColorModeControls />} />
      ) : (
        <AttributionLegend
          colors={attributionColors}
          method={method}
          target={attribution?.targetName ?? null}
          status={attributionNote(attributionStatus, attributionColors !== null)}
          controls={<ColorModeControls />}
        />
      )}
      <AblationNotes />
      {colorMode === 'attribution' && <AttributionProgress />}
      {colorMode === 'attribution' && <AtomShadeNote attribution={attribution} method={method} />}
      <ExportButtons panel={section} />
    </section>
  );
}
