/**
 * How each bond is painted: by its MA ratio (log scale) or by the chosen attribution (diverging scale), with
 * the bonds the shown analysis removed or whose massive features it zeroed marked. Pure; the panel calls it.
 */
import type { Ablation, MoleculeAnalysis } from '../../engine/api';
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

interface PaintInput {
  analysis: MoleculeAnalysis;
  /** The shown layer's ratio per bond. */
  ratios: Float64Array;
  maColors: MaColorScale;
  /** In attribution mode: the method's values (null while they are computed) and their scale. */
  attribution: { values: Float32Array | null; colors: AttributionColorScale | null } | null;
}

export function bondPaints({ analysis, ratios, maColors, attribution }: PaintInput): BondPaint[] {
  const { removed, maAblated } = ablatedBonds(analysis.ablation);
  return Array.from(ratios, (ratio, k) => {
    const value = attribution?.values ? attribution.values[k] : null;
    const color = attribution
      ? value === null || !attribution.colors
        ? null
        : attribution.colors.color(value)
      : maColors.color(ratio);
    return {
      color,
      ratio,
      attribution: value,
      massive: ratio > maColors.threshold,
      removed: removed.has(k),
      maAblated: maAblated.has(k),
    };
  });
}
