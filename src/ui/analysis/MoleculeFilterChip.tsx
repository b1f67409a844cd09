/** The molecule list's brushing filter: the rows a panel picked, shown as a removable chip. */
import { useMemo } from 'react';
import { moleculeFilterForListing } from '../../state/slices/analysisSlice';
import { useAppStore } from '../StoreContext';
import { formatCount } from './analysisFormat';
import { applyMoleculeFilter } from './brushing';

/** The search's rows that the brushing filter keeps (all of them without a filter). */
export function useFilteredMolecules(visible: Int32Array): Int32Array {
  const filter = useAppStore(moleculeFilterForListing);
  return useMemo(() => applyMoleculeFilter(visible, filter), [visible, filter]);
}

export function MoleculeFilterChip() {
  const filter = useAppStore(moleculeFilterForListing);
  const clear = useAppStore((s) => s.setMoleculeFilter);
  if (!filter) return null;
  return (
    <div className="filter-chip" data-testid="filter-chip" data-count={filter.indices.length}>
      <span>
        {filter.label} ({formatCount(filter.indices.length)})
      </span>
      <button type="button" data-testid="filter-chip-remove" aria-label="Remove the filter" onClick={() => clear(null)}>
        ×
      </button>
    </div>
  );
}
