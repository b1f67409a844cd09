/**
 * Bonds that read exactly the same ratio, and why. In layer 1 nothing has been passed between atoms yet: a directed
 * edge's scores s = K(h_src) ⊙ Q(h_dst) / √d ⊙ P(e) depend only on its two atoms' types and its bond type
 * (docs/METHOD.md §2.2, §3.1), so every bond of the same kind (say, aromatic C–C) has identical scores and an
 * identical ratio. Six bonds all at 3,090 in GraphiT's layer 1 are one value, not six coincidences.
 */
import type { MoleculeAnalysis } from '../../engine/api';

const SAME = 1e-6;

/** Other bonds whose ratio in `layer` equals `bond`'s (relative 1e-6). */
export function bondsWithSameRatio(analysis: MoleculeAnalysis, layer: number, bond: number): number[] {
  const ratios = analysis.bondRatios[layer];
  const own = ratios[bond];
  if (!Number.isFinite(own)) return [];
  return Array.from(ratios.keys()).filter((k) => k !== bond && Math.abs(ratios[k] - own) <= SAME * Math.abs(own));
}

export function sameKindNote(analysis: MoleculeAnalysis, layer: number, bond: number): string | null {
  const same = bondsWithSameRatio(analysis, layer, bond);
  if (same.length === 0) return null;
  const which = `${same.length} other bond${same.length > 1 ? 's' : ''} (${same.slice(0, 6).join(', ')}${same.length > 6 ? ', …' : ''})`;
  return layer === 0
    ? `Same ratio as ${which}: in layer 1 a bond’s scores depend only on its two atom types and its bond type, so bonds of the same kind read exactly the same.`
    : `Same ratio as ${which}: their atoms sit in symmetric positions of the molecule, so the model computes the same scores for them.`;
}
