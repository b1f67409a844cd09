/** A directed edge's normalised attention weight in each head (its share among the edges into the same atom). */
import { YGrid } from '../charts/axes';
import { scaleBand, scaleLinear } from 'd3';

const SIZE = { width: 330, height: 110 };
const MARGIN = { top: 14, right: 6, bottom: 20, left: 40 };

export function AttentionHeadsChart({ attention }: { attention: Float32Array }) {
  const values = Array.from(attention);
  const x = scaleBand<number>()
    .domain(values.map((_, h) => h))
    .range([MARGIN.left, SIZE.width - MARGIN.right])
    .padding(0.25);
  const y = scaleLinear()
    .domain([0, 1])
    .range([SIZE.height - MARGIN.bottom, MARGIN.top]);
  return (
    <svg
      className="chart"
      width={SIZE.width}
      height={SIZE.height}
      role="img"
      aria-label="Attention weight of the edge in each head"
      data-testid="attention-heads"
    >
      <YGrid y={y} ticks={[0, 0.5, 1]} left={MARGIN.left} right={SIZE.width - MARGIN.right} format={String} />
      {values.map((v, h) => (
        <g key={h}>
          <rect className="attention-bar" x={x(h)} width={x.bandwidth()} y={y(v)} height={y(0) - y(v)} />
          <text className="point-label" x={(x(h) ?? 0) + x.bandwidth() / 2} y={y(v) - 3} textAnchor="middle">
            {v.toFixed(2)}
          </text>
          <text className="axis-label" x={(x(h) ?? 0) + x.bandwidth() / 2} y={SIZE.height - 6} textAnchor="middle">
            h{h + 1}
          </text>
        </g>
      ))}
    </svg>
  );
}
