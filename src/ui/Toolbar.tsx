/** Model, layer and MA criterion choices, and previous/next molecule. */
import type { ModelEntry } from '../engine/api';
import { selectModelEntry } from '../state/selectors';
import { ExportTorchButton } from './export/ExportTorchButton';
import { CriterionControls } from './CriterionControls';
import { useAppStore } from './StoreContext';

/** The picker groups models by how they were trained, in the order the engine lists them within a group. */
const MODEL_GROUPS: { state: ModelEntry['state']; label: string }[] = [
  { state: 'trained', label: 'Trained' },
  { state: 'ebt', label: 'Trained with EBT (explicit bias term)' },
  { state: 'base', label: 'Untrained' },
];

function ModelSelect() {
  const entries = useAppStore((s) => s.modelEntries);
  const entryId = useAppStore((s) => s.modelEntryId);
  const entry = useAppStore(selectModelEntry);
  const chooseModel = useAppStore((s) => s.chooseModel);
  return (
    <label className="field" title={entry?.detail}>
      <span>Model</span>
      <select data-testid="model-select" value={entryId ?? ''} onChange={(e) => chooseModel(e.target.value)}>
        {entries.length === 0 && <option value="">loading…</option>}
        {MODEL_GROUPS.map(({ state, label }) => {
          const members = entries.filter((e) => e.state === state);
          return (
            members.length > 0 && (
              <optgroup key={state} label={label}>
                {members.map((e) => (
                  <option key={e.id} value={e.id} title={e.detail}>
                    {e.label}
                  </option>
                ))}
              </optgroup>
            )
          );
        })}
      </select>
    </label>
  );
}

function LayerSelect() {
  const layer = useAppStore((s) => s.layer);
  const entry = useAppStore(selectModelEntry);
  const setLayer = useAppStore((s) => s.setLayer);
  const layers = entry?.layers ?? 0;
  return (
    <label className="field">
      <span>Layer</span>
      <select
        data-testid="layer-select"
        value={String(layer)}
        onChange={(e) => setLayer(e.target.value === 'max' ? 'max' : Number(e.target.value))}
      >
        <option value="max">max over layers</option>
        {Array.from({ length: layers }, (_, l) => (
          <option key={l} value={l}>
            layer {l + 1} of {layers}
          </option>
        ))}
      </select>
    </label>
  );
}

function MoleculeSteps() {
  const stepMolecule = useAppStore((s) => s.stepMolecule);
  return (
    <div className="steps" role="group" aria-label="Previous or next molecule">
      <button
        type="button"
        data-testid="molecule-prev"
        onClick={() => stepMolecule(-1)}
        title="Previous molecule (k or ↑)"
      >
        ‹ prev
      </button>
      <button type="button" data-testid="molecule-next" onClick={() => stepMolecule(1)} title="Next molecule (j or ↓)">
        next ›
      </button>
    </div>
  );
}

function CompareToggle() {
  const on = useAppStore((s) => s.compareModels !== null);
  const setCompare = useAppStore((s) => s.setCompare);
  return (
    <button
      type="button"
      data-testid="compare-toggle"
      aria-pressed={on}
      title="Draw the molecule under base, trained and EBT models side by side (or any two or three)"
      onClick={() => setCompare(!on)}
    >
      {on ? 'One model' : 'Compare models'}
    </button>
  );
}

export function Toolbar() {
  return (
    <div className="toolbar">
      <ModelSelect />
      <ExportTorchButton />
      <LayerSelect />
      <CriterionControls />
      <MoleculeSteps />
      <CompareToggle />
      <span
        className="keys muted"
        title="Keyboard: j/↓ next molecule, k/↑ previous, b next bond, B previous, u undo the last ablation, Esc clear"
      >
        keys: j/k molecule · b bond · u undo
      </span>
    </div>
  );
}
