/**
 * The flag line in node colour mode: how many atoms have a node MA ratio above the threshold in the shown layer, and
 * the largest. For a NoEdge model (docs/METHOD.md §10.2) the line says why its MAs are measured on nodes.
 */
import type { MoleculeAnalysis } from '../../engine/api';
import { peakRatio } from '../../ma/nodeRatios';
import { formatRatio } from '../format';
import { useAppStore } from '../StoreContext';
import type { NodeShade } from './nodeShading';

/** Said wherever a NoEdge model's numbers are shown. */
export const NO_EDGE_NOTE =
  'NoEdge model: no edge features in attention, so MAs are measured on nodes (max|h| / median|h| per atom)';

export function NoEdgeNote({ analysis }: { analysis: MoleculeAnalysis }) {
  if (!analysis.noEdge) return null;
  return (
    <span className="muted flag-line-note" data-testid="no-edge-note">
      {' '}
      · {NO_EDGE_NOTE}
    </span>
  );
}

export function NodeFlagLine({ analysis, shades }: { analysis: MoleculeAnalysis; shades: NodeShade[] }) {
  const layer = useAppStore((s) => s.layer);
  const threshold = useAppStore((s) => s.threshold);
  const flagged = shades.filter((s) => s.massive).length;
  const where = layer === 'max' ? 'in any layer' : `in layer ${layer + 1}`;
  const peak = peakRatio(shades.map((s) => s.ratio));
  return (
    <p className="flag-line" data-testid="flag-line" data-flagged={flagged} data-measure="node">
      <strong>{flagged}</strong> of {analysis.numAtoms} atoms massive {where} (node MA ratio &gt;{' '}
      {formatRatio(threshold)}; largest {formatRatio(peak)})
      <NoEdgeNote analysis={analysis} />
    </p>
  );
}
