/**
 * A per-epoch line chart: one line with points per series, on a linear or log y axis, with an optional threshold
 * line. The scales are built once here and shared by the marks, the axes and the threshold; every point carries
 * its epoch and exact value (data attributes) so tests and tooltips read the numbers that were drawn.
 */
import { YGrid, decadeTicks } from '../charts/axes';
import { line, scaleLinear, scaleLog } from 'd3';
import { formatTick } from '../format';
import { formatChartValue } from './trainingFormat';

export interface EpochPoint {
  epoch: number;
  value: number | null;
}

export interface EpochSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** A dense series (per-batch loss): a thin line without points. */
  thin?: boolean;
  /** Drawn lighter, behind the others (every layer but the peak one). */
  faded?: boolean;
  points: EpochPoint[];
}

interface Props {
  testId: string;
  label: string;
  yLabel: string;
  series: EpochSeries[];
  /** Epochs the x axis covers at least (e.g. 0 to the epochs asked for), so a live run does not rescale each epoch. */
  epochRange: [number, number];
  yScale: 'linear' | 'log';
  threshold?: { value: number; label: string };
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 62, bottom: 30, left: 52 };

const usable = (p: EpochPoint, log: boolean): p is { epoch: number; value: number } =>
  p.value !== null && Number.isFinite(p.value) && (!log || p.value > 0);

function yDomain(values: number[], log: boolean, threshold?: number): [number, number] {
  if (log) {
    const peak = Math.max(1, ...values, threshold ?? 1);
    return [1, 10 ** Math.ceil(Math.log10(peak * 1.5))];
  }
  if (!values.length) return [0, 1];
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

export function EpochChart({
  testId,
  label,
  yLabel,
  series,
  epochRange,
  yScale,
  threshold,
  width = 500,
  height = 170,
}: Props) {
  const log = yScale === 'log';
  const values = series.flatMap((s) => s.points.filter((p) => usable(p, log)).map((p) => p.value!));
  const epochs = series.flatMap((s) => s.points.map((p) => p.epoch));
  const [first, last] = [Math.min(epochRange[0], ...epochs), Math.max(epochRange[1], ...epochs)];
  const x = scaleLinear()
    .domain([first, Math.max(last, first + 1)])
    .range([MARGIN.left, width - MARGIN.right]);
  const yDom = yDomain(values, log, threshold?.value);
  const y = (log ? scaleLog() : scaleLinear())
    .domain(yDom)
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice();
  const xTicks = x.ticks(Math.max(1, Math.min(10, Math.ceil(last - first) + 1))).filter((t) => Number.isInteger(t));
  const yTicks = log ? decadeTicks(y) : y.ticks(5);
  const path = line<EpochPoint>()
    .defined((p) => usable(p, log))
    .x((p) => x(p.epoch))
    .y((p) => y(p.value!));
  return (
    <svg
      className="chart epoch-chart"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: '100%', maxWidth: width, height: 'auto' }}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      <YGrid
        y={y}
        ticks={yTicks}
        left={MARGIN.left}
        right={width - MARGIN.right}
        format={log ? formatTick : formatChartValue}
      />
      {xTicks.map((t) => (
        <text key={t} className="axis-label" x={x(t)} y={height - MARGIN.bottom + 13} textAnchor="middle">
          {t}
        </text>
      ))}
      <text className="axis-title" x={(MARGIN.left + width - MARGIN.right) / 2} y={height - 3} textAnchor="middle">
        epoch
      </text>
      <text
        className="axis-title"
        transform={`translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {yLabel}
      </text>
      <line className="chart-frame" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={height - MARGIN.bottom} />
      {threshold && (
        <g>
          <line
            className="threshold-line"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(threshold.value)}
            y2={y(threshold.value)}
          />
          <text
            className="threshold-label"
            x={width - MARGIN.right + 4}
            y={y(threshold.value)}
            dominantBaseline="central"
          >
            {threshold.label}
          </text>
        </g>
      )}
      {[...series.filter((s) => s.faded), ...series.filter((s) => !s.faded)].map((s) => (
        <g key={s.key} data-series={s.key} className={s.faded ? 'series-faded' : undefined}>
          <path
            className={`epoch-line${s.thin ? ' epoch-line-thin' : ''}`}
            d={path(s.points) ?? undefined}
            stroke={s.color}
            strokeDasharray={s.dashed ? '5 3' : undefined}
          />
          {s.points
            .filter((p) => !s.thin && usable(p, log))
            .map((p) => (
              <circle
                key={p.epoch}
                className="epoch-point"
                cx={x(p.epoch)}
                cy={y(p.value!)}
                r={series.length > 4 ? 2.2 : 3}
                fill={s.color}
                data-epoch={p.epoch}
                data-value={p.value!}
              >
                <title>
                  {s.label}, epoch {p.epoch}: {formatChartValue(p.value!)}
                </title>
              </circle>
            ))}
        </g>
      ))}
    </svg>
  );
}

/** Swatches naming the series of a chart. */
export function ChartLegend({
  series,
  testId,
}: {
  series: Pick<EpochSeries, 'key' | 'label' | 'color' | 'dashed'>[];
  testId?: string;
}) {
  return (
    <ul className="chart-legend" data-testid={testId}>
      {series.map((s) => (
        <li key={s.key}>
          <svg width={18} height={8} aria-hidden="true">
            <line
              x1={0}
              x2={18}
              y1={4}
              y2={4}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '4 2' : undefined}
            />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
