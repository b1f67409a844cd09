/**
 * Where MAs go when a global node exists (docs/METHOD.md §10.2): per layer, the share of MA edges that are the
 * virtual node's edges (atom→global, global→atom) rather than bonds, as bars, with a dashed line at the share of
 * all edges that are virtual (where the bars would sit if MAs ignored the edge kind). Only for such models.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { DatasetScanResult } from '../../engine/api';
import { formatCount, formatShare } from './analysisFormat';

const MARGIN = { top: 10, right: 12, bottom: 50, left: 44 };
const [WIDTH, HEIGHT] = [420, 166];

function buildScales(scan: DatasetScanResult) {
  return {
    x: scaleBand<number>()
      .domain(scan.layers.map((_, l) => l))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .paddingInner(0.2),
    y: scaleLinear()
      .domain([0, 1])
      .range([HEIGHT - MARGIN.bottom, MARGIN.top]),
  };
}

export function GlobalSharePanel({ scan, layer }: { scan: DatasetScanResult; layer: number }) {
  const { x, y } = useMemo(() => buildScales(scan), [scan]);
  const shares = scan.layers.map((l) => l.globalShare);
  if (shares.every((s) => s === null)) return null;
  const edgeShare = shares.find((s) => s !== null)!.edgeShare;
  const shown = shares[layer];
  return (
    <figure className="analysis-figure" data-testid="global-share" data-edge-share={String(edgeShare)}>
      <figcaption>Share of MA edges on virtual-node edges, by layer</figcaption>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Share of MA edges on the global node's edges by layer"
      >
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line className="grid-line" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
            <text className="axis-label" x={MARGIN.left - 6} y={y(t)} textAnchor="end" dominantBaseline="central">
              {formatShare(t)}
            </text>
          </g>
        ))}
        {shares.map((s, l) => {
          const share = s?.share ?? NaN;
          const cx = x(l) ?? 0;
          return (
            <g
              key={l}
              data-testid={`global-share-layer-${l}`}
              data-share={String(share)}
              data-massive={s?.massive ?? 0}
            >
              {Number.isNaN(share) ? (
                <text className="axis-label" x={cx + x.bandwidth() / 2} y={y(0) - 4} textAnchor="middle">
                  –
                </text>
              ) : (
                <rect className="global-share-bar" x={cx} y={y(share)} width={x.bandwidth()} height={y(0) - y(share)}>
                  <title>{`layer ${l + 1}: ${formatShare(share)} of ${formatCount(s!.massive)} MA edges`}</title>
                </rect>
              )}
              <text
                className={`axis-label${l === layer ? ' axis-label-strong' : ''}`}
                x={cx + x.bandwidth() / 2}
                y={HEIGHT - MARGIN.bottom + 12}
                textAnchor="middle"
              >
                L{l + 1}
              </text>
            </g>
          );
        })}
        <line
          className="global-share-expected"
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={y(edgeShare)}
          y2={y(edgeShare)}
        />
        <text className="axis-title" x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={HEIGHT - MARGIN.bottom + 27}>
          layer (bars: MA edges on types 4, 5; the rest are on bonds)
        </text>
        <g className="chart-key" transform={`translate(${MARGIN.left},${HEIGHT - 8})`}>
          <line className="global-share-expected" x1={0} x2={22} y1={-4} y2={-4} />
          <text x={28} y={0}>
            {formatShare(edgeShare)} of all edges are virtual (MAs placed at random)
          </text>
        </g>
      </svg>
      <p className="muted chart-hint" data-testid="global-share-readout">
        {shown && shown.massive > 0
          ? `Layer ${layer + 1}: ${formatCount(shown.massiveVirtual)} of ${formatCount(shown.massive)} MA edges (${formatShare(shown.share)}) are the global node’s edges, which are ${formatShare(edgeShare)} of all edges. Above the dashed line, MAs move to the uninformative virtual edges.`
          : `Layer ${layer + 1} has no edge with an MA. Above the dashed line, MAs move to the uninformative virtual edges.`}
      </p>
    </figure>
  );
}
