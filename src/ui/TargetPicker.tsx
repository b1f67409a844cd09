/**
 * Which TOX21 task the prediction panel highlights and the attributions explain (carried in links as `tgt`).
 * Shown only for models with several outputs; the task names are the model's output names.
 */
import { attributionTargetOf, selectModelEntry } from '../state/selectors';
import { useAppStore } from './StoreContext';

export function TargetPicker({ names }: { names: string[] }) {
  const entry = useAppStore(selectModelEntry);
  const target = useAppStore(attributionTargetOf);
  const setTarget = useAppStore((s) => s.setPredictionTarget);
  if (entry?.dataset !== 'tox21' || names.length < 2) return null;
  return (
    <label className="field target-picker" title="The task the table highlights and the attributions explain">
      <span>Task</span>
      <select data-testid="target-select" value={target} onChange={(e) => setTarget(Number(e.target.value))}>
        {names.map((name, i) => (
          <option key={i} value={i}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
