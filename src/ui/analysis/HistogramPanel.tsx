/**
 * The -log10 ratio distribution of one layer (docs/METHOD.md §8.3): the model's histogram (as a density, log y) with its
 * fitted Gamma density, the base model's overlaid in orange, the threshold at x = -log10(threshold), and the KS
 * and mean log-likelihood numbers, against the model's own fit and against the base model's fit.
 * The axis reads log10(ratio) with MAs on the right by default (the same numbers, mirrored: the ticks are negated
 * and the range reversed); a toggle gives the paper's −log10 axis with MAs on the left. Hover (or focus and ←/→)
 * reads the bin under the pointer.
 */
import { YGrid, XTicks, decadeTicks } from '../charts/axes';
import { area, curveStepAfter, line, scaleLinear, scaleLog } from 'd3';
import { useMemo, useRef, useState } from 'react';
import type { DatasetScanResult, FitNumbers, LayerDistributionData } from '../../engine/api';
import { formatTick } from '../format';
import { formatStat } from './analysisFormat';
import { densityBins, gammaDensity, histogramDomain, oneValueDensity } from './histogramGeometry';

const SIZE = { width: 420, height: 230 };
const MARGIN = { top: 30, right: 12, bottom: 38, left: 52 };

/** 'log10': log10(ratio), MAs on the right; 'paper': −log10(ratio), MAs on the left (the paper's figure). */
type Orientation = 'log10' | 'paper';

interface Scales {
  x: ReturnType<typeof scaleLinear<number, number>>;
  y: ReturnType<typeof scaleLog<number, number>>;
  floor: number;
  /** Tick text for a position in −log10 units. */
  label: (v: number) => string;
}

function buildScales(drawn: LayerDistributionData[], thresholdX: number, orientation: Orientation): Scales {
  const floor = Math.min(...drawn.map((d) => oneValueDensity(d.histogram))) / 2;
  const top = Math.max(...drawn.flatMap((d) => densityBins(d.histogram).map((b) => b.density)), floor * 10);
  return {
    x: scaleLinear()
      .domain(histogramDomain(drawn, thresholdX))
      .range(
        orientation === 'paper' ? [MARGIN.left, SIZE.width - MARGIN.right] : [SIZE.width - MARGIN.right, MARGIN.left],
      ),
    y: scaleLog()
      .domain([floor, top * 2])
      .range([SIZE.height - MARGIN.bottom, MARGIN.top])
      .clamp(true),
    floor,
    label: (v) => String(orientation === 'paper' ? v : -v === 0 ? 0 : -v).replace('-', '−'),
  };
}

function HistogramMarks({ data, scales, kind }: { data: LayerDistributionData; scales: Scales; kind: string }) {
  const { x, y, floor } = scales;
  const bins = densityBins(data.histogram);
  const points = [...bins.map((b) => [b.x0, b.density] as const), [bins.at(-1)?.x1 ?? 0, 0] as const];
  const clampY = (d: number) => y(Math.max(d, floor));
  const step = area<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y0(y(floor))
    .y1((p) => clampY(p[1]))
    .curve(curveStepAfter)(points);
  const pdf = line<[number, number]>()
    .defined((p) => p[1] >= floor)
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))(gammaDensity(data.gamma, x.domain() as [number, number]));
  return (
    <g className={`hist-${kind}`}>
      {step && <path className="hist-area" d={step} />}
      {pdf && <path className="hist-pdf" d={pdf} data-testid={`hist-pdf-${kind}`} />}
    </g>
  );
}

function Axes({ scales, orientation }: { scales: Scales; orientation: Orientation }) {
  const { x, y } = scales;
  const bottom = SIZE.height - MARGIN.bottom;
  return (
    <g>
      <YGrid y={y} ticks={decadeTicks(y)} left={MARGIN.left} right={SIZE.width - MARGIN.right} />
      <XTicks x={x} ticks={x.ticks(8)} bottom={bottom} format={scales.label} />
      <line className="axis-line" x1={MARGIN.left} x2={SIZE.width - MARGIN.right} y1={bottom} y2={bottom} />
      <text className="axis-title" x={(MARGIN.left + SIZE.width - MARGIN.right) / 2} y={SIZE.height - 4}>
        {orientation === 'paper'
          ? '−log10(ratio) of each feature (ratio = |s| / median|s|); MAs on the left'
          : 'log10(ratio) of each feature (ratio = |s| / median|s|); MAs on the right'}
      </text>
      {/* Above the axis, clear of its tick labels. */}
      <text className="axis-title axis-title-start" x={4} y={12}>
        density (log scale)
      </text>
    </g>
  );
}

function FitRow({ label, fit, testid }: { label: string; fit: FitNumbers | null; testid: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={`${testid}-ks`} data-value={fit?.ks ?? ''}>
        {formatStat(fit?.ks)}
      </td>
      <td data-testid={`${testid}-ll`} data-value={fit?.logLikelihood ?? ''}>
        {formatStat(fit?.logLikelihood)}
      </td>
    </tr>
  );
}

export function HistogramPanel({ scan, layer }: { scan: DatasetScanResult; layer: number }) {
  const own = scan.layers[layer];
  const base = !scan.isBase && scan.base ? scan.base.layers[layer] : null;
  const thresholdX = -Math.log10(scan.threshold);
  const [orientation, setOrientation] = useState<Orientation>('log10');
  const scales = useMemo(
    () => buildScales(base ? [own, base] : [own], thresholdX, orientation),
    [own, base, thresholdX, orientation],
  );
  const { x } = scales;
  const [hover, setHover] = useState<number | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const pointerValue = (event: React.PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    return x.invert(((event.clientX - box.left) * SIZE.width) / box.width);
  };
  const [lo, hi] = x.domain();
  const step = (hi - lo) / 60;
  return (
    <figure className="analysis-figure" data-testid="histogram-panel" data-layer={layer} data-orientation={orientation}>
      <figcaption>
        Ratio distribution, layer {layer + 1}, with fitted Gamma laws{' '}
        <button
          type="button"
          className="link-button chart-toggle"
          data-testid="hist-orientation"
          onClick={() => setOrientation(orientation === 'paper' ? 'log10' : 'paper')}
        >
          {orientation === 'paper' ? 'show log10, MAs on the right' : 'show the paper’s −log10 axis'}
        </button>
      </figcaption>
      <svg
        ref={svg}
        className="chart"
        viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
        role="img"
        tabIndex={0}
        aria-label="Histogram of log ratios; hover or use the arrow keys for a readout"
        onPointerMove={(e) => setHover(pointerValue(e))}
        onPointerLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
        onKeyDown={(e) => {
          const dir = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
          if (!dir) return;
          e.preventDefault();
          // Left and right move on screen, whichever way the axis runs.
          const sign = orientation === 'paper' ? dir : -dir;
          setHover(Math.min(Math.max((hover ?? thresholdX) + sign * step, lo), hi));
        }}
      >
        <Axes scales={scales} orientation={orientation} />
        {base && <HistogramMarks data={base} scales={scales} kind="base" />}
        <HistogramMarks data={own} scales={scales} kind="model" />
        <line
          className="threshold-line"
          x1={x(thresholdX)}
          x2={x(thresholdX)}
          y1={MARGIN.top - 6}
          y2={SIZE.height - MARGIN.bottom}
        />
        <text
          className="threshold-label"
          x={x(thresholdX) + (orientation === 'paper' ? 4 : -4)}
          y={MARGIN.top - 10}
          textAnchor={orientation === 'paper' ? 'start' : 'end'}
        >
          threshold {formatTick(scan.threshold)} ({orientation === 'paper' ? 'x' : 'log10'} = {scales.label(thresholdX)}
          )
        </text>
        {hover !== null && (
          <line className="hist-hover" x1={x(hover)} x2={x(hover)} y1={MARGIN.top} y2={SIZE.height - MARGIN.bottom} />
        )}
      </svg>
      <ul className="chart-legend hist-legend" aria-label="Legend">
        <li>
          <svg width={14} height={10} aria-hidden="true">
            <rect className="hist-model-swatch" width={14} height={10} />
          </svg>
          this model
        </li>
        <li>
          <svg width={16} height={10} aria-hidden="true">
            <line className="key-pdf-model" x1={0} x2={16} y1={5} y2={5} />
          </svg>
          its Gamma fit
        </li>
        {base && (
          <>
            <li>
              <svg width={16} height={10} aria-hidden="true">
                <line className="key-base" x1={0} x2={16} y1={5} y2={5} />
              </svg>
              base model
            </li>
            <li>
              <svg width={16} height={10} aria-hidden="true">
                <line className="key-pdf-base" x1={0} x2={16} y1={5} y2={5} />
              </svg>
              base Gamma fit
            </li>
          </>
        )}
      </ul>
      <p className="muted chart-hint" data-testid="hist-readout" aria-live="polite">
        {hover === null ? 'Hover (or focus and use ←/→) to read a bin.' : readout(hover, own, base, scales.label)}
      </p>
      <table className="fit-table" data-testid="fit-table">
        <thead>
          <tr>
            <th scope="col">layer {layer + 1}</th>
            <th scope="col" title="Kolmogorov–Smirnov statistic sup |F_n − F| (0 = perfect fit)">
              KS
            </th>
            <th scope="col" title="Mean log-likelihood of the sample under the Gamma law">
              mean log-lik.
            </th>
          </tr>
        </thead>
        <tbody>
          <FitRow label="this model, own fit" fit={own.own} testid="hist-own" />
          {!scan.isBase && <FitRow label="this model, base fit" fit={own.againstBase} testid="hist-vs-base" />}
          {base && <FitRow label="base model, own fit" fit={base.own} testid="hist-base" />}
        </tbody>
      </table>
      <p
        className="fit-params muted"
        data-testid="hist-gamma"
        data-a={own.gamma.a}
        data-loc={own.gamma.loc}
        data-scale={own.gamma.scale}
        data-size={own.histogram.size}
      >
        Gamma fit a = {formatStat(own.gamma.a)}, loc = {formatStat(own.gamma.loc)}, scale ={' '}
        {formatStat(own.gamma.scale)}
        {own.fitConverged ? '' : ' (did not converge)'}; {own.histogram.size.toLocaleString('en')} values.
      </p>
    </figure>
  );
}

/** The bin under `v` (−log10 units): its ratio range and density for this model and the base model. */
function readout(
  v: number,
  own: LayerDistributionData,
  base: LayerDistributionData | null,
  label: (v: number) => string,
) {
  const density = (data: LayerDistributionData) =>
    densityBins(data.histogram).find((b) => v >= b.x0 && v < b.x1)?.density ?? 0;
  const ratio = 10 ** -v;
  return `At ${label(Number(v.toFixed(2)))} (ratio ≈ ${formatTick(ratio)}): density ${formatStat(density(own))} for this model${
    base ? `, ${formatStat(density(base))} for the base model` : ''
  }.`;
}
