/** A bond's MA ratio in every layer: points on a log axis, the threshold dashed, the shown layer highlighted. */
import { YGrid, decadeTicks } from '../charts/axes';
import { line, scaleBand, scaleLog } from 'd3';
import { formatRatio } from '../format';
import type { MaColorScale } from '../maColorScale';

const SIZE = { width: 330, height: 150 };
const MARGIN = { top: 14, right: 54, bottom: 22, left: 40 };

interface Props {
  ratios: number[];
  colors: MaColorScale;
  shownLayer: number;
  onPickLayer: (layer: number) => void;
}

export function LayerRatioChart({ ratios, colors, shownLayer, onPickLayer }: Props) {
  const finite = ratios.filter((r) => Number.isFinite(r));
  const peak = Math.max(...finite);
  const top = Math.max(colors.threshold * 3, peak * 2);
  const x = scaleBand<number>()
    .domain(ratios.map((_, l) => l))
    .range([MARGIN.left, SIZE.width - MARGIN.right])
    .padding(0.2);
  const y = scaleLog()
    .domain([1, top])
    .range([SIZE.height - MARGIN.bottom, MARGIN.top])
    .clamp(true);
  const centre = (l: number) => (x(l) ?? 0) + x.bandwidth() / 2;
  const path = line<number>()
    .defined((r) => Number.isFinite(r))
    .x((_, l) => centre(l))
    .y((r) => y(r))(ratios);
  const ticks = decadeTicks(y);
  return (
    <svg
      className="chart"
      width={SIZE.width}
      height={SIZE.height}
      role="img"
      aria-label="MA ratio of the bond in each layer"
      data-testid="layer-ratio-chart"
    >
      {ratios.map((_, l) => (
        <rect
          key={l}
          className={`layer-band${l === shownLayer ? ' layer-band-shown' : ''}`}
          x={x(l)}
          y={MARGIN.top}
          width={x.bandwidth()}
          height={SIZE.height - MARGIN.top - MARGIN.bottom}
          onClick={() => onPickLayer(l)}
        >
          <title>Show layer {l + 1}</title>
        </rect>
      ))}
      <YGrid y={y} ticks={ticks} left={MARGIN.left} right={SIZE.width - MARGIN.right} />
      <line
        className="threshold-line"
        x1={MARGIN.left}
        x2={SIZE.width - MARGIN.right}
        y1={y(colors.threshold)}
        y2={y(colors.threshold)}
      />
      <text
        className="threshold-label"
        x={SIZE.width - MARGIN.right + 4}
        y={y(colors.threshold)}
        dominantBaseline="central"
      >
        threshold
      </text>
      {path && <path className="ratio-line" d={path} />}
      {ratios.map((r, l) => (
        <g key={l} transform={`translate(${centre(l)},${Number.isFinite(r) ? y(r) : y(1)})`}>
          <circle r={5} fill={colors.color(r)} className="ratio-point" data-testid={`layer-ratio-${l}`} data-ratio={r}>
            <title>
              layer {l + 1}: {formatRatio(r)}
            </title>
          </circle>
          {/* With many layers only the shown layer and the peak are labelled, so labels do not collide. */}
          {(ratios.length <= 6 || l === shownLayer || r === peak) && (
            <text y={-9} textAnchor="middle" className="point-label">
              {formatRatio(r)}
            </text>
          )}
        </g>
      ))}
      {ratios.map((_, l) => (
        <text key={l} className="axis-label" x={centre(l)} y={SIZE.height - 6} textAnchor="middle">
          L{l + 1}
        </text>
      ))}
    </svg>
  );
}
