/**
 * What a dataset analysis shows of a base (untrained) model, and what it scores the trained models against: per
 * layer the -log10 ratio histogram and the Gamma fit with its own KS and log-likelihood, and the band of per-graph
 * maxima. A shipped base checkpoint records it for its whole test split (scan.json's baseAnalysis, written by
 * scripts/record-scans.ts and scripts/models-report.ts), so the first analysis of a shipped model runs only that
 * model; test/unit/baseAnalysis.test.ts checks the record against a live scan.
 */
import { baseBand } from '../ma/curves';
import type { GammaParams } from '../ma/gamma';
import type { LayerSummary } from '../ma/layerSummary';
import type { FitScore } from '../ma/distributionStats';
import type { BaseScanData, FitNumbers, LayerDistributionData } from './datasetScanTypes';
import type { RecordedScanData } from './recordedScans';
import type { ScanResult } from './scan';

export type BaseAnalysis = Omit<BaseScanData, 'modelEntry' | 'label'>;

export type RecordedBaseAnalysis = NonNullable<RecordedScanData['baseAnalysis']>;

export const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export const fitNumbers = (score: FitScore): FitNumbers => ({
  logLikelihood: finiteOrNull(score.logLikelihood),
  ks: finiteOrNull(score.ks),
});

export function distributionData(summary: LayerSummary): LayerDistributionData {
  const { distribution } = summary;
  return {
    histogram: {
      edges: distribution.histogram?.edges ?? new Float64Array(0),
      counts: distribution.histogram?.counts ?? new Float64Array(0),
      size: distribution.size,
    },
    gamma: distribution.gamma,
    fitConverged: distribution.fitConverged,
    own: fitNumbers(distribution.own),
  };
}

export function baseAnalysisOf(scan: ScanResult): BaseAnalysis {
  const band = baseBand(scan.layers.map((l) => l.curve));
  return {
    layers: scan.layers.map(distributionData),
    band: { min: finiteOrNull(band.min), max: finiteOrNull(band.max) },
  };
}

/** Per layer, the fit a model's layer is scored against: the base's Gamma fit when it converged. */
export const referenceFitsOf = (layers: LayerDistributionData[]): (GammaParams | undefined)[] =>
  layers.map((l) => (l.fitConverged ? l.gamma : undefined));

/** The record written into scan.json (plain JSON: arrays, NaN as null). */
export function recordBaseAnalysis(scan: ScanResult, histogramBins: number): RecordedBaseAnalysis {
  const { layers, band } = baseAnalysisOf(scan);
  return {
    graphs: scan.graphs,
    histogramBins,
    band,
    layers: layers.map((l) => ({
      histogram: {
        edges: Array.from(l.histogram.edges),
        counts: Array.from(l.histogram.counts),
        size: l.histogram.size,
      },
      gamma: l.gamma,
      fitConverged: l.fitConverged,
      own: l.own,
    })),
  };
}

/** The recorded analysis as the scanner uses it (typed arrays back). */
export function analysisFromRecord(record: RecordedBaseAnalysis): BaseAnalysis {
  return {
    band: record.band,
    layers: record.layers.map((l) => ({
      histogram: {
        edges: Float64Array.from(l.histogram.edges),
        counts: Float64Array.from(l.histogram.counts),
        size: l.histogram.size,
      },
      gamma: l.gamma,
      fitConverged: l.fitConverged,
      own: l.own,
    })),
  };
}
