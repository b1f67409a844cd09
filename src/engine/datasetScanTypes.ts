/**
 * Plain data of a dataset scan (datasetScan.ts): per layer, the ratio distribution with its Gamma fit, the
 * per-graph maxima, and MA rates by bond type, for one model over one split, with its base model's numbers to
 * compare against. Everything crosses the worker boundary by structured clone.
 */
import type { BundledDatasetName } from '../data/bundledDatasets';
import type { SplitName } from '../data/split';
import type { BackendName } from '../gnn/backend';
import type { GammaParams } from '../ma/gamma';
import type { GlobalShare } from '../ma/globalShare';

export interface DatasetScanRequest {
  dataset: BundledDatasetName;
  split: SplitName;
  /** A model catalogue entry id (e.g. "base:small-gt-zinc", "ckpt:gt-zinc-trained"). */
  modelEntry: string;
  /** An edge has an MA when its ratio max|s| / median|s| is strictly above this. */
  threshold: number;
  /** Scan only the first `limit` graphs of the split (default: all of them). */
  limit?: number;
  /**
   * Run the base model even when its checkpoint ships its analysis of the whole split (scan.json's baseAnalysis):
   * for benchmarks and checks. Results are the same.
   */
  liveBase?: boolean;
}

export interface DatasetScanProgress {
  /** Which model is running: the requested one, or its base model (scanned first, for the comparison). */
  phase: 'base' | 'model';
  /** Running the model over the molecules layer by layer (done/total count layers; each finished layer is fitted
   * alongside), then the fits still running (the Gamma law, KS, rates by bond type; done/total count layers). */
  stage: 'forward' | 'statistics';
  done: number;
  total: number;
  /** On the model's steps: true when the base model is not run, its numbers coming from its checkpoint's record. */
  baseRecorded?: boolean;
}

/** The -log10 ratio histogram of docs/METHOD.md §8.3: `bins + 1` edges, counts per bin, out of `size` values. */
export interface ScanHistogram {
  edges: Float64Array;
  counts: Float64Array;
  size: number;
}

export interface FitNumbers {
  /** Mean log-likelihood; null when not finite (a value below the fit's loc). */
  logLikelihood: number | null;
  ks: number | null;
}

/** A layer's -log10 ratio distribution and its own Gamma fit. */
export interface LayerDistributionData {
  histogram: ScanHistogram;
  gamma: GammaParams;
  fitConverged: boolean;
  own: FitNumbers;
}

export interface DatasetScanLayer extends LayerDistributionData {
  /** This layer's sample scored against the base model's fit of the same layer (null: no base to compare). */
  againstBase: FitNumbers | null;
  /** Share of directed edges with r_e > threshold. */
  fractionEdgesMassive: number;
  /** Share of graphs with m_n > threshold. */
  fractionGraphsMassive: number;
  /** Largest m_n; null when no graph has one. */
  maxGraphRatio: number | null;
  /** m_n per scanned graph (numpy median, as the bond colours); NaN for a graph without a ratio. */
  perGraphMax: Float64Array;
  /** Sorted m_n with torch's lower median (docs/METHOD.md §8.2), NaN left out: the "base vs train" curve. */
  curve: Float64Array;
  /** Per bond type (same order as DatasetScanResult.bondTypes): edges with an MA, and their share. */
  massiveEdgesByType: Int32Array;
  /** massiveEdgesByType / edges of that type; NaN for a type without edges. */
  rateByType: Float64Array;
  /** Graphs with at least one MA edge of that type. */
  graphsByType: Int32Array;
  /** Per graph, bit i set when an edge of bondTypes[i] has an MA in this layer (the first 32 types). */
  typeMaskOfGraph: Uint32Array;
  /** MAs against bond curvature, over DatasetScanResult.curvatureBins. */
  curvature: LayerCurvature;
  /** For a model with a global node: the share of MA edges on its virtual edges (types 4, 5); else null. */
  globalShare: GlobalShare | null;
}

/** A curvature bin [lo, hi) of the scan's bonds (last bin closed) and P(c), the share of bond edges in it. */
export interface CurvatureBinInfo {
  lo: number;
  hi: number;
  edges: number;
  /** NaN when no edge has a curvature. */
  share: number;
}

/** One layer's MAs by curvature bin (docs/METHOD.md §14, Tori, Bini et al. 2026). */
export interface LayerCurvature {
  /** MA edges per bin. */
  massive: Int32Array;
  /** E(c) = P(c | MA) / P(c); NaN for an empty bin or a layer without MA edges. */
  enrichment: Float64Array;
}

export interface BondTypeInfo {
  /** The value of the first edge-feature column. */
  type: number;
  name: string;
  /** Directed edges of this type in the scan. */
  edges: number;
}

/** The base model's side of the comparison: its distributions and the band of its per-graph maxima. */
export interface BaseScanData {
  modelEntry: string;
  label: string;
  layers: LayerDistributionData[];
  /** min..max of m_n over all its layers and graphs (docs/METHOD.md §8.2); null bounds when it has none. */
  band: { min: number | null; max: number | null };
}

export interface DatasetScanResult {
  /** model, dataset, split, threshold and limit: the cache key, also for the UI to match requests. */
  key: string;
  modelEntry: string;
  modelLabel: string;
  dataset: BundledDatasetName;
  split: SplitName;
  threshold: number;
  /** Graphs scanned (the first ones of the split) and the split's size. */
  graphs: number;
  splitSize: number;
  edges: number;
  bondTypes: BondTypeInfo[];
  /** Balanced Forman curvature bins of the scanned bonds (virtual edges left out), with P(c). */
  curvatureBins: CurvatureBinInfo[];
  layers: DatasetScanLayer[];
  /** The base (untrained) model of the same architecture; equal to the model's own numbers for a base model. */
  base: BaseScanData | null;
  /** True when the scanned model is itself the base. */
  isBase: boolean;
  backend: BackendName;
  /** Workers that fitted the layers beside the engine's own thread (0: all in the engine's thread; absent in
   * analyses kept before this was recorded). */
  statisticsWorkers?: number;
  /** True when the base model's numbers come from its checkpoint's recorded analysis of the split (not run). */
  baseRecorded?: boolean;
  seconds: number;
}

export const scanRequestKey = (r: DatasetScanRequest) =>
  JSON.stringify([r.modelEntry, r.dataset, r.split, r.threshold, r.limit ?? null, r.liveBase ?? false]);
