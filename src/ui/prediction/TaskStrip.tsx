/**
 * A multi-task prediction (TOX21's 12 assays) as one compact strip: per task its P(active) as a bar, the measured
 * label under it, the chosen task outlined; a click (or Enter) picks the task the attributions explain. Replaces a
 * 12-row table that showed five rows in a scroll box.
 */
import { formatSigned, formatValue } from '../format';

export interface TaskRow {
  name: string;
  value: number;
  before: number | null;
  target: number | undefined;
}

const labelText = (target: number | undefined) =>
  target === undefined || Number.isNaN(target) ? '—' : target === 1 ? 'active' : 'inactive';

export function TaskStrip({
  rows,
  chosen,
  onChoose,
}: {
  rows: TaskRow[];
  chosen: number;
  onChoose: (i: number) => void;
}) {
  return (
    <ol className="task-strip" data-testid="task-strip" aria-label="P(active) per task">
      {rows.map((row, i) => {
        const p = Math.min(Math.max(row.value, 0), 1);
        const label = labelText(row.target);
        return (
          <li key={row.name}>
            <button
              type="button"
              className={`task-cell${i === chosen ? ' task-cell-chosen' : ''}`}
              data-testid={i === chosen ? 'prediction-target' : `task-${i}`}
              aria-pressed={i === chosen}
              aria-label={`${row.name}: P(active) ${formatValue(row.value)}, label ${label}`}
              onClick={() => onChoose(i)}
            >
              <span className="task-name">{row.name}</span>
              <span className="task-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(p * 100)}%` }} />
              </span>
              <span className="task-value" data-testid="prediction-value" data-value={String(row.value)}>
                {formatValue(row.value)}
                {row.before !== null && (
                  <span className="task-change" data-testid="prediction-change">
                    {' '}
                    {formatSigned(row.value - row.before)}
                  </span>
                )}
              </span>
              <span className={`task-label task-label-${label}`}>{label}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
