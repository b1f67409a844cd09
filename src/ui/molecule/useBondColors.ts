/**
 * The active criterion and its view of an analysis (criterionView.ts), for the components that draw bonds: the
 * molecule panel and each compare pane. The criterion object is rebuilt only when one of its fields changes.
 */
import { useMemo } from 'react';
import type { MaCriterion, MoleculeAnalysis, MoleculeDrawing } from '../../engine/api';
import { bondMaView, referenceOf } from '../../state/criterionView';
import { useAppStore } from '../StoreContext';

export function useCriterion(): MaCriterion {
  const kind = useAppStore((s) => s.criterionKind);
  const threshold = useAppStore((s) => s.threshold);
  const alpha = useAppStore((s) => s.alpha);
  const bonferroni = useAppStore((s) => s.bonferroni);
  const percentile = useAppStore((s) => s.percentile);
  return useMemo(
    () => ({ kind, threshold, alpha, bonferroni, percentile }),
    [kind, threshold, alpha, bonferroni, percentile],
  );
}

export function useMaView(analysis: MoleculeAnalysis | null, entryId: string | null) {
  const criterion = useCriterion();
  const layer = useAppStore((s) => s.layer);
  const reference = useAppStore((s) => referenceOf(s, entryId));
  return useMemo(
    () => (analysis ? bondMaView(analysis, layer, criterion, reference) : null),
    [analysis, layer, criterion, reference],
  );
}

/** The drawing with each bond as the model read it when bond types were randomised (orders and type names). */
export function drawingAsRead(drawing: MoleculeDrawing, analysis: MoleculeAnalysis | null): MoleculeDrawing {
  const read = analysis?.readBondTypes;
  if (!read || read.length !== drawing.bonds.length || drawing.kind !== 'molecule') return drawing;
  return {
    ...drawing,
    aromaticStyle: 'dashed',
    bonds: drawing.bonds.map((b, k) => ({
      ...b,
      order: read[k].order,
      aromatic: read[k].aromatic,
      modelType: `${read[k].name} (randomised; really ${b.modelType})`,
    })),
  };
}
