/**
 * The selected bond in detail: what it is, its attribution by every method, its MA ratio in every layer, and for
 * the shown layer one direction's activation profile (bars per dimension, grouped by head, massive ones marked)
 * and attention weight per head.
 */
import { useState } from 'react';
import type { BondDetail, DirectedEdgeDetail, MoleculeAnalysis, MoleculeDrawing } from '../../engine/api';
import { analysisForDrawing, layerShownForBond } from '../../state/selectors';
import { formatRatio } from '../format';
import { maColorScaleFor, type MaColorScale } from '../maColorScale';
import { ablatedBonds } from '../molecule/bondPaint';
import { atomDescription, atomName, bondKind, bondTitle } from '../molecule/bondText';
import { useAppStore } from '../StoreContext';
import { ActivationProfileChart } from './ActivationProfileChart';
import { BondAttributions } from './BondAttributions';
import { AttentionHeadsChart } from './AttentionHeadsChart';
import { LayerRatioChart } from './LayerRatioChart';
import { MoleculeSummary } from './MoleculeSummary';
import { SameKindNote } from './SameKindNote';

export function BondInspector() {
  const drawing = useAppStore((s) => s.drawingResult.value);
  const analysis = useAppStore(analysisForDrawing);
  const bond = useAppStore((s) => s.selectedBond);
  const detailResult = useAppStore((s) => s.bondDetailResult);
  const colors = maColorScaleFor(useAppStore((s) => s.threshold));
  const valid = drawing && bond !== null && bond < drawing.bonds.length;
  const detail = valid && analysis && detailResult.key === `${analysis.analysisId}/${bond}` ? detailResult.value : null;
  return (
    <aside className="inspector" data-testid="bond-inspector" aria-label="Bond inspector">
      {!valid ? (
        <MoleculeSummary drawing={drawing} analysis={analysis} colors={colors} />
      ) : (
        <BondSummary drawing={drawing} bond={bond} analysis={analysis} detail={detail} colors={colors} />
      )}
    </aside>
  );
}

interface SummaryProps {
  drawing: MoleculeDrawing;
  bond: number;
  analysis: MoleculeAnalysis | null;
  detail: BondDetail | null;
  colors: MaColorScale;
}

function BondSummary({ drawing, bond, analysis, detail, colors }: SummaryProps) {
  const layer = useAppStore((s) => s.layer);
  const setLayer = useAppStore((s) => s.setLayer);
  // The direction chosen by hand holds for its bond only. Not a `key` per bond: remounting the whole inspector on
  // every bond click rebuilt its charts' DOM, the largest part of a click's cost.
  const [choice, setChoice] = useState<{ bond: number; direction: 'forward' | 'backward' } | null>(null);
  const direction = choice?.bond === bond ? choice.direction : 'auto';
  const setDirection = (chosen: 'forward' | 'backward') => setChoice({ bond, direction: chosen });
  const b = drawing.bonds[bond];
  const shownLayer = analysis ? layerShownForBond(analysis, layer, bond) : 0;
  const layerDetail = detail?.layers[shownLayer];
  const chosen =
    layerDetail &&
    (direction === 'auto'
      ? !(layerDetail.backward.ratio > layerDetail.forward.ratio)
        ? 'forward'
        : 'backward'
      : direction);
  const edge = layerDetail && chosen ? layerDetail[chosen] : null;
  const { removed, maAblated } = ablatedBonds(analysis?.ablation);
  const ablated = [
    removed.has(bond) && 'removed (zero attention weight)',
    maAblated.has(bond) && 'massive features zeroed',
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <div className="inspector-body">
      <h2>
        Bond {bond}: {bondTitle(drawing, bond)}
      </h2>
      <dl className="facts">
        <dt>type</dt>
        <dd data-testid="inspector-bond-type">
          {bondKind(drawing, bond)}
          {drawing.kind === 'molecule' && <span className="muted"> · model reads {b.modelType}</span>}
        </dd>
        <dt>atoms</dt>
        <dd>
          {atomName(drawing, b.begin)} <span className="muted">({atomDescription(drawing, b.begin)})</span> –{' '}
          {atomName(drawing, b.end)} <span className="muted">({atomDescription(drawing, b.end)})</span>
        </dd>
        <dt>edges</dt>
        <dd className="muted">
          {2 * bond}: {b.begin}→{b.end}, {2 * bond + 1}: {b.end}→{b.begin}
        </dd>
        {ablated && (
          <>
            <dt>ablated</dt>
            <dd className="ablated-tag" data-testid="inspector-ablated">
              {ablated}
            </dd>
          </>
        )}
      </dl>
      <h3>Attributions</h3>
      <BondAttributions bond={bond} />
      {!analysis ? (
        <p className="muted">Waiting for the model…</p>
      ) : (
        <>
          <h3>MA ratio per layer</h3>
          <LayerRatioChart
            ratios={analysis.bondRatios.map((r) => r[bond])}
            colors={colors}
            shownLayer={shownLayer}
            onPickLayer={setLayer}
          />
          <h3>
            Layer {shownLayer + 1}
            {layer === 'max' ? ' (where this bond peaks)' : ''}: scores s of one direction
          </h3>
          {layerDetail && edge ? (
            <>
              <DirectionToggle drawing={drawing} layer={layerDetail} chosen={chosen!} onChoose={setDirection} />
              <EdgeFacts edge={edge} headDim={detail!.headDim} threshold={colors.threshold} />
              <SameKindNote analysis={analysis} layer={shownLayer} bond={bond} />
              <ActivationProfileChart
                elementRatios={edge.elementRatios}
                scores={edge.scores}
                heads={detail!.heads}
                headDim={detail!.headDim}
                colors={colors}
              />
              <h3>Attention weight per head</h3>
              <AttentionHeadsChart attention={edge.attention} />
            </>
          ) : (
            <p className="muted">Loading the bond’s activations…</p>
          )}
        </>
      )}
    </div>
  );
}

interface ToggleProps {
  drawing: MoleculeDrawing;
  layer: BondDetail['layers'][number];
  chosen: 'forward' | 'backward';
  onChoose: (direction: 'forward' | 'backward') => void;
}

function DirectionToggle({ drawing, layer, chosen, onChoose }: ToggleProps) {
  return (
    <div className="toggle" role="group" aria-label="Edge direction">
      {(['forward', 'backward'] as const).map((d) => (
        <button
          key={d}
          type="button"
          aria-pressed={chosen === d}
          onClick={() => onChoose(d)}
          title={`message from ${atomName(drawing, layer[d].src)} to ${atomName(drawing, layer[d].dst)}`}
        >
          {atomName(drawing, layer[d].src)}→{atomName(drawing, layer[d].dst)} · {formatRatio(layer[d].ratio)}
        </button>
      ))}
    </div>
  );
}

function EdgeFacts({ edge, headDim, threshold }: { edge: DirectedEdgeDetail; headDim: number; threshold: number }) {
  let top = 0;
  edge.scores.forEach((s, t) => {
    if (Math.abs(s) > Math.abs(edge.scores[top])) top = t;
  });
  const massive = Array.from(edge.elementRatios).filter((r) => r > threshold).length;
  return (
    <p className="edge-facts">
      max |s| = {Math.abs(edge.scores[top]).toPrecision(3)} at dim {top} (head {Math.floor(top / headDim) + 1}), median
      |s| = {edge.median.toPrecision(3)}, ratio <strong>{formatRatio(edge.ratio)}</strong>;{' '}
      {massive === 0 ? 'no massive dimension' : `${massive} massive dimension${massive > 1 ? 's' : ''}`}
    </p>
  );
}
