/**
 * What a running dataset scan is doing, step by step: the untrained (base) model over the molecules layer by layer,
 * then the chosen one; each layer is fitted in the background as soon as it is done (the engine sends no separate
 * progress for the base model's fits). Last, the chosen model's fits still running when its forward ends. Without
 * the fits as a step the scan used to look like a hang at the last layer.
 */
import type { DatasetScanProgress } from '../../engine/api';

const STEPS = [
  { phase: 'base', stage: 'forward', label: 'Untrained (base) model: run over the molecules, layer by layer' },
  {
    phase: 'model',
    stage: 'forward',
    label: 'This model: run over the molecules (each finished layer is fitted alongside)',
  },
  { phase: 'model', stage: 'statistics', label: 'Fit each layer’s Gamma law and KS, rates by bond type' },
] as const;

const RECORDED_BASE_LABEL = 'Untrained (base) model: not run, its numbers for the whole split ship with its checkpoint';

const stepIndex = (p: DatasetScanProgress) => STEPS.findIndex((s) => s.phase === p.phase && s.stage === p.stage);

function countText(p: DatasetScanProgress): string {
  return p.stage === 'forward'
    ? `layer ${Math.min(p.done + 1, p.total)} of ${p.total}`
    : p.done < p.total
      ? `${p.done} of ${p.total} layers fitted`
      : `${p.total} layers fitted`;
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
                {i === 0 && progress?.baseRecorded ? RECORDED_BASE_LABEL : step.label}
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
        The base model is skipped when it was scanned before, or when its checkpoint ships its analysis of the whole
        split. Everything runs in the background (the fits in workers of their own): the rest of the page stays usable,
        and Cancel stops between batches.
      </p>
    </div>
  );
}
