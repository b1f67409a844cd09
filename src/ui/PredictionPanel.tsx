/**
 * What the model outputs for the molecule, next to the dataset's label where there is one; with ablations, also
 * the unablated output and the change. Each number's exact value is in its `data-value`.
 */
import { analysisForDrawing, attributionTargetOf, selectModelEntry } from '../state/selectors';
import { formatSigned, formatValue } from './format';
import { useAppStore } from './StoreContext';
import type { ModelEntry } from '../engine/api';
import { targetMeaning, testMae, testMetricText } from './prediction/predictionNotes';
import { TaskStrip } from './prediction/TaskStrip';
import { TargetPicker } from './TargetPicker';

/** What the number means and how far to trust it. */
function PredictionNote({ entry, value }: { entry: ModelEntry | null | undefined; value: number | null }) {
  const meaning = targetMeaning(entry?.dataset);
  const metric = testMetricText(entry);
  const mae = testMae(entry);
  return (
    <p className="prediction-note muted" data-testid="prediction-note">
      {meaning}
      {metric && ` This model: ${metric}`}
      {mae !== null &&
        value !== null &&
        ` (so read ${formatValue(value)} as ${formatValue(value - mae)} to ${formatValue(value + mae)})`}
      {metric && '.'}
    </p>
  );
}

export function PredictionPanel() {
  const analysis = useAppStore(analysisForDrawing);
  const status = useAppStore((s) => s.analysisResult.status);
  const drawing = useAppStore((s) => s.drawingResult.value);
  const entry = useAppStore(selectModelEntry);
  const target = useAppStore(attributionTargetOf);
  const setTarget = useAppStore((s) => s.setPredictionTarget);
  if (!analysis || !drawing)
    return (
      <section className="prediction" data-testid="prediction" aria-label="Prediction">
        <span className="muted">{status === 'loading' ? 'Running the model…' : 'No prediction yet'}</span>
      </section>
    );
  const { prediction, unablatedPrediction: before } = analysis;
  const rows = prediction.shown.map((value, i) => ({
    name: prediction.names[i] ?? `output ${i}`,
    value,
    before: before ? before.shown[i] : null,
    target: drawing.targets[i],
  }));
  return (
    <section className="prediction" data-testid="prediction" aria-label="Prediction">
      <div className="prediction-head">
        <strong>Prediction</strong>
        <span className="muted">
          {entry?.label ?? analysis.modelEntry} · {analysis.backend} · {Math.round(analysis.forwardMs)} ms
        </span>
        <TargetPicker names={prediction.names} />
      </div>
      {analysis.ablation && (
        <p className="ablation-note">With the ablations above; “change” is against the same model without them.</p>
      )}
      {entry?.state === 'base' && (
        <p className="untrained-note">Untrained model: the output is noise; the activations show the base level.</p>
      )}
      {rows.length > 4 ? (
        <TaskStrip rows={rows} chosen={target} onChoose={setTarget} />
      ) : (
        <table className="prediction-table">
          <thead>
            <tr>
              <th>{prediction.kind === 'probability' ? 'task' : 'target'}</th>
              <th>{prediction.kind === 'probability' ? 'P(active)' : 'predicted'}</th>
              {testMae(entry) !== null && <th>± test MAE</th>}
              {before && (
                <>
                  <th>unablated</th>
                  <th>change</th>
                </>
              )}
              <th>label</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr
                key={row.name}
                className={rows.length > 1 && i === target ? 'prediction-target' : undefined}
                data-testid={rows.length > 1 && i === target ? 'prediction-target' : undefined}
                onClick={rows.length > 1 ? () => setTarget(i) : undefined}
              >
                <td>{row.name}</td>
                <td className="number" data-testid="prediction-value" data-value={String(row.value)}>
                  {formatValue(row.value)}
                </td>
                {testMae(entry) !== null && (
                  <td className="number muted" data-testid="prediction-error">
                    ± {formatValue(testMae(entry)!)}
                  </td>
                )}
                {row.before !== null && (
                  <>
                    <td className="number muted" data-testid="prediction-unablated" data-value={String(row.before)}>
                      {formatValue(row.before)}
                    </td>
                    <td className="number prediction-change" data-testid="prediction-change">
                      {formatSigned(row.value - row.before)}
                    </td>
                  </>
                )}
                <td className="number">{row.target === undefined ? '—' : formatValue(row.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PredictionNote entry={entry} value={rows.length === 1 && prediction.kind === 'value' ? rows[0].value : null} />
    </section>
  );
}
