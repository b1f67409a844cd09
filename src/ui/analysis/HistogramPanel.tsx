/**
 * The -log10 ratio distribution of one layer (docs/METHOD.md §8.3): the model's histogram (as a density, log y) with its
 * fitted Gamma density, the base model's overlaid in orange, the threshold at x = -log10(threshold), and the KS
 * and mean log-likelihood numbers, against the model's own fit and against the base model's fit.
 */
import { YGrid, XTicks, decadeTicks } from '../charts/axes';
import { area, curveStepAfter, line, scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import type { DatasetScanResult, FitNumbers, LayerDistributionData } from '../../engine/api';
import { formatTick } from '../format';
import { formatStat } from './analysisFormat';
import { densityBins, gammaDensity, histogramDomain, oneValueDensity } from './histogramGeometry';

const SIZE = { width: 420, height: 230 };
const MARGIN = { top: 26, right: 12, bottom: 38, left: 52 };

interface Scales {
  x: ReturnType<typeof scaleLinear<number, number>>;
  y: ReturnType<typeof scaleLog<number, number>>;
  floor: number;
}

function buildScales(drawn: LayerDistributionData[], thresholdX: number): Scales {
  const floor = Math.min(...drawn.map((d) => oneValueDensity(d.histogram))) / 2;
  const top = Math.max(...drawn.flatMap((d) => densityBins(d.histogram).map((b) => b.density)), floor * 10);
  return {
    x: scaleLinear()
      .domain(histogramDomain(drawn, thresholdX))
      .range([MARGIN.left, SIZE.width - MARGIN.right]),
    y: scaleLog()
      .domain([floor, top * 2])
      .range([SIZE.height - MARGIN.bottom, MARGIN.top])
      .clamp(true),
    floor,
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

function Axes({ scales }: { scales: Scales }) {
  const { x, y } = scales;
  const bottom = SIZE.height - MARGIN.bottom;
  return (
    <g>
      <YGrid y={y} ticks={decadeTicks(y)} left={MARGIN.left} right={SIZE.width - MARGIN.right} />
      <XTicks x={x} ticks={x.ticks(8)} bottom={bottom} />
      <line className="axis-line" x1={MARGIN.left} x2={SIZE.width - MARGIN.right} y1={bottom} y2={bottom} />
      <text className="axis-title" x={(MARGIN.left + SIZE.width - MARGIN.right) / 2} y={SIZE.height - 4}>
        −log10(ratio) of each feature (ratio = |s| / median|s|; MAs on the left)
      </text>
      <text className="axis-title" transform={`translate(12,${(MARGIN.top + bottom) / 2}) rotate(-90)`}>
        density (log)
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
  const scales = useMemo(() => buildScales(base ? [own, base] : [own], thresholdX), [own, base, thresholdX]);
  const { x } = scales;
  const legendX = SIZE.width - MARGIN.right - 96;
  return (
    <figure className="analysis-figure" data-testid="histogram-panel" data-layer={layer}>
      <figcaption>Ratio distribution, layer {layer + 1}, with fitted Gamma laws</figcaption>
      <svg
        className="chart"
        viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
        role="img"
        aria-label="Histogram of −log10 ratios"
      >
        <Axes scales={scales} />
        {base && <HistogramMarks data={base} scales={scales} kind="base" />}
        <HistogramMarks data={own} scales={scales} kind="model" />
        <line
          className="threshold-line"
          x1={x(thresholdX)}
          x2={x(thresholdX)}
          y1={MARGIN.top - 6}
          y2={SIZE.height - MARGIN.bottom}
        />
        <text className="threshold-label" x={x(thresholdX) + 4} y={MARGIN.top - 10}>
          threshold {formatTick(scan.threshold)} (x = {thresholdX.toFixed(2)})
        </text>
        <g className="chart-key" transform={`translate(${legendX},${MARGIN.top + 4})`}>
          <rect className="hist-model-swatch" width={12} height={8} y={-4} />
          <text x={16} dominantBaseline="central">
            this model
          </text>
          <line className="key-pdf-model" x1={0} x2={12} y1={13} y2={13} />
          <text x={16} y={13} dominantBaseline="central">
            its Gamma fit
          </text>
          {base && (
            <>
              <line className="key-base" x1={0} x2={12} y1={26} y2={26} />
              <text x={16} y={26} dominantBaseline="central">
                base model
              </text>
              <line className="key-pdf-base" x1={0} x2={12} y1={39} y2={39} />
              <text x={16} y={39} dominantBaseline="central">
                base Gamma fit
              </text>
            </>
          )}
        </g>
      </svg>
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
