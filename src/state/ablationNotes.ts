/**
 * Ablations that had nothing to act on, said in words: zeroing MAs when no feature is above the threshold (the
 * model's numbers do not change at all), zeroing a bond's MAs when that bond has none, a randomisation that drew
 * every bond's own type. Judged on the analysis without ablations (`unablatedBondRatios`), where the zeroing
 * starts: if nothing is massive there, nothing is zeroed in the first layer, so nothing changes after it either.
 */
import type { MoleculeAnalysis, MoleculeDrawing } from '../engine/api';
import type { AblationItem } from './ablations';

/** Per layer, the features zeroed are those above the layer's threshold (the ablation's own, layer by layer). */
const anyAbove = (layers: Float64Array[], thresholds: number[], bond?: number) =>
  layers.some((r, l) => (bond === undefined ? r.some((x) => x > thresholds[l]) : r[bond] > thresholds[l]));

/** The thresholds the analysis's MA zeroing used, per layer (from its own ablation), else `threshold`. */
function zeroingThresholds(analysis: MoleculeAnalysis, threshold: number): number[] {
  const out = new Array<number>(analysis.numLayers).fill(threshold);
  for (const spec of analysis.ablation?.features ?? [])
    if (spec.threshold !== undefined) for (const l of spec.layers ?? []) out[l] = spec.threshold;
  return out;
}

export function ablationNotes(
  items: readonly AblationItem[],
  analysis: MoleculeAnalysis | null,
  drawing: MoleculeDrawing | null,
  threshold: number,
): string[] {
  const before = analysis?.unablatedBondRatios;
  if (!analysis || !before) return [];
  const notes: string[] = [];
  const cutoffs = zeroingThresholds(analysis, threshold);
  const limit = cutoffs.some((t) => t !== threshold) ? 'its layer’s base-tail cut-off' : String(threshold);
  for (const item of items) {
    if (item.kind === 'ma-all' && !anyAbove(before, cutoffs))
      notes.push(`Zeroing all MAs did nothing: no feature of this molecule has a ratio above ${limit} in any layer.`);
    if (item.kind === 'ma-bond' && item.bond < analysis.numBonds && !anyAbove(before, cutoffs, item.bond))
      notes.push(`Zeroing the MAs of bond ${item.bond} did nothing: its ratio is at most ${limit} in every layer.`);
    if (item.kind === 'randomize' && analysis.readBondTypes && drawing && drawing.kind === 'molecule') {
      const changed = analysis.readBondTypes.filter((t, k) => !drawing.bonds[k]?.modelType.startsWith(t.name)).length;
      notes.push(
        changed === 0
          ? 'The randomisation drew every bond’s own type: nothing changed.'
          : `Randomised bond types: ${changed} of ${analysis.numBonds} bonds now read another type (drawn as read).`,
      );
    }
  }
  return notes;
}
