/**
 * One directed edge's score vector in one layer: a bar per feature dimension, |s| / median|s| on a log axis
 * (bars rise above the median line or fall below it), grouped by head, massive dimensions marked with a triangle.
 */
import { YGrid } from '../charts/axes';
import { scaleBand, scaleLog } from 'd3';
import { formatRatio } from '../format';
import type { MaColorScale } from '../maColorScale';

const SIZE = { width: 330, height: 160 };
const MARGIN = { top: 16, right: 6, bottom: 24, left: 40 };

interface Props {
  elementRatios: Float32Array;
  scores: Float32Array;
  heads: number;
  headDim: number;
  colors: MaColorScale;
}

export function ActivationProfileChart({ elementRatios, scores, heads, headDim, colors }: Props) {
  const values = Array.from(elementRatios);
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const bottom = Math.min(0.1, ...positive.map((v) => v / 2));
  const top = Math.max(colors.threshold * 3, ...positive.map((v) => v * 2));
  const x = scaleBand<number>()
    .domain(values.map((_, t) => t))
    .range([MARGIN.left, SIZE.width - MARGIN.right])
    .paddingInner(0.15);
  const y = scaleLog()
    .domain([bottom, top])
    .range([SIZE.height - MARGIN.bottom, MARGIN.top])
    .clamp(true);
  const base = y(1);
  const ticks = y.ticks().filter((t) => Math.abs(Math.log10(t) % 1) < 1e-9 && Math.log10(t) % 2 === 0);
  return (
    <svg
      className="chart"
      width={SIZE.width}
      height={SIZE.height}
      role="img"
      aria-label="Score of each feature dimension relative to the median, grouped by head"
      data-testid="activation-profile"
    >
      {Array.from({ length: heads }, (_, h) => {
        const x0 = x(h * headDim) ?? 0;
        const x1 = (x((h + 1) * headDim - 1) ?? 0) + x.bandwidth();
        return (
          <g key={h}>
            <rect
              className={h % 2 ? 'head-band head-band-odd' : 'head-band'}
              x={x0 - 1}
              y={MARGIN.top}
              width={x1 - x0 + 2}
              height={SIZE.height - MARGIN.top - MARGIN.bottom}
            />
            <text className="axis-label" x={(x0 + x1) / 2} y={SIZE.height - 8} textAnchor="middle">
              h{h + 1}
            </text>
          </g>
        );
      })}
      <YGrid y={y} ticks={ticks} left={MARGIN.left} right={MARGIN.left} />
      <line className="median-line" x1={MARGIN.left} x2={SIZE.width - MARGIN.right} y1={base} y2={base} />
      <line
        className="threshold-line"
        x1={MARGIN.left}
        x2={SIZE.width - MARGIN.right}
        y1={y(colors.threshold)}
        y2={y(colors.threshold)}
      />
      {values.map((v, t) => {
        const top = y(v > 0 ? v : bottom);
        const massive = v > colors.threshold;
        return (
          <g key={t} data-testid={massive ? 'massive-dim' : undefined}>
            <rect
              className={massive ? 'dim-bar dim-bar-massive' : 'dim-bar'}
              x={x(t)}
              width={x.bandwidth()}
              y={Math.min(top, base)}
              height={Math.max(Math.abs(base - top), 0.5)}
              fill={v >= 1 ? colors.color(v) : '#aeb3bf'}
            >
              <title>
                dim {t} (head {Math.floor(t / headDim) + 1}, {t % headDim}): s = {scores[t].toPrecision(4)}, |s| /
                median = {formatRatio(v)}
              </title>
            </rect>
            {massive && (
              <path className="massive-marker" d={`M${(x(t) ?? 0) + x.bandwidth() / 2},${top - 3} l-4,-7 h8 z`} />
            )}
          </g>
        );
      })}
      <text className="axis-caption" x={MARGIN.left + 2} y={MARGIN.top - 5}>
        |s| / median|s| per dimension (log); dashed: threshold
      </text>
    </svg>
  );
}
