/**
 * One line above the molecule: which criterion flags how many bonds here and at what cut-off; when it flags
 * nothing, one-click ways out: the strongest recorded molecule of this model, the base-tail criterion, and the
 * recorded view (model and layer) where the criterion flags most. All from the recorded scans: nothing is scanned.
 */
import type { MoleculeAnalysis, RecordedScan } from '../../engine/api';
import { baseScanOf, chooseFirstView, strongestByLayer } from '../../engine/recordedScans';
import { describeCriterion } from '../../ma/criterion';
import type { BondMaView } from '../../state/criterionView';
import { formatRatio } from '../format';
import { useAppStore } from '../StoreContext';
import { NoEdgeNote } from './NodeFlagLine';
import { useCriterion } from './useBondColors';

/** One empty list for every render: a selector that built a new [] each time would make React re-render forever. */
const NO_SCANS: RecordedScan[] = [];

export function FlagLine({ analysis, view }: { analysis: MoleculeAnalysis; view: BondMaView }) {
  const criterion = useCriterion();
  const layer = useAppStore((s) => s.layer);
  const scans = useAppStore((s) => (s.recordedScans?.dataset === s.datasetName ? s.recordedScans.scans : NO_SCANS));
  const entries = useAppStore((s) => s.modelEntries);
  const show = useAppStore((s) => s.showRecordedView);
  const setKind = useAppStore((s) => s.setCriterionKind);
  const firstView = useAppStore((s) => s.firstView);
  const flagged = view.massive.filter(Boolean).length;
  const where = layer === 'max' ? 'in any layer' : `in layer ${layer + 1}`;
  const cutoff = Number.isFinite(view.cutoff)
    ? `${view.valueName === 'ratio' ? 'ratio' : 'value'} > ${formatRatio(view.cutoff)}`
    : 'per-layer cut-offs';
  if (view.unavailable)
    return (
      <p className="flag-line muted" data-testid="flag-line" data-flagged="">
        {describeCriterion(criterion)}: {view.unavailable}.
        <NoEdgeNote analysis={analysis} />
      </p>
    );
  if (flagged > 0)
    return (
      <p className="flag-line" data-testid="flag-line" data-flagged={flagged}>
        <strong>{flagged}</strong> of {analysis.numBonds} bonds massive {where} under {describeCriterion(criterion)}
        {criterion.kind !== 'ratio' && <span className="muted"> ({cutoff})</span>}
        {firstView?.entryId === analysis.modelEntry && (
          <span className="muted flag-line-why"> · opened here because the recorded scan flags this molecule most</span>
        )}
        <NoEdgeNote analysis={analysis} />
      </p>
    );
  const own = scans.find((s) => s.entryId === analysis.modelEntry);
  const strongest = own ? strongestByLayer(own, baseScanOf(scans, own), criterion).filter((c) => c !== null) : [];
  const inLayer = layer === 'max' ? null : strongest.find((c) => c.layer === layer);
  const mine = inLayer ?? strongest.sort((a, b) => b.value / b.cutoff - a.value / a.cutoff)[0];
  const best = chooseFirstView(scans, criterion);
  const label = (id: string) => entries.find((e) => e.id === id)?.label ?? id;
  return (
    <p className="flag-line flag-line-empty" data-testid="flag-line" data-flagged="0">
      No bond is massive {where} under {describeCriterion(criterion)} ({cutoff}). Try:{' '}
      {mine && (
        <button type="button" data-testid="way-out-strongest" onClick={() => show(mine)}>
          the strongest molecule in this split{inLayer ? '' : ` (layer ${mine.layer + 1})`}
        </button>
      )}
      {criterion.kind !== 'base-tail' && (
        <button type="button" data-testid="way-out-base-tail" onClick={() => setKind('base-tail')}>
          switch to base-tail
        </button>
      )}
      {best && best.entryId !== analysis.modelEntry && (
        <button type="button" data-testid="way-out-best" onClick={() => show(best)}>
          {label(best.entryId)}, layer {best.layer + 1}
        </button>
      )}
      <NoEdgeNote analysis={analysis} />
    </p>
  );
}
