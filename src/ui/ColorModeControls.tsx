/**
 * What colours the molecule: the bonds' MA ratio, one attribution method (picked here), the change an ablation
 * made, or the atoms' node MA ratio (the NoEdge GT's measure). Sits at the head of the
 * colour legend, which then explains the choice.
 */
import { ATTRIBUTION_METHODS, type AttributionMethod } from '../engine/api';
import type { ColorMode } from '../state/store';
import { METHOD_HELP, METHOD_LABELS } from './attributionColorScale';
import { useAppStore } from './StoreContext';

export function ColorModeControls() {
  const mode = useAppStore((s) => s.colorMode);
  const method = useAppStore((s) => s.attributionMethod);
  const setMode = useAppStore((s) => s.setColorMode);
  const setMethod = useAppStore((s) => s.setAttributionMethod);
  return (
    <span className="color-controls">
      <span className="color-controls-label">{mode === 'node' ? 'Atom colour:' : 'Bond colour:'}</span>
      <select
        data-testid="color-mode"
        aria-label="Colour the molecule by"
        value={mode}
        onChange={(e) => setMode(e.target.value as ColorMode)}
      >
        <option value="ma">MA ratio</option>
        <option value="attribution">attribution</option>
        <option value="change">change after ablation</option>
        <option value="node">node MA ratio</option>
      </select>
      {mode === 'attribution' && (
        <select
          data-testid="attribution-method"
          aria-label="Attribution method"
          title={METHOD_HELP[method]}
          value={method}
          onChange={(e) => setMethod(e.target.value as AttributionMethod)}
        >
          {ATTRIBUTION_METHODS.map((m) => (
            <option key={m} value={m} title={METHOD_HELP[m]}>
              {METHOD_LABELS[m]}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}

/** Draw every atom's index beside it (the inspector's lists name atoms as C35, N3). */
export function AtomIndexToggle() {
  const showIndices = useAppStore((s) => s.showAtomIndices);
  const setShowIndices = useAppStore((s) => s.setShowAtomIndices);
  return (
    <label className="atom-index-toggle">
      <input
        type="checkbox"
        data-testid="atom-index-toggle"
        checked={showIndices}
        onChange={(e) => setShowIndices(e.target.checked)}
      />{' '}
      atom numbers
    </label>
  );
}
