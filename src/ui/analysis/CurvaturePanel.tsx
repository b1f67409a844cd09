/**
 * MAs against curvature (after Tori, Bini et al. 2026, arXiv 2602.21092): per layer and Balanced Forman curvature
 * bin of the bonds, the enrichment E(c) = P(c | MA) / P(c), on a diverging log scale around 1 (red: MAs
 * over-represented, blue: under-represented). Bins without edges, and layers without MAs, are left empty (no
 * number to show), not drawn as 0. Under the columns, P(c): the share of bond edges in each bin.
 */
import { interpolateRdBu, scaleBand, scaleDivergingLog } from 'd3';
import { useId, useMemo, useState } from 'react';
import type { DatasetScanResult } from '../../engine/api';
import { formatCount, formatShare } from './analysisFormat';

const ROW_HEIGHT = 17;
const MARGIN = { top: 8, right: 12, bottom: 96, left: 44 };
const WIDTH = 420;
/** The colour scale spans [1/k, k] with k at least this (so E near 1 stays pale) and at most the cap. */
const [MIN_SPAN, MAX_SPAN] = [2, 100];

const binName = (lo: number, hi: number, last: boolean) => `[${lo}, ${hi}${last ? ']' : ')'}`;
const formatE = (e: number) => (e === 0 ? '0' : e >= 10 ? e.toFixed(0) : e.toPrecision(2));

function buildScales(scan: DatasetScanResult) {
  const finite = scan.layers.flatMap((l) => Array.from(l.curvature.enrichment).filter((e) => e > 0 && e < Infinity));
  const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, ...finite.map((e) => Math.max(e, 1 / e))));
  const diverging = scaleDivergingLog((t: number) => interpolateRdBu(1 - t))
    .domain([1 / span, 1, span])
    .clamp(true);
  return {
    column: scaleBand<number>()
      .domain(scan.curvatureBins.map((_, b) => b))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .paddingInner(0.06),
    row: scaleBand<number>()
      .domain(scan.layers.map((_, l) => l))
      .range([MARGIN.top, MARGIN.top + ROW_HEIGHT * scan.layers.length])
      .paddingInner(0.08),
    span,
    // E = 0 (a bin with edges but no MA) takes the lowest colour: a log scale has no 0.
    color: (e: number) => diverging(Math.max(e, 1 / span)),
  };
}

type Scales = ReturnType<typeof buildScales>;

function Legend({ scales, y }: { scales: Scales; y: number }) {
  const id = useId();
  const [x0, x1] = [MARGIN.left, WIDTH - MARGIN.right];
  const { span, color } = scales;
  const at = (t: number) => Math.pow(span, 2 * t - 1); // t in 0..1 along the bar, log-spaced
  return (
    <g className="heatmap-legend" data-testid="curvature-legend" transform={`translate(0,${y})`}>
      <defs>
        <linearGradient id={id}>
          {Array.from({ length: 11 }, (_, i) => (
            <stop key={i} offset={i / 10} stopColor={color(at(i / 10))} />
          ))}
        </linearGradient>
      </defs>
      <text className="legend-title" x={x0 - 6} y={9} textAnchor="end">
        E
      </text>
      <rect x={x0} y={0} width={x1 - x0} height={10} fill={`url(#${id})`} stroke="#c9ced9" />
      {[0, 0.5, 1].map((t) => (
        <text key={t} x={x0 + (x1 - x0) * t} y={23} textAnchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}>
          {t === 0.5 ? '1 (as often as the edges)' : t === 0 ? `≤ 1/${formatE(span)}` : `≥ ${formatE(span)}`}
        </text>
      ))}
    </g>
  );
}

export function CurvaturePanel({ scan, layer }: { scan: DatasetScanResult; layer: number }) {
  const scales = useMemo(() => buildScales(scan), [scan]);
  const { column, row, color } = scales;
  const [shown, setShown] = useState<{ layer: number; bin: number } | null>(null);
  const bins = scan.curvatureBins;
  const bottom = MARGIN.top + ROW_HEIGHT * scan.layers.length;
  const noMa = scan.layers.every((l) => l.curvature.massive.every((m) => m === 0));
  const label = (b: number) => binName(bins[b].lo, bins[b].hi, b === bins.length - 1);
  const cellText = (l: number, b: number) => {
    const { massive, enrichment } = scan.layers[l].curvature;
    const total = massive.reduce((n, m) => n + m, 0);
    if (bins[b].edges === 0) return `Curvature ${label(b)}: no bond in this bin`;
    if (total === 0) return `Layer ${l + 1}: no edge with an MA`;
    return (
      `Layer ${l + 1}, curvature ${label(b)}: ${formatCount(massive[b])} of ${formatCount(total)} MA edges ` +
      `(${formatShare(massive[b] / total)}) against ${formatShare(bins[b].share)} of all bond edges: E = ${formatE(enrichment[b])}`
    );
  };
  return (
    <figure className="analysis-figure" data-testid="curvature-panel">
      <figcaption>MAs against bond curvature: E(c) = P(c | MA) / P(c), by layer</figcaption>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${bottom + MARGIN.bottom}`}
        role="img"
        aria-label="MA enrichment by curvature bin and layer"
      >
        {scan.layers.map((l, i) => (
          <g key={i}>
            <text
              className={`axis-label${i === layer ? ' axis-label-strong' : ''}`}
              x={MARGIN.left - 6}
              y={(row(i) ?? 0) + row.bandwidth() / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              L{i + 1}
            </text>
            {bins.map((_, b) => {
              const e = l.curvature.enrichment[b];
              const [x, y] = [column(b) ?? 0, row(i) ?? 0];
              const empty = Number.isNaN(e);
              return (
                <g
                  key={b}
                  className="heatmap-cell curvature-cell"
                  data-testid={`curvature-cell-${b}-${i}`}
                  data-enrichment={String(e)}
                  tabIndex={0}
                  aria-label={cellText(i, b)}
                  onPointerEnter={() => setShown({ layer: i, bin: b })}
                  onPointerLeave={() => setShown(null)}
                  onFocus={() => setShown({ layer: i, bin: b })}
                  onBlur={() => setShown(null)}
                >
                  <rect
                    x={x}
                    y={y}
                    width={column.bandwidth()}
                    height={row.bandwidth()}
                    className={empty ? 'curvature-empty' : undefined}
                    fill={empty ? 'none' : color(e)}
                  />
                  {!empty && column.bandwidth() >= 24 && (
                    <text
                      x={x + column.bandwidth() / 2}
                      y={y + row.bandwidth() / 2}
                      textAnchor="middle"
                      dominantBaseline="central"
                      className={e > 4 || e < 0.25 ? 'cell-text-dark-bg' : 'cell-text'}
                    >
                      {formatE(e)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
        {bins.map((bin, b) => (
          <g key={b} transform={`translate(${(column(b) ?? 0) + column.bandwidth() / 2},${bottom})`}>
            <text className="axis-label" y={12} textAnchor="middle">
              {bin.lo}
            </text>
            <text
              className="axis-label curvature-share"
              y={26}
              textAnchor="middle"
              data-testid={`curvature-share-${b}`}
            >
              {bin.edges ? formatShare(bin.share) : '–'}
            </text>
          </g>
        ))}
        <text className="axis-title" x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={bottom + 42}>
          curvature bin (lower edge); below: P(c), share of bond edges
        </text>
        <Legend scales={scales} y={bottom + 54} />
      </svg>
      <p className="muted chart-hint" data-testid="curvature-explanation">
        E &gt; 1: MAs over-represented on edges of this curvature; strongly negative curvature marks bottlenecks
        (Balanced Forman curvature, after Tori, Bini et al. 2026, arXiv 2602.21092).
      </p>
      <p className="muted chart-hint" data-testid="curvature-readout" aria-live="polite">
        {shown
          ? cellText(shown.layer, shown.bin)
          : noMa
            ? `No bond edge has an MA at threshold ${formatCount(scan.threshold)}: every cell is empty. A lower threshold shows where the largest ratios sit.`
            : 'Empty cells: no bond in that bin, or no MA in that layer. Hover or focus a cell for its counts.'}
      </p>
    </figure>
  );
}
