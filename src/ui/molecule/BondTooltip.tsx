/**
 * The numbers of the bond under the mouse: its atoms and kind, the ratio (or attribution) that colours it, and
 * every layer's ratio; whether an ablation removed it.
 */
import {
  ATTRIBUTION_METHODS,
  type MoleculeAnalysis,
  type AttributionMethod,
  type MoleculeAttribution,
  type MoleculeDrawing,
} from '../../engine/api';
import type { LayerChoice } from '../../state/store';
import { layerShownForBond } from '../../state/selectors';
import { METHOD_LABELS } from '../attributionColorScale';
import { formatRatio, formatSigned } from '../format';
import { ablatedBonds } from './bondPaint';
import { bondKind, bondTitle } from './bondText';
import { sameKindNote } from './sameKind';

interface Props {
  drawing: MoleculeDrawing;
  analysis: MoleculeAnalysis | null;
  /** In attribution mode, the molecule's attributions (null otherwise or while computed). */
  attribution: MoleculeAttribution | null;
  /** The method that colours the bonds (with `attribution`). */
  method?: AttributionMethod;
  bond: number;
  layer: LayerChoice;
  threshold: number;
  /** Massive under the active criterion. */
  massive: boolean;
  position: { x: number; y: number };
}

export function BondTooltip({ drawing, analysis, attribution, method, bond, layer, massive, position }: Props) {
  const shownLayer = analysis ? layerShownForBond(analysis, layer, bond) : 0;
  const ratio = analysis ? analysis.bondRatios[shownLayer][bond] : NaN;
  const { removed, maAblated } = ablatedBonds(analysis?.ablation);
  return (
    <div className="bond-tooltip" role="tooltip" style={{ left: position.x + 14, top: position.y + 14 }}>
      <div className="tooltip-title">
        {bondTitle(drawing, bond)} · {bondKind(drawing, bond)} <span className="muted">bond {bond}</span>
      </div>
      {removed.has(bond) && <div className="ablated-tag">removed by an ablation (zero attention weight)</div>}
      {maAblated.has(bond) && <div className="ablated-tag">massive features zeroed by an ablation</div>}
      {attribution && method && (
        <>
          <div>
            {METHOD_LABELS[method]} <strong>{formatSigned(attribution.bonds[method][bond])}</strong>
          </div>
          <div className="muted">
            {ATTRIBUTION_METHODS.filter((m) => m !== method)
              .map((m) => `${METHOD_LABELS[m]} ${formatSigned(attribution.bonds[m][bond])}`)
              .join(' · ')}
          </div>
        </>
      )}
      {analysis ? (
        <>
          <div>
            {removed.has(bond) ? (
              <>MA ratio: none (removed; the model does not attend along it)</>
            ) : (
              <>
                MA ratio <strong>{formatRatio(ratio)}</strong> in layer {shownLayer + 1}
                {layer === 'max' && ' (its highest)'}
                {massive && <span className="massive-tag"> massive</span>}
              </>
            )}
          </div>
          <div className="muted">
            per layer: {analysis.bondRatios.map((r, l) => `L${l + 1} ${formatRatio(r[bond])}`).join(' · ')}
          </div>
          {sameKindNote(analysis, shownLayer, bond) && (
            <div className="muted same-kind-note">{sameKindNote(analysis, shownLayer, bond)}</div>
          )}
        </>
      ) : (
        <div className="muted">no analysis yet</div>
      )}
    </div>
  );
}
