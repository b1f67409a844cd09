/** Says when other bonds read exactly this bond's ratio, and why (see molecule/sameKind.ts). */
import type { MoleculeAnalysis } from '../../engine/api';
import { sameKindNote } from '../molecule/sameKind';

export function SameKindNote({ analysis, layer, bond }: { analysis: MoleculeAnalysis; layer: number; bond: number }) {
  const note = sameKindNote(analysis, layer, bond);
  return note ? (
    <p className="edge-facts muted" data-testid="same-kind-note">
      {note}
    </p>
  ) : null;
}
