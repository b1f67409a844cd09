/**
 * What makes an edge "massive": one typed definition used by every view, the CLI, the export and the link.
 *
 * - `ratio`: the paper's fixed threshold, r_e = max|s| / median|s| > T (docs/METHOD.md §8.1; T = 1000, its
 *   heatmaps also use 3000 and 4000).
 * - `base-tail`: the paper's statistical framing made per edge. The untrained base model's -log10 ratio
 *   distribution of a layer is fitted with a 3-parameter Gamma law (docs/METHOD.md §8.3); an edge of the studied
 *   model is massive when P_base(R >= r_e) < alpha, i.e. -log10 r_e lies below the law's alpha-quantile. With
 *   Bonferroni, alpha is divided by the split's directed edges.
 * - `attention-top`: Tori, Bini et al. (arXiv 2602.21092): per edge and head, the attention weight divided by the
 *   median weight of that layer and head over the split's edges; an edge's value is its maximum over heads; it is
 *   flagged when that value lies above the given percentile of the pooled values over the split's edges.
 */
import { gammaCdf, gammaQuantile, type GammaParams } from './gamma';

export const CRITERION_KINDS = ['ratio', 'base-tail', 'attention-top'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export interface MaCriterion {
  kind: CriterionKind;
  /** ratio: an edge is massive when its ratio is strictly above this. */
  threshold: number;
  /** base-tail: the tail probability under the base law below which an edge is massive. */
  alpha: number;
  /** base-tail: divide alpha by the number of directed edges in the split. */
  bonferroni: boolean;
  /** attention-top: the percentile (0-100) of the pooled values above which an edge is flagged. */
  percentile: number;
}

export const DEFAULT_CRITERION: MaCriterion = {
  kind: 'ratio',
  threshold: 1000,
  alpha: 1e-4,
  bonferroni: false,
  percentile: 95,
};

/** The thresholds the paper's figures use. */
export const RATIO_PRESETS = [100, 1000, 3000, 4000] as const;
/** Percentiles the recorded scans keep the pooled attention-top values at (scan.json). */
export const ATTENTION_PERCENTILES = [90, 95, 99, 99.9] as const;

/** What a layer's criterion needs from the split: the base fit, the split's size, attention statistics. */
export interface LayerReference {
  /** The base model's Gamma fit of this layer's -log10 ratios (null: none converged). */
  baseFit: GammaParams | null;
  /** Per head, the median attention weight of this layer over the split's directed edges. */
  attentionMedians: number[] | null;
  /** Pooled per-edge attention-top values at ATTENTION_PERCENTILES (same order). */
  attentionQuantiles: number[] | null;
}

export interface CriterionReference {
  /** Where the numbers came from, in words (e.g. "recorded scan of the test split"). */
  source: string;
  /** Directed edges in the split the reference was measured on (Bonferroni). */
  edges: number;
  layers: LayerReference[];
}

export const criterionNeedsReference = (c: MaCriterion) => c.kind !== 'ratio';

/** The tail probability that base-tail tests, after the optional Bonferroni correction. */
export const effectiveAlpha = (c: MaCriterion, edges: number) =>
  c.bonferroni ? c.alpha / Math.max(edges, 1) : c.alpha;

/**
 * base-tail's ratio threshold of a layer: r* with P_base(R >= r*) = alpha, i.e. 10^-q where q is the base law's
 * alpha-quantile of -log10 R (R >= r <=> -log10 R <= -log10 r). NaN without a base fit.
 */
export function baseTailRatioThreshold(fit: GammaParams | null, alpha: number): number {
  if (!fit) return NaN;
  return Math.pow(10, -gammaQuantile(alpha, fit));
}

/**
 * P_base(R >= r): the base law's CDF at -log10 r (docs/METHOD.md §8.3 uses the same epsilon-free ratios for
 * r > 0).
 */
export function baseTailProbability(ratio: number, fit: GammaParams | null): number {
  if (!fit || Number.isNaN(ratio)) return NaN;
  if (ratio === Infinity) return 0;
  if (ratio <= 0) return 1;
  return gammaCdf(-Math.log10(ratio), fit);
}

/** The pooled attention-top cut-off of a layer at the criterion's percentile (NaN when not recorded). */
export function attentionCutoff(layer: LayerReference, percentile: number): number {
  const at = ATTENTION_PERCENTILES.indexOf(percentile as (typeof ATTENTION_PERCENTILES)[number]);
  return at >= 0 && layer.attentionQuantiles ? layer.attentionQuantiles[at] : NaN;
}

/**
 * Per layer, the number a bond's value is compared with (strictly greater = massive): the ratio threshold for
 * `ratio` and `base-tail`, the attention-top cut-off for `attention-top`. NaN where the reference lacks it.
 */
export function layerCutoffs(c: MaCriterion, numLayers: number, reference: CriterionReference | null): number[] {
  return Array.from({ length: numLayers }, (_, l) => {
    if (c.kind === 'ratio') return c.threshold;
    const layer = reference?.layers[l];
    if (!layer) return NaN;
    if (c.kind === 'base-tail') return baseTailRatioThreshold(layer.baseFit, effectiveAlpha(c, reference!.edges));
    return attentionCutoff(layer, c.percentile);
  });
}

/** attention-top values of a molecule's bonds from [bond * heads + h] weights (each the larger of its two edges). */
export function attentionTopValuesOfBonds(bondAttention: Float64Array, heads: number, medians: number[]): Float64Array {
  return Float64Array.from({ length: bondAttention.length / heads }, (_, k) => {
    let best = NaN;
    for (let h = 0; h < heads; h++) {
      const v = bondAttention[k * heads + h] / medians[h];
      if (!Number.isNaN(v) && !(v <= best)) best = v;
    }
    return best;
  });
}

/** Flags against a cut-off: strictly above it. A NaN value or cut-off flags nothing. */
export const flagsAbove = (values: Float64Array, cutoff: number) => Array.from(values, (v) => v > cutoff);

/** Short words for the active criterion, e.g. "ratio > 1000", "P_base < 1e-4", "attention > p95". */
export function describeCriterion(c: MaCriterion): string {
  if (c.kind === 'ratio') return `ratio > ${c.threshold}`;
  if (c.kind === 'base-tail') return `P_base(R ≥ r) < ${c.alpha}${c.bonferroni ? ' / edges' : ''}`;
  return `attention / median > p${c.percentile}`;
}
