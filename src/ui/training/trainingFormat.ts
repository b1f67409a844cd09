/** Names and number formats of the training panel. */
import { format } from 'd3';

const fourDigits = format('.4~r');
const exponent = format('.2~e');

/** Losses and metrics: four significant digits, or an exponent when tiny or huge. */
export function formatChartValue(value: number): string {
  const size = Math.abs(value);
  return size !== 0 && (size < 1e-3 || size >= 1e5) ? exponent(value) : fourDigits(value);
}

const METRIC_LABELS: Record<string, string> = { mae: 'MAE', rocAuc: 'ROC-AUC', accuracy: 'accuracy' };
export const metricLabel = (name: string) => METRIC_LABELS[name] ?? name;

/** The dataset's metric name (as gnn/metrics.ts names it) and its training loss. */
export const DATASET_METRIC: Record<string, { metric: string; loss: string }> = {
  zinc: { metric: 'mae', loss: 'L1 loss' },
  tox21: { metric: 'rocAuc', loss: 'BCE loss' },
  proteins: { metric: 'accuracy', loss: 'BCE loss' },
};

export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = seconds / 60;
  return minutes < 90 ? `${minutes.toFixed(1)} min` : `${(minutes / 60).toFixed(1)} h`;
}
