/**
 * GAIN = L_opt / L_rand − 1 against the noise level σ (log axis), one labelled line per model and source; d3 builds
 * the scales, React draws. Every point carries its σ and GAIN (data attributes) for tests and tooltips.
 */
import { extent, line, scaleLinear, scaleLog } from 'd3';
import { YGrid, XTicks } from '../charts/axes';
import { formatGain, shortLabel, type AttackSeries } from './attackSeries';

const MARGIN = { top: 12, right: 100, bottom: 34, left: 56 };

/** Each line's name beside its last point, nudged apart so that close lines keep readable names. */
function endLabels(series: AttackSeries[], x: (sigma: number) => number, y: (gain: number) => number) {
  const labels = series.flatMap((s) => {
    const end = s.results.filter((r) => Number.isFinite(r.gain)).at(-1);
    return end ? [{ key: s.key, x: x(end.sigma) + 6, y: y(end.gain), color: s.color, text: shortLabel(s) }] : [];
  });
  labels.sort((a, b) => a.y - b.y);
  labels.forEach((l, i) => {
    if (i > 0 && l.y - labels[i - 1].y < 12) l.y = labels[i - 1].y + 12;
  });
  return labels;
}

export function GainChart({
  series,
  width = 460,
  height = 220,
}: {
  series: AttackSeries[];
  width?: number;
  height?: number;
}) {
  const points = series.flatMap((s) => s.results.filter((r) => Number.isFinite(r.gain)));
  const sigmas = [...new Set(points.map((r) => r.sigma))].sort((a, b) => a - b);
  const [lo = 0.01, hi = 0.1] = extent(sigmas);
  const x = scaleLog()
    .domain([lo / 1.5, hi * 1.5])
    .range([MARGIN.left, width - MARGIN.right]);
  const gains = points.map((r) => r.gain);
  const y = scaleLinear()
    .domain([Math.min(0, ...gains), Math.max(0, ...gains) || 0.01])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice();
  const path = line<{ sigma: number; gain: number }>()
    .defined((r) => Number.isFinite(r.gain))
    .x((r) => x(r.sigma))
    .y((r) => y(r.gain));
  return (
    <svg
      className="chart attack-gain-chart"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: '100%', maxWidth: width, height: 'auto' }}
      role="img"
      aria-label="GAIN against the noise level σ"
      data-testid="attack-gain-chart"
    >
      <YGrid y={y} ticks={y.ticks(5)} left={MARGIN.left} right={width - MARGIN.right} format={formatGain} />
      <XTicks x={x} ticks={sigmas} bottom={height - MARGIN.bottom} />
      <line className="chart-frame" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={height - MARGIN.bottom} />
      <text className="axis-title" x={(MARGIN.left + width - MARGIN.right) / 2} y={height - 3} textAnchor="middle">
        noise level σ (log scale)
      </text>
      <text
        className="axis-title"
        transform={`translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        GAIN = L_opt / L_rand − 1
      </text>
      {series.map((s, i) => (
        <g key={s.key} data-testid={`attack-line-${i}`} data-model={s.modelEntry} data-source={s.source}>
          <path
            className="epoch-line"
            d={path(s.results) ?? undefined}
            stroke={s.color}
            strokeDasharray={s.dashed ? '5 3' : undefined}
          />
          {s.results
            .filter((r) => Number.isFinite(r.gain))
            .map((r) => (
              <circle
                key={r.sigma}
                className="epoch-point"
                cx={x(r.sigma)}
                cy={y(r.gain)}
                r={3}
                fill={s.dashed ? '#fff' : s.color}
                stroke={s.color}
                data-sigma={r.sigma}
                data-gain={r.gain}
              >
                <title>
                  {s.label} ({s.note}), σ {r.sigma}: GAIN {formatGain(r.gain)}
                </title>
              </circle>
            ))}
        </g>
      ))}
      {endLabels(series, x, y).map((l) => (
        <text key={l.key} className="attack-line-label" x={l.x} y={l.y} fill={l.color}>
          {l.text}
        </text>
      ))}
    </svg>
  );
}
