/**
 * The open split's molecules, searchable (row number or SMILES substring). Only the rows in view are rendered,
 * so a 10 000-molecule split scrolls as smoothly as a short one.
 */
import { useEffect, useRef, useState } from 'react';
import type { MoleculeListing } from '../../engine/api';
import { MoleculeFilterChip, useFilteredMolecules } from '../analysis/MoleculeFilterChip';
import { formatValue } from '../format';
import { useAppStore } from '../StoreContext';

const ROW_HEIGHT = 28;
const NO_NAMES: string[] = [];
const OVERSCAN = 8;

function targetText(listing: MoleculeListing, index: number): string {
  const t = listing.numTargets;
  const values = Array.from(listing.targets.subarray(index * t, (index + 1) * t));
  if (t === 1) return formatValue(values[0]);
  const labelled = values.filter((v) => !Number.isNaN(v));
  return `${labelled.filter((v) => v === 1).length}/${labelled.length} active`;
}

/** The heading of the list's number column: the dataset's target, or for several tasks "active / tested". */
function targetHeading(listing: MoleculeListing, names: string[], long: boolean): string {
  if (listing.numTargets > 1)
    return long ? `tasks with an active label / tasks tested, of ${listing.numTargets}` : 'active';
  const name = names[0] ?? 'label';
  return long ? `label: ${name}` : name.replace(/ \(normalised\)$/, '').replace(/^penali[sz]ed /, 'pen. ');
}

function rowText(listing: MoleculeListing, index: number): string {
  const name = listing.names?.[index];
  if (name) return name; // a dropped file's name column: "ethanol" says more than its SMILES
  return listing.smiles ? listing.smiles[index] : `${listing.numNodes[index]} nodes, ${listing.numBonds[index]} edges`;
}

export function MoleculeList() {
  const listing = useAppStore((s) => s.listing);
  const status = useAppStore((s) => s.datasetStatus);
  const error = useAppStore((s) => s.datasetError);
  const query = useAppStore((s) => s.moleculeQuery);
  const visible = useFilteredMolecules(useAppStore((s) => s.visibleMolecules));
  const current = useAppStore((s) => (s.smiles === null ? s.moleculeIndex : -1));
  const setQuery = useAppStore((s) => s.setMoleculeQuery);
  const chooseMolecule = useAppStore((s) => s.chooseMolecule);
  const targetNames = useAppStore((s) => s.datasetInfo?.targetNames) ?? NO_NAMES;
  const scroller = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });

  // Render as many rows as the box holds, also after it is resized.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setScroll({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the current molecule in view when the keyboard (or anything else) moves it.
  useEffect(() => {
    const element = scroller.current;
    const at = visible.indexOf(current);
    if (!element || at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [current, visible]);

  const first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN);
  const rows = listing ? Array.from(visible.subarray(first, last)) : [];
  return (
    <div className="molecule-list">
      <input
        type="search"
        data-testid="molecule-search"
        placeholder="Search by row or SMILES"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search molecules"
      />
      <div className="list-count muted" aria-live="polite">
        {status === 'loading' && (
          <>
            <span className="spinner" aria-hidden="true" /> Loading dataset…
          </>
        )}
        {status === 'failed' && <span className="field-error">Could not load the dataset: {error}</span>}
        {status === 'ready' &&
          listing &&
          (query.trim() || visible.length !== listing.count
            ? `${visible.length} of ${listing.count} match`
            : `${listing.count.toLocaleString('en')} molecules`)}
      </div>
      <MoleculeFilterChip />
      {listing && (
        <div className="list-head" aria-hidden="true" data-testid="molecule-list-head">
          <span className="row-index">row</span>
          <span className="row-smiles">{listing.smiles ? 'SMILES' : 'graph'}</span>
          <span className="row-target" title={targetHeading(listing, targetNames, true)}>
            {targetHeading(listing, targetNames, false)}
          </span>
        </div>
      )}
      <div
        className="list-scroller"
        ref={scroller}
        data-testid="molecule-list"
        role="listbox"
        aria-label="Molecules"
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div style={{ height: visible.length * ROW_HEIGHT, position: 'relative' }}>
          {listing &&
            rows.map((index, k) => (
              <div
                key={index}
                role="option"
                aria-selected={index === current}
                data-testid={`molecule-row-${index}`}
                className={`list-row${index === current ? ' list-row-current' : ''}`}
                style={{ top: (first + k) * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => chooseMolecule(index)}
                title={
                  listing.names?.[index]
                    ? `${listing.names[index]}: ${listing.smiles?.[index]}`
                    : rowText(listing, index)
                }
              >
                <span className="row-index">{index}</span>
                <span className="row-smiles">{rowText(listing, index)}</span>
                <span className="row-target">{targetText(listing, index)}</span>
              </div>
            ))}
        </div>
      </div>
    </div>
  );
}
