/** The molecule view with its title, colour legend, hover tooltip and loading or error states. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { analysisForDrawing, bondRatiosForLayer } from '../../state/selectors';
import { maColorScaleFor } from '../maColorScale';
import { useAppStore } from '../StoreContext';
import { BondTooltip } from './BondTooltip';
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
  const colors = maColorScaleFor(threshold);
  const ratios = useMemo(() => (analysis ? bondRatiosForLayer(analysis, layer) : null), [analysis, layer]);
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
    <section className="molecule-panel" aria-label="Molecule">
      <MoleculeTitle />
      <div
        className="molecule-view"
        data-testid="molecule-view"
        data-analysis-status={analysisStatus}
        data-analysis-model={analysis?.modelEntry ?? ''}
        ref={frame}
      >
        {drawing ? (
          <MoleculeView
            drawing={drawing}
            ratios={ratios}
            colors={colors}
            selectedBond={selectedBond}
            hoveredBond={hoveredBond}
            onSelectBond={selectBond}
            onHoverBond={onHover}
          />
        ) : (
          <EmptyView />
        )}
        {drawing && hoveredBond !== null && hoveredBond < drawing.bonds.length && (
          <BondTooltip
            drawing={drawing}
            analysis={analysis}
            bond={hoveredBond}
            layer={layer}
            threshold={threshold}
            position={pointer}
          />
        )}
        <ViewStatus />
      </div>
      <MaLegend colors={colors} note={note} />
    </section>
  );
}

function EmptyView() {
  const status = useAppStore((s) => s.drawingResult.status);
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

/** What is being computed, or what went wrong, over the view's corner. */
function ViewStatus() {
  const drawing = useAppStore((s) => s.drawingResult);
  const analysis = useAppStore((s) => s.analysisResult);
  const chemistry = useAppStore((s) => s.chemistryStatus);
  const busy =
    chemistry === 'starting'
      ? 'Starting RDKit…'
      : drawing.status === 'loading'
        ? 'Drawing…'
        : analysis.status === 'loading'
          ? 'Running the model…'
          : null;
  const error = drawing.error
    ? `Could not draw this molecule: ${drawing.error}`
    : analysis.error
      ? `The model could not run on this molecule: ${analysis.error}`
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
