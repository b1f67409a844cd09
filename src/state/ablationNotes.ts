/**
 * Ablations that had nothing to act on, said in words: zeroing MAs when no feature is above the threshold (the
 * model's numbers do not change at all), zeroing a bond's MAs when that bond has none, a randomisation that drew
 * every bond's own type. Judged on the analysis without ablations (`unablatedBondRatios`), where the zeroing
 * starts: if nothing is massive there, nothing is zeroed in the first layer, so nothing changes after it either.
 */
import type { MoleculeAnalysis, MoleculeDrawing } from '../engine/api';
import type { AblationItem } from './ablations';

const anyAbove = (layers: Float64Array[], threshold: number, bond?: number) =>
  layers.some((r) => (bond === undefined ? r.some((x) => x > threshold) : r[bond] > threshold));

export function ablationNotes(
  items: readonly AblationItem[],
  analysis: MoleculeAnalysis | null,
  drawing: MoleculeDrawing | null,
  threshold: number,
): string[] {
  const before = analysis?.unablatedBondRatios;
  if (!analysis || !before) return [];
  const notes: string[] = [];
  for (const item of items) {
    if (item.kind === 'ma-all' && !anyAbove(before, threshold))
      notes.push(
        `Zeroing all MAs did nothing: no feature of this molecule has a ratio above ${threshold} in any layer.`,
      );
    if (item.kind === 'ma-bond' && item.bond < analysis.numBonds && !anyAbove(before, threshold, item.bond))
      notes.push(`Zeroing the MAs of bond ${item.bond} did nothing: its ratio is at most ${threshold} in every layer.`);
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
