/**
 * How each bond is painted: by its criterion value (MA ratio, or attention-top value; log scale), by the chosen
 * attribution (diverging), or by the change an ablation made (log10 ratio after / before, diverging), with the
 * bonds the shown analysis removed or whose massive features it zeroed marked. A removed bond has no ratio and is
 * never massive: the model does not attend along it. Pure; the panels call it.
 */
import type { Ablation, MoleculeAnalysis } from '../../engine/api';
import type { BondMaView } from '../../state/criterionView';
import type { LayerChoice } from '../../state/store';
import { maxSkippingNaN } from '../../ma/bondRatios';
import type { AttributionColorScale } from '../attributionColorScale';
import type { MaColorScale } from '../maColorScale';
import type { BondPaint } from './MoleculeView';

/** Bonds an ablation removed, and bonds whose two edges' massive features it zeroed. */
export function ablatedBonds(ablation: Ablation | undefined): { removed: Set<number>; maAblated: Set<number> } {
  const removed = new Set(ablation?.removeBonds ?? []);
  const maAblated = new Set<number>();
  for (const spec of ablation?.features ?? []) for (const edge of spec.edges ?? []) maAblated.add(Math.floor(edge / 2));
  return { removed, maAblated };
}

/** Per bond, log10(ratio with the ablation / ratio without it) in the shown layer (max over layers for "max"). */
export function ratioChange(analysis: MoleculeAnalysis, layer: LayerChoice): Float64Array | null {
  const before = analysis.unablatedBondRatios;
  if (!before) return null;
  const pick = (layers: Float64Array[], k: number) =>
    layer === 'max'
      ? layers.reduce((m, r) => maxSkippingNaN(m, r[k]), NaN)
      : layers[Math.min(layer, layers.length - 1)][k];
  const { removed } = ablatedBonds(analysis.ablation);
  return Float64Array.from({ length: analysis.numBonds }, (_, k) =>
    removed.has(k) ? NaN : Math.log10(pick(analysis.bondRatios, k) / pick(before, k)),
  );
}

interface PaintInput {
  analysis: MoleculeAnalysis;
  /** The active criterion on the shown layer. */
  view: BondMaView;
  /** The shown layer's MA ratio per bond (what data-ma-ratio carries). */
  ratios: Float64Array;
  maColors: MaColorScale;
  /** In attribution mode: the method's values (null while they are computed) and their scale. */
  attribution: { values: Float32Array | null; colors: AttributionColorScale | null } | null;
  /** In change mode: log10 after / before per bond and its scale (null values: no ablation to compare). */
  change?: { values: Float64Array | null; colors: AttributionColorScale | null } | null;
  /** No bands at all (node colour mode: the atoms carry the colour); the numbers stay in the data attributes. */
  bandless?: boolean;
}

export function bondPaints(input: PaintInput): BondPaint[] {
  const { analysis, view, ratios, maColors, attribution, change, bandless } = input;
  const { removed, maAblated } = ablatedBonds(analysis.ablation);
  return Array.from(ratios, (ratio, k) => {
    const gone = removed.has(k);
    const value = attribution?.values ? attribution.values[k] : null;
    const delta = change?.values ? change.values[k] : null;
    const color =
      gone || bandless
        ? null
        : attribution
          ? value === null || !attribution.colors
            ? null
            : attribution.colors.color(value)
          : change
            ? delta === null || !change.colors
              ? null
              : change.colors.color(delta)
            : maColors.color(view.values[k]);
    return {
      color,
      ratio: gone ? null : ratio,
      value: gone ? null : view.values[k],
      attribution: value,
      change: delta,
      massive: !gone && view.massive[k],
      removed: gone,
      maAblated: maAblated.has(k),
    };
  });
}
