/**
 * MAs by bond type (docs/METHOD.md §10.1, per layer rather than per feature): the share of a bond type's edges whose
 * ratio is above the threshold, bond types by layers, on a colour-blind-safe sequential scale (ColorBrewer
 * YlGnBu) with its legend. Clicking a cell lists the molecules with an MA on that bond type in that layer.
 */
import { interpolateYlGnBu, scaleBand, scaleSequential } from 'd3';
import { useId, useMemo, useState } from 'react';
import type { DatasetScanResult } from '../../engine/api';
import { useAppStore } from '../StoreContext';
import { formatCount, formatShare } from './analysisFormat';
import { edgeNoun, typeFilter } from './brushing';

const CELL_HEIGHT = 30;
const MARGIN = { top: 22, right: 12, bottom: 66, left: 118 };
const WIDTH = 420;

function buildScales(scan: DatasetScanResult) {
  const peak = Math.max(...scan.layers.flatMap((l) => Array.from(l.rateByType).filter(Number.isFinite)), 0);
  return {
    column: scaleBand<number>()
      .domain(scan.layers.map((_, l) => l))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .paddingInner(0.06),
    row: scaleBand<number>()
      .domain(scan.bondTypes.map((_, t) => t))
      .range([MARGIN.top, MARGIN.top + CELL_HEIGHT * scan.bondTypes.length])
      .paddingInner(0.06),
    // Zero stays the palest colour; the top is the largest rate seen (at least 1%, so noise is not dark).
    color: scaleSequential(interpolateYlGnBu).domain([0, Math.max(peak, 0.01)]),
  };
}

type Scales = ReturnType<typeof buildScales>;

function Legend({ color, y }: { color: Scales['color']; y: number }) {
  const id = useId();
  const [x0, x1] = [MARGIN.left, WIDTH - MARGIN.right];
  const [, top] = color.domain();
  const ticks = [0, top / 2, top];
  return (
    <g className="heatmap-legend" data-testid="heatmap-legend" transform={`translate(0,${y})`}>
      <defs>
        <linearGradient id={id}>
          {Array.from({ length: 11 }, (_, i) => (
            <stop key={i} offset={i / 10} stopColor={color((top * i) / 10)} />
          ))}
        </linearGradient>
      </defs>
      <text className="legend-title" x={x0 - 8} y={9} textAnchor="end">
        MA rate
      </text>
      <rect x={x0} y={0} width={x1 - x0} height={10} fill={`url(#${id})`} stroke="#c9ced9" />
      {ticks.map((t) => (
        <text key={t} x={x0 + ((x1 - x0) * t) / top} y={23} textAnchor="middle">
          {formatShare(t)}
        </text>
      ))}
    </g>
  );
}

/** The cell whose filter is active (filters carry their words, which name the type and layer). */
function pickedCell(scan: DatasetScanResult, label: string | undefined) {
  if (!label) return null;
  for (let layer = 0; layer < scan.layers.length; layer++)
    for (let type = 0; type < scan.bondTypes.length; type++)
      if (typeFilter(scan, layer, type).label === label) return { layer, type };
  return null;
}

export function HeatmapPanel({ scan, layer }: { scan: DatasetScanResult; layer: number }) {
  const scales = useMemo(() => buildScales(scan), [scan]);
  const { column, row, color } = scales;
  const filter = useAppStore((s) => s.moleculeFilter);
  const setFilter = useAppStore((s) => s.setMoleculeFilter);
  const bottom = MARGIN.top + CELL_HEIGHT * scan.bondTypes.length;
  const picked = pickedCell(scan, filter?.label);
  const height = bottom + MARGIN.bottom;
  // The readout under the chart replaces the native title tooltip: it shows on hover, on keyboard focus and on touch.
  const [shown, setShown] = useState<{ layer: number; type: number } | null>(null);
  const cellText = (i: number, t: number) => {
    const l = scan.layers[i];
    const type = scan.bondTypes[t];
    return (
      `${type.name} ${edgeNoun(type.name)}s, layer ${i + 1}: ${formatShare(l.rateByType[t])} of ${formatCount(type.edges)} edges ` +
      `(${formatCount(l.massiveEdgesByType[t])}) have an MA, in ${formatCount(l.graphsByType[t])} molecules`
    );
  };
  return (
    <figure className="analysis-figure" data-testid="heatmap-panel">
      <figcaption>Share of each bond type’s edges with an MA, by layer (click a cell to list its molecules)</figcaption>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label="MA rate by bond type and layer">
        {scan.bondTypes.map((type, t) => (
          <text
            key={type.type}
            className="heatmap-row-label"
            x={MARGIN.left - 8}
            y={(row(t) ?? 0) + row.bandwidth() / 2}
            textAnchor="end"
            dominantBaseline="central"
          >
            <tspan x={MARGIN.left - 8} dy="-0.45em">
              {type.name.toLowerCase()}
            </tspan>
            <tspan x={MARGIN.left - 8} dy="1.1em" className="heatmap-row-share">
              {formatShare(type.edges / scan.edges)} of edges
            </tspan>
          </text>
        ))}
        {scan.layers.map((l, i) =>
          scan.bondTypes.map((_, t) => {
            const rate = l.rateByType[t];
            const [cx, cy] = [column(i) ?? 0, row(t) ?? 0];
            return (
              <g
                key={`${i}-${t}`}
                className="heatmap-cell"
                data-testid={`heatmap-cell-${t}-${i}`}
                data-rate={rate}
                data-graphs={l.graphsByType[t]}
                role="button"
                tabIndex={0}
                aria-label={`${cellText(i, t)}. Press Enter to list them.`}
                onPointerEnter={() => setShown({ layer: i, type: t })}
                onPointerLeave={() => setShown(null)}
                onFocus={() => setShown({ layer: i, type: t })}
                onBlur={() => setShown(null)}
                onClick={() => setFilter(typeFilter(scan, i, t))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') setFilter(typeFilter(scan, i, t));
                }}
              >
                <rect x={cx} y={cy} width={column.bandwidth()} height={row.bandwidth()} fill={color(rate || 0)} />
                {column.bandwidth() >= 26 && (
                  <text
                    x={cx + column.bandwidth() / 2}
                    y={cy + row.bandwidth() / 2}
                    textAnchor="middle"
                    dominantBaseline="central"
                    className={rate > color.domain()[1] / 2 ? 'cell-text-dark-bg' : 'cell-text'}
                  >
                    {l.graphsByType[t] === 0 ? '0' : formatShare(rate).replace('%', '')}
                  </text>
                )}
              </g>
            );
          }),
        )}
        {picked && (
          <rect
            className="heatmap-pick-outline"
            x={column(picked.layer)}
            y={row(picked.type)}
            width={column.bandwidth()}
            height={row.bandwidth()}
          />
        )}
        {scan.layers.map((_, i) => (
          <text
            key={i}
            className={`axis-label${i === layer ? ' axis-label-strong' : ''}`}
            x={(column(i) ?? 0) + column.bandwidth() / 2}
            y={bottom + 12}
            textAnchor="middle"
          >
            L{i + 1}
          </text>
        ))}
        <text className="axis-title" x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={bottom + 27} textAnchor="middle">
          layer (cells: % of that type’s edges)
        </text>
        <Legend color={color} y={bottom + 36} />
      </svg>
      <p className="muted chart-hint" data-testid="heatmap-readout" aria-live="polite">
        {shown
          ? cellText(shown.layer, shown.type)
          : 'Each cell: the % of that bond type’s edges with an MA in that layer. Hover or focus a cell for its counts; click or press Enter to list its molecules.'}
      </p>
    </figure>
  );
}
