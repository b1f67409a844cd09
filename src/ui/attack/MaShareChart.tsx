/**
 * What the optimised noise does to the MAs: per layer, the share of edges whose ratio exceeds the threshold under
 * the random noise (grey) and under the optimised noise (the model's colour), at one σ. d3 scales, React bars.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import { YGrid } from '../charts/axes';
import { formatShare, type AttackSeries } from './attackSeries';

const MARGIN = { top: 10, right: 10, bottom: 28, left: 48 };
const RANDOM_COLOR = '#b8bfcc';

export function MaShareChart({
  series,
  sigma,
  width = 300,
  height = 150,
}: {
  series: AttackSeries;
  sigma: number;
  width?: number;
  height?: number;
}) {
  const share = series.results.find((r) => r.sigma === sigma)?.maShare;
  if (!share) return null;
  const layers = share.random.map((_, l) => l);
  const x = scaleBand<number>()
    .domain(layers)
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.2);
  const peak = max([...share.random, ...share.optimised].filter(Number.isFinite)) ?? 0;
  const y = scaleLinear()
    .domain([0, peak || 0.01])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice();
  const half = x.bandwidth() / 2;
  const bar = (l: number, value: number, offset: number, fill: string, which: string) =>
    Number.isFinite(value) && (
      <rect
        key={which}
        x={x(l)! + offset}
        y={y(value)}
        width={half}
        height={Math.max(0, y(0) - y(value))}
        fill={fill}
        data-layer={l}
        data-noise={which}
        data-share={value}
      >
        <title>
          layer {l + 1}, {which} noise: {formatShare(value)} of edges above {share.threshold}
        </title>
      </rect>
    );
  return (
    <figure className="attack-share" data-testid="attack-ma-share" data-model={series.modelEntry}>
      <figcaption>
        <span className="attack-swatch" style={{ background: series.color }} aria-hidden="true" /> {series.label}{' '}
        <span className="muted">
          ({series.source === 'run' ? 'this run' : 'recorded'}, ratio &gt; {share.threshold})
        </span>
      </figcaption>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        style={{ width: '100%', maxWidth: width, height: 'auto' }}
        role="img"
        aria-label={`share of edges with an MA per layer, random vs optimised noise, σ ${sigma}`}
      >
        <YGrid y={y} ticks={y.ticks(4)} left={MARGIN.left} right={width - MARGIN.right} format={formatShare} />
        {layers.map((l) => (
          <g key={l}>
            {bar(l, share.random[l], 0, RANDOM_COLOR, 'random')}
            {bar(l, share.optimised[l], half, series.color, 'optimised')}
            <text className="axis-label" x={x(l)! + half} y={height - MARGIN.bottom + 12} textAnchor="middle">
              {l + 1}
            </text>
          </g>
        ))}
        <text className="axis-title" x={(MARGIN.left + width - MARGIN.right) / 2} y={height - 2} textAnchor="middle">
          layer
        </text>
      </svg>
    </figure>
  );
}
