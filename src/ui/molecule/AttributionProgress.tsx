/**
 * Which attribution methods are in, one by one: the shown method's part comes first (occlusion and MA ablation are
 * quick; gradient x input and integrated gradients take longer on big molecules), the rest follows and can be
 * stopped, or computed later.
 */
import { ATTRIBUTION_METHODS } from '../../engine/api';
import { attributionForDrawing } from '../../state/selectors';
import { METHOD_LABELS } from '../attributionColorScale';
import { useAppStore } from '../StoreContext';

export function AttributionProgress() {
  const attribution = useAppStore(attributionForDrawing);
  const status = useAppStore((s) => s.attributionResult.status);
  const rest = useAppStore((s) => s.attributionRest);
  const stop = useAppStore((s) => s.stopAttribution);
  const setStoppedKey = useAppStore((s) => s.setAttributionStoppedKey);
  if (!attribution && status !== 'loading') return null;
  const computed = attribution?.computed ?? [];
  const state = (m: (typeof ATTRIBUTION_METHODS)[number]) =>
    computed.includes(m) ? 'done' : rest === 'stopped' ? 'stopped' : 'running';
  return (
    <p className="attribution-progress muted" data-testid="attribution-progress" aria-live="polite">
      {ATTRIBUTION_METHODS.map((m) => (
        <span key={m} className={`method-state method-${state(m)}`} data-method={m} data-state={state(m)}>
          {state(m) === 'done' ? '✓' : state(m) === 'stopped' ? '–' : <span className="spinner" aria-hidden="true" />}{' '}
          {METHOD_LABELS[m]}
        </span>
      ))}
      {attribution && rest === 'loading' && (
        <button type="button" className="link-button" data-testid="attribution-stop" onClick={stop}>
          Stop the other methods
        </button>
      )}
      {attribution && rest === 'stopped' && (
        <button
          type="button"
          className="link-button"
          data-testid="attribution-resume"
          onClick={() => setStoppedKey(null)}
        >
          Compute them too
        </button>
      )}
    </p>
  );
}
