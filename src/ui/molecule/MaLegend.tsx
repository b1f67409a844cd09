/** Legend of the MA colour scale: a log gradient with powers of ten and the threshold marked. */
import { useId } from 'react';
import { formatRatio, formatTick } from '../format';
import { NO_RATIO_COLOR, type MaColorScale } from '../maColorScale';

const WIDTH = 280;
const BAR = { x: 10, y: 18, height: 12 };
const STOPS = 24;

interface Props {
  colors: MaColorScale;
  note?: string;
  /** What the scale shows: bond MA ratios, attention-top values, or atoms' node MA ratios. */
  valueName?: 'ratio' | 'attention' | 'node';
  /** The colour-mode picker, at the head of the caption. */
  controls?: React.ReactNode;
}

const CAPTIONS = {
  ratio: 'max|s| / median|s| of its attention scores (log scale, spanning the values here)',
  attention: 'attention weight / the head’s median over the split, max over heads (log scale)',
  node: 'each atom’s max|h| / median|h| of its attention output (log scale, spanning the values here)',
} as const;

export function MaLegend({ colors, note, controls, valueName = 'ratio' }: Props) {
  const gradientId = useId();
  const barWidth = WIDTH - 2 * BAR.x;
  const xOf = (ratio: number) => BAR.x + colors.position(ratio) * barWidth;
  const [lo, hi] = colors.domain;
  const stops = Array.from({ length: STOPS + 1 }, (_, i) => {
    const t = i / STOPS;
    return <stop key={i} offset={t} stopColor={colors.color(lo * Math.pow(hi / lo, t))} />;
  });
  const thresholdX = xOf(colors.threshold);
  return (
    <figure className="ma-legend" data-testid="ma-legend">
      <figcaption>
        {controls} {CAPTIONS[valueName]}
      </figcaption>
      <svg width={WIDTH + 110} height={52} role="img" aria-label="Colour legend for MA ratios">
        <defs>
          <linearGradient id={gradientId}>{stops}</linearGradient>
        </defs>
        <rect x={BAR.x} y={BAR.y} width={barWidth} height={BAR.height} fill={`url(#${gradientId})`} />
        {colors.ticks.map((t) => (
          <g key={t} transform={`translate(${xOf(t)},0)`} className="legend-tick">
            <line y1={BAR.y + BAR.height} y2={BAR.y + BAR.height + 4} />
            <text y={BAR.y + BAR.height + 15} textAnchor="middle">
              {formatTick(t)}
            </text>
          </g>
        ))}
        {Number.isFinite(colors.threshold) && (
          <g className="legend-threshold" transform={`translate(${thresholdX},0)`} data-testid="legend-threshold">
            <line y1={BAR.y - 5} y2={BAR.y + BAR.height + 2} />
            <text y={BAR.y - 8} textAnchor="middle">
              cut-off {formatRatio(colors.threshold)}
            </text>
          </g>
        )}
        <rect x={WIDTH + 4} y={BAR.y} width={14} height={BAR.height} fill={NO_RATIO_COLOR} />
        <text className="legend-na" x={WIDTH + 22} y={BAR.y + 10}>
          no ratio (0/0)
          <title>All of its values are 0, so max/median is 0/0</title>
        </text>
      </svg>
      {note && <p className="legend-note">{note}</p>}
    </figure>
  );
}
