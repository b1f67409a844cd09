/**
 * What the empty molecule frame says while the page starts: each piece that is loading, how big it is, and
 * whether it is done, instead of "Pick a dataset" while RDKit is still on its way.
 */
import type { AppState } from '../../state/store';
import { useAppStore } from '../StoreContext';

/** Download sizes of the production build (vite build), rounded. */
const SIZES = {
  rdkit: '7.4 MB, 2.4 MB compressed',
  engine: 'TensorFlow.js with its WebAssembly kernels, about 3 MB',
  zinc: '0.5 MB',
  tox21: '0.4 MB',
  proteins: '0.2 MB',
} as const;

type StepState = 'loading' | 'done' | 'failed' | 'waiting';

interface Step {
  label: string;
  size?: string;
  state: StepState;
}

const stateOf = (status: string): StepState =>
  status === 'ready' ? 'done' : status === 'failed' ? 'failed' : status === 'idle' ? 'waiting' : 'loading';

export function loadingSteps(s: AppState): Step[] {
  return [
    { label: 'Chemistry toolkit (RDKit)', size: SIZES.rdkit, state: stateOf(s.chemistryStatus) },
    { label: 'Compute engine', size: SIZES.engine, state: stateOf(s.engineStatus) },
    {
      label: `Dataset ${s.datasetName.toUpperCase()}`,
      size: SIZES[s.datasetName],
      state: s.listing ? 'done' : stateOf(s.datasetStatus),
    },
    { label: 'Molecule drawing', state: s.drawingResult.value ? 'done' : stateOf(s.drawingResult.status) },
  ];
}

const MARK: Record<StepState, string> = { done: '✓', failed: '✕', loading: '…', waiting: '·' };

/** True while any of the start-up pieces is still on its way. */
export const starting = (s: AppState) =>
  s.chemistryStatus === 'starting' || s.engineStatus === 'starting' || (!s.listing && s.datasetStatus !== 'failed');

export function LoadingSkeleton() {
  const steps = useAppStore((s) => JSON.stringify(loadingSteps(s)));
  return (
    <div className="loading-skeleton" data-testid="loading-skeleton" role="status" aria-live="polite">
      <div className="skeleton-molecule" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <p className="skeleton-title">Getting the explorer ready</p>
      <ul className="skeleton-steps">
        {(JSON.parse(steps) as Step[]).map((step) => (
          <li key={step.label} className={`skeleton-step skeleton-step-${step.state}`}>
            <span className="skeleton-mark" aria-hidden="true">
              {step.state === 'loading' ? <span className="spinner" /> : MARK[step.state]}
            </span>
            <span>
              {step.label}
              {step.size && <span className="muted"> ({step.size})</span>}
              {step.state === 'loading' ? ': loading' : step.state === 'failed' ? ': failed' : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
