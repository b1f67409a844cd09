/**
 * The selected bond's attribution by every method, each with a bar on its method's molecule-wide scale (the
 * same diverging scale that colours the bonds), so the methods can be compared at a glance.
 */
import { ATTRIBUTION_METHODS } from '../../engine/api';
import { attributionForDrawing } from '../../state/selectors';
import { attributionScaleFor, METHOD_HELP, METHOD_LABELS } from '../attributionColorScale';
import { formatSigned } from '../format';
import { useAppStore } from '../StoreContext';

const BAR = { width: 120, height: 10 };

export function BondAttributions({ bond }: { bond: number }) {
  const attribution = useAppStore(attributionForDrawing);
  const result = useAppStore((s) => s.attributionResult);
  const shownMethod = useAppStore((s) => (s.colorMode === 'attribution' ? s.attributionMethod : null));
  const setColorMode = useAppStore((s) => s.setColorMode);
  if (!attribution && shownMethod === null)
    return (
      <p className="muted" data-testid="inspector-attributions">
        Attributions are computed in the attribution colour mode.{' '}
        <button type="button" className="link-button" onClick={() => setColorMode('attribution')}>
          Colour by attribution
        </button>
      </p>
    );
  if (!attribution)
    return (
      <p className="muted" data-testid="inspector-attributions">
        {result.status === 'failed' ? `No attributions: ${result.error}` : 'Computing attributions…'}
      </p>
    );
  return (
    <div data-testid="inspector-attributions">
      <table className="attribution-table">
        <tbody>
          {ATTRIBUTION_METHODS.map((method) => {
            const value = attribution.bonds[method][bond];
            const colors = attributionScaleFor(attribution, method);
            const half = BAR.width / 2;
            const length = colors.extent > 0 && Number.isFinite(value) ? (Math.abs(value) / colors.extent) * half : 0;
            return (
              <tr key={method} className={method === shownMethod ? 'attribution-shown' : undefined}>
                <th scope="row" title={METHOD_HELP[method]}>
                  {METHOD_LABELS[method]}
                </th>
                <td className="number" data-testid={`attribution-${method}`} data-value={String(value)}>
                  {Number.isNaN(value) ? 'removed' : formatSigned(value)}
                </td>
                <td>
                  <svg width={BAR.width} height={BAR.height} aria-hidden="true">
                    <rect className="attribution-track" width={BAR.width} height={BAR.height} />
                    <rect
                      x={value < 0 ? half - length : half}
                      width={length}
                      height={BAR.height}
                      fill={colors.color(value)}
                    />
                    <line className="attribution-zero" x1={half} x2={half} y2={BAR.height} />
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted attribution-note">
        Explains {attribution.targetName}; bars on each method’s scale (±its largest |value| in this molecule).
      </p>
    </div>
  );
}
