/** The molecule view's placeholder, and what is being computed or went wrong, over the view's corner. */
import { useAppStore } from '../StoreContext';
import { LoadingSkeleton, starting } from './LoadingSkeleton';

export function EmptyView() {
  const status = useAppStore((s) => s.drawingResult.status);
  const isStarting = useAppStore(starting);
  if (isStarting) return <LoadingSkeleton />;
  return (
    <svg viewBox="0 0 400 260" role="img" aria-label="No molecule drawn" className="molecule-empty">
      <g className="hexagon" transform="translate(200 120)">
        <polygon points="0,-52 45,-26 45,26 0,52 -45,26 -45,-26" />
      </g>
      <text x="200" y="215" textAnchor="middle">
        {status === 'failed' ? 'Nothing to draw' : 'Pick a dataset or type a SMILES to draw a molecule here'}
      </text>
    </svg>
  );
}

export function attributionNote(status: string, ready: boolean): string | null {
  if (ready) return null;
  if (status === 'failed') return 'No attributions (see the message above the legend).';
  return 'Computing the shown attribution method first…';
}

/** What is being computed, or what went wrong, over the view's corner. */
export function ViewStatus() {
  const drawing = useAppStore((s) => s.drawingResult);
  const analysis = useAppStore((s) => s.analysisResult);
  const chemistry = useAppStore((s) => s.chemistryStatus);
  const attribution = useAppStore((s) => (s.colorMode === 'attribution' ? s.attributionResult : null));
  const busy =
    chemistry === 'starting'
      ? 'Starting RDKit…'
      : drawing.status === 'loading'
        ? 'Drawing…'
        : analysis.status === 'loading'
          ? 'Running the model…'
          : attribution?.status === 'loading'
            ? 'Computing attributions…'
            : null;
  const error = drawing.error
    ? `Could not draw this molecule: ${drawing.error}`
    : analysis.error
      ? `The model could not run on this molecule: ${analysis.error}`
      : attribution?.error
        ? `No attributions: ${attribution.error}`
        : null;
  return (
    <>
      {busy && (
        <div className="view-status" role="status" data-testid="view-status">
          <span className="spinner" aria-hidden="true" /> {busy}
        </div>
      )}
      {error && (
        <div className="view-error" role="alert" data-testid="view-error">
          {error}
        </div>
      )}
    </>
  );
}
