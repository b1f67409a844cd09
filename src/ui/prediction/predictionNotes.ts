/** What a prediction means, in a chemist's words, and how far to trust it (the model's recorded test error). */
import type { ModelEntry } from '../../engine/api';

const METRIC_NAMES: Record<string, string> = { mae: 'MAE', rocAuc: 'ROC-AUC', accuracy: 'accuracy' };

/** "test MAE 0.446" from a checkpoint's recorded metrics; null for untrained or unrecorded models. */
export function testMetricText(entry: ModelEntry | null | undefined): string | null {
  const metrics = entry?.testMetrics;
  if (!metrics) return null;
  const parts = Object.entries(metrics).map(
    ([key, value]) => `test ${METRIC_NAMES[key] ?? key} ${value.toPrecision(3)}`,
  );
  return parts.length ? parts.join(', ') : null;
}

/** The typical error of a regression prediction (the test MAE), or null. */
export const testMae = (entry: ModelEntry | null | undefined): number | null => entry?.testMetrics?.mae ?? null;

/** One line on what the target is, per dataset. */
export function targetMeaning(dataset: string | undefined): string | null {
  switch (dataset) {
    case 'zinc':
      return 'Penalised logP: octanol–water logP minus synthetic accessibility minus rings over six atoms, each term normalised over ZINC, so it has no units; higher means more soluble in fat.';
    case 'tox21':
      return 'P(active): the model’s probability that the molecule is active in each Tox21 assay (nuclear-receptor and stress-response panels); the label is the measured outcome (— where untested).';
    case 'proteins':
      return 'PROTEINS (TU): the probability that the protein is an enzyme; the label is the measured class.';
    default:
      return null;
  }
}
