/**
 * The scan's headline, over every layer rather than the last one: the peak layer's share of edges and molecules
 * with an MA, and a bar per layer (share of edges with an MA) that picks the layer the panels show. A model whose
 * MAs sit in layer 1 no longer reads "0% of edges have an MA".
 */
import type { DatasetScanResult } from '../../engine/api';
import type { LayerChoice } from '../../state/store';
import { useAppStore } from '../StoreContext';
import { formatCount, formatShare } from './analysisFormat';

const BAR = { width: 22, height: 34, gap: 3 };

export function peakLayer(scan: DatasetScanResult): number {
  let best = 0;
  scan.layers.forEach((l, i) => {
    const b = scan.layers[best];
    if (
      l.fractionEdgesMassive > b.fractionEdgesMassive ||
      (l.fractionEdgesMassive === b.fractionEdgesMassive && (l.maxGraphRatio ?? 0) > (b.maxGraphRatio ?? 0))
    )
      best = i;
  });
  return best;
}

export function ScanLayerSummary({
  scan,
  shown,
  choice,
}: {
  scan: DatasetScanResult;
  shown: number;
  choice: LayerChoice;
}) {
  const setLayer = useAppStore((s) => s.setLayer);
  const peak = peakLayer(scan);
  const top = scan.layers[peak];
  const any = top.fractionEdgesMassive > 0;
  const widest = Math.max(...scan.layers.map((l) => l.fractionEdgesMassive), 1e-9);
  return (
    <div className="scan-layers" data-testid="scan-layers" data-peak-layer={peak + 1}>
      <p className="analysis-summary">
        Threshold {formatCount(scan.threshold)}:{' '}
        {any ? (
          <>
            most MAs in <strong>layer {peak + 1}</strong>, where {formatShare(top.fractionEdgesMassive)} of edges and{' '}
            {formatShare(top.fractionGraphsMassive)} of molecules have one.
          </>
        ) : (
          <>
            no edge has an MA in any layer (the largest ratio is{' '}
            {formatCount(Math.round(Math.max(...scan.layers.map((l) => l.maxGraphRatio ?? 0))))}).
          </>
        )}
      </p>
      <div className="layer-bars" role="group" aria-label="Share of edges with an MA, per layer">
        {scan.layers.map((l, i) => {
          const h = l.fractionEdgesMassive > 0 ? Math.max(2, (BAR.height * l.fractionEdgesMassive) / widest) : 0;
          const text = `Layer ${i + 1}: ${formatShare(l.fractionEdgesMassive)} of edges, ${formatShare(l.fractionGraphsMassive)} of molecules with an MA`;
          return (
            <button
              key={i}
              type="button"
              className={`layer-bar${i === shown ? ' layer-bar-shown' : ''}`}
              data-testid={`scan-layer-${i + 1}`}
              aria-pressed={choice === i}
              aria-label={`${text}. Show this layer.`}
              onClick={() => setLayer(i)}
            >
              <svg width={BAR.width} height={BAR.height} aria-hidden="true">
                <rect className="layer-bar-track" width={BAR.width} height={BAR.height} />
                <rect className="layer-bar-fill" y={BAR.height - h} width={BAR.width} height={h} />
              </svg>
              <span>L{i + 1}</span>
              <span className="layer-bar-value">{formatShare(l.fractionEdgesMassive)}</span>
            </button>
          );
        })}
        <span className="muted layer-bars-note">share of edges with an MA, per layer · click one to show it</span>
      </div>
    </div>
  );
}
