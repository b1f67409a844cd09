/**
 * The axes every chart shares (d3 computes the scales, React draws): labelled horizontal gridlines for a y scale,
 * and labelled ticks under an x axis. Charts pass the ticks they want, already filtered.
 */
import { formatTick } from '../format';

/** Powers of ten of a log scale's ticks: the only labels a log axis needs. */
export const decadeTicks = (y: { ticks(): number[] }) => y.ticks().filter((t) => Number.isInteger(Math.log10(t)));

interface YGridProps {
  y: (value: number) => number | undefined;
  ticks: number[];
  /** The plot's left edge (labels sit left of it) and where gridlines end. */
  left: number;
  right: number;
  format?: (value: number) => string;
}

export function YGrid({ y, ticks, left, right, format = formatTick }: YGridProps) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t} className="axis-tick" transform={`translate(0,${y(t) ?? 0})`}>
          <line x1={left - 4} x2={right} />
          <text x={left - 6} textAnchor="end" dominantBaseline="central">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

interface XTicksProps {
  x: (value: number) => number | undefined;
  ticks: number[];
  /** The plot's bottom edge. */
  bottom: number;
  format?: (value: number) => string;
}

export function XTicks({ x, ticks, bottom, format = String }: XTicksProps) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t} className="axis-tick" transform={`translate(${x(t) ?? 0},0)`}>
          <line y1={bottom} y2={bottom + 4} />
          <text y={bottom + 15} textAnchor="middle">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}
