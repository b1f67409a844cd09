/** Legend of the "change" colour mode: log10(ratio with the ablations / ratio without), diverging around 0. */
import { useId } from 'react';
import type { AttributionColorScale } from '../attributionColorScale';
import { formatSigned } from '../format';

const WIDTH = 300;
const BAR = { x: 34, y: 18, height: 12 };
const STOPS = 16;

export function ChangeLegend({
  colors,
  controls,
}: {
  colors: AttributionColorScale | null;
  controls?: React.ReactNode;
}) {
  const gradientId = useId();
  const barWidth = WIDTH - 2 * BAR.x;
  const extent = colors?.extent ?? 0;
  const stops = Array.from({ length: STOPS + 1 }, (_, i) => (
    <stop
      key={i}
      offset={i / STOPS}
      stopColor={colors ? colors.color((2 * (i / STOPS) - 1) * (extent || 1)) : '#eee'}
    />
  ));
  return (
    <figure className="ma-legend" data-testid="change-legend">
      <figcaption>{controls} log10(ratio after ÷ before the ablations): orange grew, purple shrank</figcaption>
      {colors ? (
        <svg width={WIDTH + 20} height={52} role="img" aria-label="Colour legend for ratio changes">
          <defs>
            <linearGradient id={gradientId}>{stops}</linearGradient>
          </defs>
          <rect x={BAR.x} y={BAR.y} width={barWidth} height={BAR.height} fill={`url(#${gradientId})`} />
          {colors.ticks
            .filter((_, i, all) => all.length < 5 || i % 2 === 0)
            .map((t) => (
              <g key={t} transform={`translate(${BAR.x + colors.position(t) * barWidth},0)`} className="legend-tick">
                <line y1={BAR.y + BAR.height} y2={BAR.y + BAR.height + 4} />
                <text y={BAR.y + BAR.height + 15} textAnchor="middle">
                  {formatSigned(t)}
                </text>
              </g>
            ))}
        </svg>
      ) : null}
      <p className="legend-note">
        {!colors
          ? 'No ablation applied: add one to see how each bond’s ratio changes.'
          : extent === 0
            ? 'No bond’s ratio changed: the ablations had nothing to act on in this layer.'
            : `Scale ±${formatSigned(extent).replace('+', '')} decades (the largest change here); removed bonds are grey.`}
      </p>
    </figure>
  );
}
