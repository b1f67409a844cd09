/** The panel's three charts: train and validation loss, the validation metric, and the MA ratio per layer. */
import { interpolatePlasma } from 'd3';
import type { EpochRecord, MaEpochStats } from '../../engine/api';
import { ChartLegend, EpochChart, type EpochSeries } from './EpochChart';
import { maTrajectory } from '../../ma/trajectory';
import { formatRatio } from '../format';
import { metricLabel } from './trainingFormat';

/** The paper's MA threshold: the maHistory shares are counted against it. */
const MA_THRESHOLD = 1000;
const TRAIN_COLOR = '#3b4a6b';
const VAL_COLOR = '#d0602a';

interface LossProps {
  records: EpochRecord[];
  epochRange: [number, number];
  lossName: string;
  metricName: string;
  testIdPrefix: string;
  /** A live run's per-batch training loss (x: fractional epoch), so the chart moves before the first epoch ends. */
  batchLosses?: { epoch: number; value: number }[];
}

export function LossCharts({ records, epochRange, lossName, metricName, testIdPrefix, batchLosses = [] }: LossProps) {
  const losses: EpochSeries[] = [
    ...(batchLosses.length
      ? [
          {
            key: 'batch-loss',
            label: `train ${lossName} per batch`,
            color: '#9aa3b8',
            thin: true,
            points: batchLosses,
          },
        ]
      : []),
    {
      key: 'train-loss',
      label: `train ${lossName}`,
      color: TRAIN_COLOR,
      points: records.map((r) => ({ epoch: r.epoch, value: r.trainLoss })),
    },
    {
      key: 'val-loss',
      label: `validation ${lossName}`,
      color: VAL_COLOR,
      dashed: true,
      points: records.map((r) => ({ epoch: r.epoch, value: r.valLoss })),
    },
  ];
  const metric: EpochSeries[] = [
    {
      key: 'val-metric',
      label: `validation ${metricLabel(metricName)}`,
      color: VAL_COLOR,
      points: records.map((r) => ({ epoch: r.epoch, value: r.valMetric })),
    },
  ];
  const range: [number, number] = [batchLosses.length ? 0 : Math.max(1, epochRange[0]), epochRange[1]];
  return (
    <>
      <h4>Loss</h4>
      <ChartLegend series={losses} />
      <EpochChart
        testId={`${testIdPrefix}loss-chart`}
        label={`Train and validation ${lossName} per epoch`}
        yLabel={lossName}
        series={losses}
        epochRange={range}
        yScale="linear"
        height={150}
      />
      <h4>Validation {metricLabel(metricName)}</h4>
      <EpochChart
        testId={`${testIdPrefix}metric-chart`}
        label={`Validation ${metricLabel(metricName)} per epoch`}
        yLabel={metricLabel(metricName)}
        series={metric}
        epochRange={range}
        yScale="linear"
        height={130}
      />
    </>
  );
}

const PEAK_COLOR = 'rgb(81, 40, 136)';
/** Other layers: greys, lighter for deeper layers, so they stay apart without competing with the peak. */
const layerGrey = (layer: number, layers: number) => {
  const level = Math.round(150 + (60 * layer) / Math.max(1, layers - 1));
  return `rgb(${level}, ${level + 4}, ${level + 12})`;
};

/** Layer colours from shallow (dark blue) to deep (orange); the bright yellow end is left out on white. */
export const layerColor = (layer: number, layers: number) =>
  interpolatePlasma(layers <= 1 ? 0 : 0.05 + (0.8 * layer) / (layers - 1));

interface MaProps {
  maHistory: MaEpochStats[];
  epochRange: [number, number];
  testId: string;
  /** Another run to overlay (a plain run's EBT twin, or the reverse): its largest ratio over layers, dashed. */
  twin?: { label: string; maHistory: MaEpochStats[] } | null;
}

/** The peak layer (largest ratio in the last epoch) in colour, every other layer grey behind it. */
export function MaEpochChart({ maHistory, epochRange, testId, twin }: MaProps) {
  const layers = Math.max(0, ...maHistory.map((m) => m.layers.length));
  const last = maHistory.at(-1);
  const peakLayer = last ? argMax(last.layers.map((l) => l.maxRatio ?? 0)) : 0;
  const series: EpochSeries[] = Array.from({ length: layers }, (_, l) => ({
    key: `layer-${l + 1}`,
    label: l === peakLayer ? `L${l + 1} (peak)` : `L${l + 1}`,
    color: l === peakLayer ? PEAK_COLOR : layerGrey(l, layers),
    faded: l !== peakLayer,
    points: maHistory.map((m) => ({ epoch: m.epoch, value: m.layers[l]?.maxRatio ?? null })),
  }));
  if (twin)
    series.push({
      key: 'twin',
      label: `${twin.label}: largest over layers`,
      color: '#c0580b',
      dashed: true,
      points: twin.maHistory.map((m) => ({
        epoch: m.epoch,
        value: Math.max(...m.layers.map((l) => l.maxRatio ?? 0)) || null,
      })),
    });
  const maLayer = last ? argMax(last.layers.map((l) => l.graphsWithMa)) : 0;
  const trajectory = maTrajectory(maHistory, MA_THRESHOLD);
  return (
    <>
      <ChartLegend series={series} testId={`${testId}-legend`} />
      <EpochChart
        testId={testId}
        label="Largest MA ratio per layer over epochs (log scale, threshold 1000 dashed)"
        yLabel="max ratio (log)"
        series={series}
        epochRange={epochRange}
        yScale="log"
        threshold={{ value: MA_THRESHOLD, label: '1000 (MA)' }}
        height={190}
      />
      {last && (
        <p className="training-note muted" data-testid={`${testId}-summary`}>
          Epoch {last.epoch}: largest ratio {formatRatio(last.layers[peakLayer].maxRatio ?? NaN)} (layer {peakLayer + 1}
          ); graphs with a bond above 1000: {(last.layers[maLayer].graphsWithMa * 100).toFixed(1)}%
          {last.layers[maLayer].graphsWithMa > 0 ? ` (layer ${maLayer + 1})` : ' in every layer'}.
        </p>
      )}
      {trajectory && maHistory.length > 1 && (
        <p className="training-note muted" data-testid={`${testId}-trajectory`}>
          {trajectory.firstAbove
            ? `First above 1000 at epoch ${trajectory.firstAbove.epoch} (layer ${trajectory.firstAbove.layer})`
            : 'Never above 1000'}
          ; peak {formatRatio(trajectory.peak.ratio)} at epoch {trajectory.peak.epoch} (layer {trajectory.peak.layer}).
        </p>
      )}
    </>
  );
}

const argMax = (values: number[]) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
