/**
 * The molecules behind the analysis, listed inside it: those a heatmap cell or a brushed ratio range picked, or,
 * with no filter, the ones with the largest ratio in the shown layer. A click opens the molecule in the explorer.
 */
import { useMemo, useState } from 'react';
import type { DatasetScanResult } from '../../engine/api';
import { moleculeFilterForListing } from '../../state/slices/analysisSlice';
import { formatRatio } from '../format';
import { useAppStore } from '../StoreContext';
import { formatCount } from './analysisFormat';

const PAGE = 40;
const TOP = 10;

/** Opens row `index` of the split in the explorer (and leaves the analysis view). */
export function useOpenMolecule() {
  const chooseMolecule = useAppStore((s) => s.chooseMolecule);
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  return (index: number) => {
    chooseMolecule(index);
    setPanelOpen('analysis', false);
  };
}

/** Scanned rows sorted by their largest ratio in `layer`, largest first (NaN last). */
export function rowsByRatio(scan: DatasetScanResult, layer: number): number[] {
  const m = scan.layers[layer].perGraphMax;
  return Array.from(m.keys()).sort((a, b) => (Number.isNaN(m[a]) ? 1 : Number.isNaN(m[b]) ? -1 : m[b] - m[a]));
}

export function AnalysisMatches({ scan, layer }: { scan: DatasetScanResult; layer: number }) {
  const filter = useAppStore(moleculeFilterForListing);
  const listing = useAppStore((s) => s.listing);
  const setFilter = useAppStore((s) => s.setMoleculeFilter);
  const open = useOpenMolecule();
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(
    () => (filter ? Array.from(filter.indices) : rowsByRatio(scan, layer).slice(0, TOP)),
    [filter, scan, layer],
  );
  const ratios = scan.layers[layer].perGraphMax;
  return (
    <section className="analysis-matches" aria-label="Matching molecules" data-testid="analysis-matches">
      <h3>
        {filter
          ? `${formatCount(filter.indices.length)} matching molecules`
          : `The ${Math.min(TOP, rows.length)} molecules with the largest ratio in layer ${layer + 1}`}
      </h3>
      {filter && (
        <p className="muted chart-hint">
          {filter.label}.{' '}
          <button type="button" className="link-button" data-testid="matches-clear" onClick={() => setFilter(null)}>
            Show the largest ratios instead
          </button>
        </p>
      )}
      {!filter && (
        <p className="muted chart-hint">Click a heatmap cell or drag over the maxima chart to list other molecules.</p>
      )}
      <table className="matches-table">
        <thead>
          <tr>
            <th scope="col">row</th>
            <th scope="col">{listing?.smiles ? 'SMILES' : 'graph'}</th>
            <th scope="col" className="number">
              largest ratio, L{layer + 1}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((index) => (
            <tr key={index}>
              <td className="number">
                <button
                  type="button"
                  className="link-button"
                  data-testid={`match-${index}`}
                  onClick={() => open(index)}
                  aria-label={`Open molecule ${index}`}
                >
                  #{index}
                </button>
              </td>
              <td className="row-smiles">{listing?.smiles?.[index] ?? `${listing?.numNodes[index] ?? '?'} nodes`}</td>
              <td className="number">{index < ratios.length ? formatRatio(ratios[index]) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <button type="button" className="link-button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more of {formatCount(rows.length - shown)}
        </button>
      )}
    </section>
  );
}
