/** A thin bar under the header while RDKit, a dataset or a model is loading; the header says which. */
import type { AppState } from '../state/store';
import { isAttackActive } from '../state/slices/attackSlice';
import { useAppStore } from './StoreContext';

/** What is being loaded or computed right now, in words. */
function busyTasks(s: AppState): string {
  return [
    s.engineStatus === 'starting' && 'starting the compute backend',
    s.chemistryStatus === 'starting' && 'starting RDKit',
    s.datasetStatus === 'loading' && 'loading the dataset',
    s.drawingResult.status === 'loading' && 'drawing the molecule',
    s.analysisResult.status === 'loading' && 'running the model',
    s.colorMode === 'attribution' && s.attributionResult.status === 'loading' && 'computing attributions',
    s.scanResult.status === 'loading' &&
      (!s.scanProgress
        ? 'scanning the split'
        : s.scanProgress.stage === 'statistics'
          ? `scan: ${s.scanProgress.done} of ${s.scanProgress.total} layers fitted`
          : `scan: layer ${Math.min(s.scanProgress.done + 1, s.scanProgress.total)} of ${s.scanProgress.total}`),
    isAttackActive(s.attackRun) && 'robustness attack',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function BusyLabel() {
  const tasks = useAppStore(busyTasks);
  return (
    <span className="busy-label muted" data-testid="busy-label" aria-live="polite">
      {tasks && `${tasks}…`}
    </span>
  );
}

export function ProgressBar() {
  const busy = useAppStore((s) => busyTasks(s) !== '');
  const chemistryError = useAppStore((s) => s.chemistryError);
  return (
    <>
      <div className={`progress${busy ? ' progress-busy' : ''}`} data-testid="progress" />
      {chemistryError && (
        <div className="notice notice-error" role="alert">
          RDKit could not start, so molecules cannot be drawn: {chemistryError}
        </div>
      )}
    </>
  );
}
