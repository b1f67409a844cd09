/**
 * Everything the explorer reports for one layer's edge capture, from one median pass: the summary numbers of
 * docs/METHOD.md §8.4 (share of massive edges and items, largest item maximum, Gamma fit of the ratio distribution with KS
 * and mean log-likelihood against its own fit and against the base model's fit when given), the sorted per-graph
 * maximum curve of docs/METHOD.md §8.2 and, given bond types, the heatmaps and rates of docs/METHOD.md §10.1.
 *
 * Medians: np.median for r_e, m_n, the distribution and the heatmaps; torch's lower median for the curve, as the
 * paper's code does (docs/METHOD.md §13 item 2).
 * Threshold convention: docs/METHOD.md §8.4 writes r_e >= 1000, the heatmap code a strict r > threshold. This module uses
 * the strict rule everywhere (isMassive), so a layer's fractions and its heatmaps always agree; the two differ
 * only for ratios exactly equal to the threshold.
 */
import { bondTypeHeatmaps, maRateByBondType, type BondTypeHeatmaps, type BondTypeRate } from './bondTypes';
import { sortedItemMaxima } from './curves';
import { histogram, negLog10Ratios, type Histogram } from './distribution';
import { describeDistribution, type FitScore } from './distributionStats';
import {
  DEFAULT_THRESHOLD,
  edgeMaxima,
  edgeMedianPair,
  fractionMassive,
  perEdgeRatios,
  perGraphMaxima,
  type EdgeActivations,
} from './edgeRatios';
import type { GammaParams } from './gamma';
import { orderSample } from './orderedSample';

export interface LayerSummaryOptions {
  threshold?: number;
  /** The base model's fit of the same layer, to score this layer's sample against. */
  referenceFit?: GammaParams;
  maxDistributionEdges?: number;
  /** Histogram bins over [min, max] of the sample (the paper draws 1000); 0 for none. */
  histogramBins?: number;
  /** Bond type of every edge, with the head count, for the heatmaps and the rates by type. */
  bondTypeOfEdge?: Int32Array;
  heads?: number;
}

export interface LayerDistribution {
  /** Values in the sample, and non-finite ones left out. */
  size: number;
  dropped: number;
  gamma: GammaParams;
  fitConverged: boolean;
  fitMethod: 'profile' | 'nelder-mead' | 'none';
  own: FitScore;
  againstReference?: FitScore;
  histogram?: Histogram;
}

export interface LayerSummary {
  threshold: number;
  edges: number;
  items: number;
  /** Share of all edges with r_e > threshold (NaN ratios count as not massive). */
  fractionEdgesMassive: number;
  /** Share of all items with m_n > threshold (items without a defined ratio count as not massive). */
  fractionItemsMassive: number;
  /** Largest m_n, NaN when no item has one. */
  maxItemRatio: number;
  perEdgeRatio: Float64Array;
  perGraphMax: Float64Array;
  /** Sorted m_n with torch's median, first 60 000 items, NaN left out. */
  curve: Float64Array;
  distribution: LayerDistribution;
  heatmaps?: BondTypeHeatmaps;
  rateByBondType?: BondTypeRate[];
}

export function summarizeLayer(
  acts: EdgeActivations,
  graphOfEdge: Int32Array,
  numGraphs: number,
  options: LayerSummaryOptions = {},
): LayerSummary {
  const { threshold = DEFAULT_THRESHOLD, bondTypeOfEdge, heads } = options;
  const medians = edgeMedianPair(acts);
  const maxima = edgeMaxima(acts);
  const perEdgeRatio = perEdgeRatios(acts, 'numpy', medians.numpy, maxima);
  const perGraphMax = perGraphMaxima(perEdgeRatio, graphOfEdge, numGraphs);
  const lowerRatios = perEdgeRatios(acts, 'lower', medians.lower, maxima);
  const defined = perGraphMax.filter((m) => !Number.isNaN(m));
  const summary: LayerSummary = {
    threshold,
    edges: acts.numEdges,
    items: numGraphs,
    fractionEdgesMassive: fractionMassive(perEdgeRatio, threshold),
    fractionItemsMassive: fractionMassive(perGraphMax, threshold),
    maxItemRatio: defined.length === 0 ? NaN : defined.reduce((p, q) => Math.max(p, q)),
    perEdgeRatio,
    perGraphMax,
    curve: sortedItemMaxima(perGraphMaxima(lowerRatios, graphOfEdge, numGraphs)),
    distribution: layerDistribution(acts, { ...options, medians: medians.numpy }),
  };
  if (bondTypeOfEdge && heads) {
    summary.heatmaps = bondTypeHeatmaps(acts, bondTypeOfEdge, {
      heads,
      threshold,
      medians: medians.numpy,
      perEdgeRatio,
    });
    summary.rateByBondType = maRateByBondType(perEdgeRatio, bondTypeOfEdge, threshold);
  }
  return summary;
}

/** The ratio distribution of one layer against its own Gamma fit (and a reference fit when given). */
export function layerDistribution(
  acts: EdgeActivations,
  options: Pick<LayerSummaryOptions, 'referenceFit' | 'histogramBins' | 'maxDistributionEdges'> & {
    medians?: Float64Array;
  } = {},
): LayerDistribution {
  const sample = negLog10Ratios(acts, { maxEdges: options.maxDistributionEdges, medians: options.medians });
  const ordered = orderSample(sample.values, sample);
  const stats = describeDistribution(ordered, options.referenceFit);
  const { a, loc, scale, converged, method } = stats.fit;
  const result: LayerDistribution = {
    size: sample.values.length,
    dropped: sample.dropped,
    gamma: { a, loc, scale },
    fitConverged: converged,
    fitMethod: method,
    own: stats.own,
  };
  if (stats.againstReference) result.againstReference = stats.againstReference;
  if (options.histogramBins) result.histogram = histogram(ordered, options.histogramBins);
  return result;
}
