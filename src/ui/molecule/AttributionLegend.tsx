/** Legend of the attribution colour scale: a diverging gradient from −max|value| to +max|value|, zero marked. */
import { useId } from 'react';
import type { AttributionMethod } from '../../engine/api';
import { METHOD_HELP, METHOD_LABELS, NO_ATTRIBUTION_COLOR, type AttributionColorScale } from '../attributionColorScale';
import { formatSigned } from '../format';

const WIDTH = 300;
const BAR = { x: 34, y: 18, height: 12 };
const STOPS = 16;

interface Props {
  colors: AttributionColorScale | null;
  method: AttributionMethod;
  /** The output explained, e.g. "penalized logP (normalised)". */
  target: string | null;
  /** What to say instead of a scale (computing, failed). */
  status: string | null;
  /** The colour-mode and method pickers, at the head of the caption. */
  controls?: React.ReactNode;
}

export function AttributionLegend({ colors, method, target, status, controls }: Props) {
  const gradientId = useId();
  const barWidth = WIDTH - 2 * BAR.x;
  const xOf = (value: number) => BAR.x + (colors ? colors.position(value) : 0.5) * barWidth;
  const extent = colors?.extent ?? 0;
  const stops = Array.from({ length: STOPS + 1 }, (_, i) => {
    const t = i / STOPS;
    return <stop key={i} offset={t} stopColor={colors ? colors.color((2 * t - 1) * (extent || 1)) : '#eee'} />;
  });
  return (
    <figure className="ma-legend" data-testid="attribution-legend">
      <figcaption title={`${METHOD_LABELS[method]}: ${METHOD_HELP[method]}`}>
        {controls} {target ? `of ${target}: ` : ''}orange raises the prediction, purple lowers it
      </figcaption>
      <svg width={WIDTH + 110} height={52} role="img" aria-label="Colour legend for attributions">
        <defs>
          <linearGradient id={gradientId}>{stops}</linearGradient>
        </defs>
        <rect x={BAR.x} y={BAR.y} width={barWidth} height={BAR.height} fill={`url(#${gradientId})`} />
        {colors?.ticks
          .filter((_, i, all) => all.length < 5 || i % 2 === 0)
          .map((t) => (
            <g key={t} transform={`translate(${xOf(t)},0)`} className="legend-tick">
              <line y1={BAR.y + BAR.height} y2={BAR.y + BAR.height + 4} />
              <text y={BAR.y + BAR.height + 15} textAnchor="middle">
                {formatSigned(t)}
              </text>
            </g>
          ))}
        <g className="legend-threshold" transform={`translate(${xOf(0)},0)`}>
          <line y1={BAR.y - 4} y2={BAR.y + BAR.height + 2} />
        </g>
        <rect x={WIDTH + 4} y={BAR.y} width={14} height={BAR.height} fill={NO_ATTRIBUTION_COLOR} />
        <text className="legend-na" x={WIDTH + 22} y={BAR.y + 10}>
          none
        </text>
      </svg>
      <p className="legend-note" data-testid="attribution-status">
        {status ??
          (extent === 0
            ? `Every bond is 0 (to rounding)${method === 'maAblation' ? ': no feature is massive at this threshold' : ''}.`
            : `Scale ±${formatSigned(extent).replace('+', '')} (the largest |value| in this molecule).`)}
      </p>
    </figure>
  );
}
