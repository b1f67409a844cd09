/** What the model outputs for the molecule, next to the dataset's label where there is one. */
import { analysisForDrawing, selectModelEntry } from '../state/selectors';
import { formatValue } from './format';
import { useAppStore } from './StoreContext';

export function PredictionPanel() {
  const analysis = useAppStore(analysisForDrawing);
  const status = useAppStore((s) => s.analysisResult.status);
  const drawing = useAppStore((s) => s.drawingResult.value);
  const entry = useAppStore(selectModelEntry);
  if (!analysis || !drawing)
    return (
      <section className="prediction" data-testid="prediction" aria-label="Prediction">
        <span className="muted">{status === 'loading' ? 'Running the model…' : 'No prediction yet'}</span>
      </section>
    );
  const { prediction } = analysis;
  const rows = prediction.shown.map((value, i) => ({
    name: prediction.names[i] ?? `output ${i}`,
    value,
    target: drawing.targets[i],
  }));
  return (
    <section className="prediction" data-testid="prediction" aria-label="Prediction">
      <div className="prediction-head">
        <strong>Prediction</strong>
        <span className="muted">
          {entry?.label ?? analysis.modelEntry} · {analysis.backend} · {Math.round(analysis.forwardMs)} ms
        </span>
      </div>
      {entry?.state === 'base' && (
        <p className="untrained-note">Untrained model: the output is noise; the activations show the base level.</p>
      )}
      <table className="prediction-table">
        <thead>
          <tr>
            <th>{prediction.kind === 'probability' ? 'task' : 'target'}</th>
            <th>{prediction.kind === 'probability' ? 'P(active)' : 'predicted'}</th>
            <th>label</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <td>{row.name}</td>
              <td className="number" data-testid="prediction-value">
                {formatValue(row.value)}
              </td>
              <td className="number">{row.target === undefined ? '—' : formatValue(row.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
