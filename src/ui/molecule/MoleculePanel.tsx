/** The molecule view with its title, colour legend, hover tooltip and loading or error states. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { analysisForDrawing, attributionForDrawing, bondRatiosForLayer } from '../../state/selectors';
import { attributionScaleFor } from '../attributionColorScale';
import { ColorModeControls } from '../ColorModeControls';
import { ExportButtons } from '../export/ExportButtons';
import { maColorScaleFor } from '../maColorScale';
import { useAppStore } from '../StoreContext';
import { atomShades } from './atomShading';
import { AtomShadeNote } from './AtomShadeNote';
import { AttributionProgress } from './AttributionProgress';
import { ATTRIBUTION_METHODS } from '../../engine/api';
import { AttributionLegend } from './AttributionLegend';
import { bondPaints } from './bondPaint';
import { BondTooltip } from './BondTooltip';
import { LoadingSkeleton, starting } from './LoadingSkeleton';
import { MaLegend } from './MaLegend';
import { MoleculeTitle } from './MoleculeTitle';
import { MoleculeView } from './MoleculeView';

export function MoleculePanel() {
  const drawingResult = useAppStore((s) => s.drawingResult);
  const analysisStatus = useAppStore((s) => s.analysisResult.status);
  const analysis = useAppStore(analysisForDrawing);
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
  const showAtomIndices = useAppStore((s) => s.showAtomIndices);
  const colors = maColorScaleFor(threshold);
  const attributionColors = attribution?.computed.includes(method) ? attributionScaleFor(attribution, method) : null;
  const ratios = useMemo(() => (analysis ? bondRatiosForLayer(analysis, layer) : null), [analysis, layer]);
  const paint = useMemo(
    () =>
      analysis && ratios
        ? bondPaints({
            analysis,
            ratios,
            maColors: colors,
            attribution:
              colorMode === 'attribution'
                ? { values: attribution?.bonds[method] ?? null, colors: attributionColors }
                : null,
          })
        : null,
    [analysis, ratios, colors, colorMode, attribution, method, attributionColors],
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
  const drawing = drawingResult.value;
  const note =
    drawing?.kind === 'graph'
      ? 'PROTEINS: a force layout of the graph (nodes shaded by secondary-structure type); no chemistry.'
      : drawing?.aromaticStyle === 'kekule'
        ? 'Aromatic rings are drawn as the Kekulé structure the ZINC model reads.'
        : drawing
          ? 'Aromatic bonds: solid line with a dashed inner line (the model reads them as AROMATIC).'
          : undefined;

  return (
    <section className="molecule-panel" aria-label="Molecule" ref={section}>
      <MoleculeTitle />
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
            position={pointer}
          />
        )}
        <ViewStatus />
      </div>
      {colorMode === 'ma' ? (
        <MaLegend colors={colors} note={note} controls={<ColorModeControls />} />
      ) : (
        <AttributionLegend
          colors={attributionColors}
          method={method}
          target={attribution?.targetName ?? null}
          status={attributionNote(attributionStatus, attributionColors !== null)}
          controls={<ColorModeControls />}
        />
      )}
      {colorMode === 'attribution' && <AttributionProgress />}
      {colorMode === 'attribution' && <AtomShadeNote attribution={attribution} method={method} />}
      <ExportButtons panel={section} />
    </section>
  );
}

function EmptyView() {
  const status = useAppStore((s) => s.drawingResult.status);
  const isStarting = useAppStore(starting);
  if (isStarting) return <LoadingSkeleton />;
  return (
    <svg viewBox="0 0 400 260" role="img" aria-label="No molecule drawn" className="molecule-empty">
      <g className="hexagon" transform="translate(200 120)">
        <polygon points="0,-52 45,-26 45,26 0,52 -45,26 -45,-26" />
      </g>
      <text x="200" y="215" textAnchor="middle">
        {status === 'failed' ? 'Nothing to draw' : 'Pick a dataset or type a SMILES to draw a molecule here'}
      </text>
    </svg>
  );
}

function attributionNote(status: string, ready: boolean): string | null {
  if (ready) return null;
  if (status === 'failed') return 'No attributions (see the message above the legend).';
  return 'Computing the shown attribution method first…';
}

/** What is being computed, or what went wrong, over the view's corner. */
function ViewStatus() {
  const drawing = useAppStore((s) => s.drawingResult);
  const analysis = useAppStore((s) => s.analysisResult);
  const chemistry = useAppStore((s) => s.chemistryStatus);
  const attribution = useAppStore((s) => (s.colorMode === 'attribution' ? s.attributionResult : null));
  const busy =
    chemistry === 'starting'
      ? 'Starting RDKit…'
      : drawing.status === 'loading'
        ? 'Drawing…'
        : analysis.status === 'loading'
          ? 'Running the model…'
          : attribution?.status === 'loading'
            ? 'Computing attributions…'
            : null;
  const error = drawing.error
    ? `Could not draw this molecule: ${drawing.error}`
    : analysis.error
      ? `The model could not run on this molecule: ${analysis.error}`
      : attribution?.error
        ? `No attributions: ${attribution.error}`
        : null;
  return (
    <>
      {busy && (
        <div className="view-status" role="status" data-testid="view-status">
          <span className="spinner" aria-hidden="true" /> {busy}
        </div>
      )}
      {error && (
        <div className="view-error" role="alert" data-testid="view-error">
          {error}
        </div>
      )}
    </>
  );
}
