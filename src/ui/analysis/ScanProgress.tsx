/**
 * What a running dataset scan is doing, step by step: the untrained (base) model over the molecules, then the chosen
 * one while the base model's layers are fitted in the background (the engine sends no separate progress for those),
 * then the chosen model's fits, which wait for the base fits they are scored against. Without the fits as a step
 * the scan used to look like a hang at "1,000 of 1,000 molecules".
 */
import type { DatasetScanProgress } from '../../engine/api';
import { formatCount } from './analysisFormat';

const STEPS = [
  { phase: 'base', stage: 'forward', label: 'Untrained (base) model: run over the molecules' },
  {
    phase: 'model',
    stage: 'forward',
    label: 'This model: run over the molecules (the base’s fits run alongside)',
  },
  { phase: 'model', stage: 'statistics', label: 'Fit each layer’s Gamma law and KS, rates by bond type' },
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
  // (a step not listed, such as the base model's own fits, leaves the list where it was)
  const current = progress ? stepIndex(progress) : -1;
  const share = progress && progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="scan-progress" role="status" data-testid="scan-status" data-stage={progress?.stage ?? 'starting'}>
      <p className="analysis-status">
        <span className="spinner" aria-hidden="true" />{' '}
        {progress && current >= 0
          ? `${STEPS[current].label}: ${countText(progress)}`
          : 'Loading the dataset and the models…'}
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
        The base model is skipped when it was scanned before. Everything runs in the background (the fits in workers of
        their own): the rest of the page stays usable, and Cancel stops between batches.
      </p>
    </div>
  );
}
