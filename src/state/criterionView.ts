/**
 * The active MA criterion applied to the molecule shown: per bond the value it compares (the MA ratio, or for
 * attention-top the attention / head-median value), the cut-off of each layer, and which bonds are massive. Pure
 * functions of the state; the molecule view, the layer strip, compare panes and the export all read these.
 */
import type { CriterionReference, MaCriterion, MoleculeAnalysis } from '../engine/api';
import { attentionTopValuesOfBonds, criterionNeedsReference, layerCutoffs } from '../ma/criterion';
import { maxSkippingNaN } from '../ma/bondRatios';
import type { AppState, LayerChoice } from './store';

export const criterionOf = (s: AppState): MaCriterion => ({
  kind: s.criterionKind,
  threshold: s.threshold,
  alpha: s.alpha,
  bonferroni: s.bonferroni,
  percentile: s.percentile,
});

/** The reference of a model when the criterion needs one: the value, or null while it is missing. */
export function referenceOf(s: AppState, entryId: string | null): CriterionReference | null {
  const r = entryId ? s.references[entryId] : null;
  return r && typeof r !== 'string' ? r : null;
}

export interface BondMaView {
  /** What a bond's colour and flag are computed from. */
  valueName: 'ratio' | 'attention';
  /** Per bond, in the shown layer (for "max": the maximum over layers). */
  values: Float64Array;
  massive: boolean[];
  /** Per layer, the cut-off (value > cut-off is massive); NaN where the reference lacks it. */
  cutoffs: number[];
  /** The cut-off of the shown layer (for "max": the ratio threshold, or NaN when layers differ). */
  cutoff: number;
  /** Why nothing can be flagged (the reference is missing), in words; null when the criterion applies. */
  unavailable: string | null;
}

/** Per layer, per bond values of the criterion (ratios, or attention-top values). */
export function layerValues(analysis: MoleculeAnalysis, c: MaCriterion, ref: CriterionReference | null) {
  if (c.kind !== 'attention-top') return analysis.bondRatios;
  return analysis.bondAttention.map((a, l) => {
    const medians = ref?.layers[l]?.attentionMedians;
    return medians
      ? attentionTopValuesOfBonds(a, analysis.heads, medians)
      : new Float64Array(analysis.numBonds).fill(NaN);
  });
}

export function bondMaView(
  analysis: MoleculeAnalysis,
  layer: LayerChoice,
  c: MaCriterion,
  ref: CriterionReference | null,
): BondMaView {
  const perLayer = layerValues(analysis, c, ref);
  const cutoffs = layerCutoffs(c, analysis.numLayers, ref);
  const flagsOf = (l: number) => Array.from(perLayer[l], (v) => v > cutoffs[l]);
  const unavailable =
    criterionNeedsReference(c) && !ref
      ? 'waiting for the criterion reference'
      : cutoffs.every((x) => Number.isNaN(x))
        ? c.kind === 'base-tail'
          ? 'this model has no base fit to test against'
          : 'this model has no attention statistics'
        : null;
  if (layer !== 'max') {
    const l = Math.min(layer, analysis.numLayers - 1);
    return {
      valueName: c.kind === 'attention-top' ? 'attention' : 'ratio',
      values: perLayer[l],
      massive: flagsOf(l),
      cutoffs,
      cutoff: cutoffs[l],
      unavailable,
    };
  }
  const values = new Float64Array(analysis.numBonds).fill(NaN);
  for (const v of perLayer) v.forEach((x, k) => (values[k] = maxSkippingNaN(values[k], x)));
  const massive = new Array<boolean>(analysis.numBonds).fill(false);
  perLayer.forEach((_, l) => flagsOf(l).forEach((f, k) => (massive[k] ||= f)));
  const same = cutoffs.every((x) => x === cutoffs[0]);
  return {
    valueName: c.kind === 'attention-top' ? 'attention' : 'ratio',
    values,
    massive,
    cutoffs,
    cutoff: same ? cutoffs[0] : NaN,
    unavailable,
  };
}

/** Per layer, how many bonds the criterion flags, and the layer's largest value. */
export function flaggedPerLayer(analysis: MoleculeAnalysis, c: MaCriterion, ref: CriterionReference | null) {
  const perLayer = layerValues(analysis, c, ref);
  const cutoffs = layerCutoffs(c, analysis.numLayers, ref);
  return perLayer.map((values, l) => ({
    count: Array.from(values).filter((v) => v > cutoffs[l]).length,
    peak: Array.from(values).reduce((m, v) => maxSkippingNaN(m, v), NaN),
    cutoff: cutoffs[l],
  }));
}
