/**
 * The "Dataset analysis" panel: scans the current model over the open split (or its first molecules) on demand
 * and shows, for the layer chosen in the toolbar, the ratio distribution with its Gamma fits, the sorted
 * per-molecule maxima over the base band, the MA rate by bond type and layer (and, for a global-node model, the
 * share of MAs on its virtual edges), and MAs against bond curvature. Closed, it is a one-line bar.
 */
import type { DatasetScanResult } from '../../engine/api';
import { scanForView } from '../../state/slices/analysisSlice';
import { selectModelEntry } from '../../state/selectors';
import { useOverlay } from '../overlays';
import { useAppStore } from '../StoreContext';
import { formatCount } from './analysisFormat';
import { panelLayer } from './analysisLayer';
import { AnalysisMatches } from './AnalysisMatches';
import { AttackPanel } from '../attack/AttackPanel';
import { CurvaturePanel } from './CurvaturePanel';
import { GlobalSharePanel } from './GlobalSharePanel';
import { HeatmapPanel } from './HeatmapPanel';
import { HistogramPanel } from './HistogramPanel';
import { MaximaChart } from './MaximaChart';
import { ScanLayerSummary } from './ScanLayerSummary';
import { ScanProgress } from './ScanProgress';

const LIMITS = [null, 500, 100] as const;

function ScanControls() {
  const splitSize = useAppStore((s) => s.listing?.count ?? 0);
  const split = useAppStore((s) => s.split);
  const limit = useAppStore((s) => s.scanLimit);
  const setLimit = useAppStore((s) => s.setScanLimit);
  const requestScan = useAppStore((s) => s.requestScan);
  const cancelScan = useAppStore((s) => s.cancelScan);
  const status = useAppStore((s) => s.scanResult.status);
  const canScan = useAppStore((s) => s.modelEntryId !== null && s.listing !== null);
  const count = limit === null ? splitSize : Math.min(limit, splitSize);
  return (
    <div className="analysis-controls">
      <label className="field field-inline">
        <span>Molecules</span>
        <select
          data-testid="scan-limit"
          value={limit ?? 'all'}
          onChange={(e) => setLimit(e.target.value === 'all' ? null : Number(e.target.value))}
        >
          {LIMITS.map((l) => (
            <option key={l ?? 'all'} value={l ?? 'all'}>
              {l === null ? `all ${formatCount(splitSize)}` : `first ${formatCount(l)}`}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        data-testid="scan-button"
        disabled={!canScan || status === 'loading'}
        onClick={requestScan}
      >
        Scan {split} split ({formatCount(count)} molecules)
      </button>
      {status === 'loading' && (
        <button type="button" data-testid="scan-cancel" onClick={cancelScan}>
          Cancel
        </button>
      )}
    </div>
  );
}

function ScanSummary({ scan }: { scan: DatasetScanResult }) {
  return (
    <p className="analysis-summary" data-testid="scan-summary">
      <strong>{scan.modelLabel}</strong> on {formatCount(scan.graphs)} of {formatCount(scan.splitSize)} {scan.split}{' '}
      molecules ({formatCount(scan.edges)} directed edges), {scan.backend}
      {scan.statisticsWorkers ? `, fits in ${scan.statisticsWorkers} workers` : ''}, {scan.seconds.toFixed(1)} s.{' '}
      {scan.isBase
        ? 'This is an untrained (base) model: its band is its own.'
        : scan.base
          ? `Compared with ${scan.base.label}${scan.baseRecorded ? ' (its numbers for the whole split ship with its checkpoint)' : ''}.`
          : 'No untrained model of the same size to compare with.'}{' '}
    </p>
  );
}

function ScanStatus() {
  const result = useAppStore((s) => s.scanResult);
  const progress = useAppStore((s) => s.scanProgress);
  const hasChoice = useAppStore((s) => s.scanChoice !== null);
  const entry = useAppStore(selectModelEntry);
  if (result.status === 'loading') return <ScanProgress progress={progress} />;
  if (result.status === 'failed')
    return (
      <p className="field-error" role="alert" data-testid="scan-status">
        The scan failed: {result.error}
      </p>
    );
  return (
    <p className="analysis-status muted" data-testid="scan-status">
      {hasChoice
        ? `Scan again to see ${entry?.label ?? 'this model'} on this split.`
        : 'Runs the model over the split (in the background; the page stays usable) and compares every layer with the untrained model.'}
    </p>
  );
}

export function AnalysisPanel() {
  const open = useAppStore((s) => s.openPanels.includes('analysis'));
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  const scan = useAppStore(scanForView);
  const layerChoice = useAppStore((s) => s.layer);
  const scanning = useAppStore((s) => s.scanResult.status === 'loading');
  useOverlay(open, () => setPanelOpen('analysis', false));
  if (!open) return null;
  const layer = scan ? panelLayer(scan, layerChoice) : 0;
  return (
    <section className="analysis-panel analysis-panel-open" aria-label="Dataset analysis" data-testid="analysis-panel">
      <div className="analysis-head">
        <h2>Dataset analysis</h2>
        <ScanControls />
        <button
          type="button"
          className="analysis-close"
          aria-label="Close dataset analysis"
          data-testid="analysis-close"
          onClick={() => setPanelOpen('analysis', false)}
        >
          ← Back to the molecule
        </button>
      </div>
      {scan && !scanning ? (
        <>
          <ScanSummary scan={scan} />
          <ScanLayerSummary scan={scan} shown={layer} choice={layerChoice} />
          {layerChoice === 'max' && (
            <p className="muted analysis-note">
              Layer “max” is chosen: the panels show layer {layer + 1}, the one with the largest ratio. Pick a layer in
              the bars above to see another.
            </p>
          )}
          <div className="analysis-grid" data-testid="analysis-grid" data-scan-key={scan.key}>
            <HistogramPanel scan={scan} layer={layer} />
            <MaximaChart scan={scan} layer={layer} choice={layerChoice} />
            <HeatmapPanel scan={scan} layer={layer} />
            <GlobalSharePanel scan={scan} layer={layer} />
            <CurvaturePanel scan={scan} layer={layer} />
          </div>
          <AnalysisMatches scan={scan} layer={layer} />
        </>
      ) : (
        <ScanStatus />
      )}
      <AttackPanel />
    </section>
  );
}

/** The one-line bar under the explorer that opens the dataset-analysis view. */
export function AnalysisOpener() {
  const open = useAppStore((s) => s.openPanels.includes('analysis'));
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  if (open) return null;
  return (
    <button
      type="button"
      className="analysis-opener"
      data-testid="analysis-open"
      aria-expanded={false}
      onClick={() => setPanelOpen('analysis', true)}
    >
      ▸ Dataset analysis: ratio distributions, per-molecule maxima and MAs by bond type over a whole split; the
      robustness attack
    </button>
  );
}
