/**
 * What a running dataset scan is doing, step by step: the untrained (base) model first, then the chosen one; for
 * each, running the model over the molecules, then fitting each layer's statistics (Gamma law, KS, rates by bond
 * type), which takes as long again and used to look like a hang at "1,000 of 1,000 molecules".
 */
import type { DatasetScanProgress } from '../../engine/api';
import { formatCount } from './analysisFormat';

const STEPS = [
  { phase: 'base', stage: 'forward', label: 'Untrained (base) model: run over the molecules' },
  { phase: 'base', stage: 'statistics', label: 'Untrained (base) model: fit each layer’s Gamma law and KS' },
  { phase: 'model', stage: 'forward', label: 'This model: run over the molecules' },
  { phase: 'model', stage: 'statistics', label: 'This model: fit each layer’s Gamma law and KS, rates by bond type' },
] as const;

const stepIndex = (p: DatasetScanProgress) => STEPS.findIndex((s) => s.phase === p.phase && s.stage === p.stage);

function countText(p: DatasetScanProgress): string {
  return p.stage === 'forward'
    ? `${formatCount(p.done)} of ${formatCount(p.total)} molecules`
    : p.done < p.total
      ? `layer ${p.done + 1} of ${p.total}`
      : `${p.total} layers done`;
}

export function ScanProgress({ progress }: { progress: DatasetScanProgress | null }) {
  const current = progress ? stepIndex(progress) : -1;
  const share = progress && progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="scan-progress" role="status" data-testid="scan-status" data-stage={progress?.stage ?? 'starting'}>
      <p className="analysis-status">
        <span className="spinner" aria-hidden="true" />{' '}
        {progress ? `${STEPS[current].label}: ${countText(progress)}` : 'Loading the dataset and the models…'}
      </p>
      <ol className="scan-steps">
        {STEPS.map((step, i) => {
          const state = i < current ? 'done' : i === current ? 'active' : 'waiting';
          return (
            <li key={i} className={`scan-step scan-step-${state}`}>
              <span className="scan-step-label">
                {state === 'done' ? '✓ ' : ''}
                {step.label}
              </span>
              <span className="scan-step-bar" aria-hidden="true">
                <span
                  style={{ width: `${state === 'done' ? 100 : state === 'active' ? Math.round(share * 100) : 0}%` }}
                />
              </span>
            </li>
          );
        })}
      </ol>
      <p className="muted chart-hint">
        The base model is skipped when it was scanned before. Everything runs in the background: the rest of the page
        stays usable, and Cancel stops between layers.
      </p>
    </div>
  );
}
