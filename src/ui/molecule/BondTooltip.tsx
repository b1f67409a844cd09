/** The numbers of the bond under the mouse: its atoms and kind, the ratio that colours it, and every layer's. */
import type { MoleculeAnalysis, MoleculeDrawing } from '../../engine/api';
import type { LayerChoice } from '../../state/store';
import { layerShownForBond } from '../../state/selectors';
import { formatRatio } from '../format';
import { bondKind, bondTitle } from './bondText';

interface Props {
  drawing: MoleculeDrawing;
  analysis: MoleculeAnalysis | null;
  bond: number;
  layer: LayerChoice;
  threshold: number;
  position: { x: number; y: number };
}

export function BondTooltip({ drawing, analysis, bond, layer, threshold, position }: Props) {
  const shownLayer = analysis ? layerShownForBond(analysis, layer, bond) : 0;
  const ratio = analysis ? analysis.bondRatios[shownLayer][bond] : NaN;
  return (
    <div className="bond-tooltip" role="tooltip" style={{ left: position.x + 14, top: position.y + 14 }}>
      <div className="tooltip-title">
        {bondTitle(drawing, bond)} · {bondKind(drawing, bond)} <span className="muted">bond {bond}</span>
      </div>
      {analysis ? (
        <>
          <div>
            MA ratio <strong>{formatRatio(ratio, true)}</strong> in layer {shownLayer + 1}
            {layer === 'max' && ' (its highest)'}
            {ratio > threshold && <span className="massive-tag"> massive</span>}
          </div>
          <div className="muted">
            per layer: {analysis.bondRatios.map((r, l) => `L${l + 1} ${formatRatio(r[bond])}`).join(' · ')}
          </div>
        </>
      ) : (
        <div className="muted">no analysis yet</div>
      )}
    </div>
  );
}
