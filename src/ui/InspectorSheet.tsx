/**
 * The bond inspector's frame. On a wide screen it is the right-hand column; under ~900 px it is a bottom sheet
 * over the page: a handle that says what it holds, folded to one line until a bond is picked (or the handle is
 * pressed), so the molecule stays in view. Esc or the handle folds it again.
 */
import { useEffect, useState } from 'react';
import { useAppStore } from './StoreContext';
import { BondInspector } from './inspector/BondInspector';
import { useOverlay } from './overlays';

const NARROW = '(max-width: 900px)';

const narrowQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(NARROW) : null);

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => narrowQuery()?.matches ?? false);
  useEffect(() => {
    const query = narrowQuery();
    if (!query) return;
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

export function InspectorSheet() {
  const bond = useAppStore((s) => s.selectedBond);
  const narrow = useNarrow();
  const [open, setOpen] = useState(bond !== null);
  // Picking a bond opens the sheet; clearing it folds the sheet.
  const [seenBond, setSeenBond] = useState(bond);
  if (seenBond !== bond) {
    setSeenBond(bond);
    setOpen(bond !== null);
  }
  useOverlay(narrow && open, () => setOpen(false));
  return (
    <div className={`inspector-sheet${open ? ' inspector-sheet-open' : ''}`} data-testid="inspector-sheet">
      <button
        type="button"
        className="sheet-handle"
        data-testid="sheet-handle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="sheet-grip" aria-hidden="true" />
        {open ? 'Fold the inspector' : bond === null ? 'Molecule overview' : 'Bond inspector'}
      </button>
      <BondInspector />
    </div>
  );
}
