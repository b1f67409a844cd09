/** Which two or three models the panes show: any of the open dataset's models. */
import { MAX_COMPARED } from '../../state/slices/compareSlice';
import { useAppStore } from '../StoreContext';

export function CompareModelPicker() {
  const entries = useAppStore((s) => s.modelEntries);
  const chosen = useAppStore((s) => s.compareModels) ?? [];
  const setModels = useAppStore((s) => s.setCompareModels);
  return (
    <details className="compare-picker">
      <summary>Models compared ({chosen.length})</summary>
      <div role="group" aria-label="Models to compare">
        {entries.map((e) => {
          const on = chosen.includes(e.id);
          return (
            <label key={e.id} className="field-check">
              <input
                type="checkbox"
                data-testid={`compare-model-${e.id}`}
                checked={on}
                disabled={!on && chosen.length >= MAX_COMPARED}
                onChange={() => setModels(on ? chosen.filter((id) => id !== e.id) : [...chosen, e.id])}
              />
              {e.label}
            </label>
          );
        })}
      </div>
    </details>
  );
}
