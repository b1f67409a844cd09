/** The inspector before a bond is chosen: the molecule's highest ratio per layer and its strongest bonds. */
import type { MoleculeAnalysis, MoleculeDrawing } from '../../engine/api';
import { bondRatiosForLayer, layerShownForBond } from '../../state/selectors';
import { maxSkippingNaN } from '../../ma/bondRatios';
import { formatRatio } from '../format';
import type { MaColorScale } from '../maColorScale';
import { bondKind, bondTitle } from '../molecule/bondText';
import { useAppStore } from '../StoreContext';
import { LayerRatioChart } from './LayerRatioChart';
import { useCriterion, useMaView } from '../molecule/useBondColors';
import { describeCriterion } from '../../ma/criterion';

const TOP_BONDS = 6;

interface Props {
  drawing: MoleculeDrawing | null;
  analysis: MoleculeAnalysis | null;
  colors: MaColorScale;
}

export function MoleculeSummary({ drawing, analysis, colors }: Props) {
  const layer = useAppStore((s) => s.layer);
  const setLayer = useAppStore((s) => s.setLayer);
  const selectBond = useAppStore((s) => s.selectBond);
  const view = useMaView(analysis, analysis?.modelEntry ?? null);
  const criterion = useCriterion();
  const hoverBond = useAppStore((s) => s.hoverBond);
  if (!drawing || !analysis)
    return (
      <div className="inspector-empty">
        <h2>Bond inspector</h2>
        <p className="muted">Click a bond in the molecule (or press b) to see its activations layer by layer.</p>
      </div>
    );
  const perLayerMax = analysis.bondRatios.map((ratios) => ratios.reduce(maxSkippingNaN, NaN));
  const shown = bondRatiosForLayer(analysis, layer);
  const order = Array.from(shown.keys())
    .filter((k) => !Number.isNaN(shown[k]))
    .sort((a, b) => shown[b] - shown[a]);
  const massive = view ? view.massive.filter(Boolean).length : 0;
  return (
    <div className="inspector-body">
      <h2>Molecule overview</h2>
      <p className="muted">Click a bond (or press b) to inspect it.</p>
      <h3>Highest bond ratio in each layer</h3>
      <LayerRatioChart
        ratios={perLayerMax}
        colors={colors}
        shownLayer={layer === 'max' ? -1 : layer}
        onPickLayer={setLayer}
      />
      <p className="edge-facts">
        {massive === 0 ? 'No bond is massive' : `${massive} bond${massive > 1 ? 's are' : ' is'} massive`} under{' '}
        {describeCriterion(criterion)} ({layer === 'max' ? 'in any layer' : `in layer ${layer + 1}`}).
      </p>
      <h3>Strongest bonds</h3>
      <ol className="top-bonds">
        {order.slice(0, TOP_BONDS).map((k) => (
          <li key={k}>
            <button
              type="button"
              className="link-button"
              data-testid={`top-bond-${k}`}
              onClick={() => selectBond(k)}
              onMouseEnter={() => hoverBond(k)}
              onMouseLeave={() => hoverBond(null)}
              onFocus={() => hoverBond(k)}
              onBlur={() => hoverBond(null)}
            >
              {bondTitle(drawing, k)}
            </button>{' '}
            <span className="muted">{bondKind(drawing, k)}</span> <strong>{formatRatio(shown[k])}</strong>{' '}
            <span className="muted">L{layerShownForBond(analysis, layer, k) + 1}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
