/** Per bond, each compared model's value in the shown layer (ratio or attention-top value), massive ones marked. */
import { formatRatio } from '../format';
import { bondTitle } from '../molecule/bondText';
import { useAppStore } from '../StoreContext';
import type { PaneData } from './ComparePanel';

export function CompareTable({ panes }: { panes: PaneData[] }) {
  const drawing = useAppStore((s) => s.drawingResult.value);
  const selected = useAppStore((s) => s.selectedBond);
  const hovered = useAppStore((s) => s.hoveredBond);
  const selectBond = useAppStore((s) => s.selectBond);
  const hoverBond = useAppStore((s) => s.hoverBond);
  if (!drawing) return null;
  const what = panes[0]?.view?.valueName === 'attention' ? 'attention-top value' : 'MA ratio';
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" data-testid="compare-table">
        <caption>{what} per bond in the shown layer</caption>
        <thead>
          <tr>
            <th scope="col">bond</th>
            {panes.map((p) => (
              <th key={p.id} scope="col" title={p.id}>
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {drawing.bonds.map((_, k) => (
            <tr
              key={k}
              data-testid={`compare-row-${k}`}
              className={k === selected ? 'row-selected' : k === hovered ? 'row-hovered' : undefined}
              onClick={() => selectBond(k)}
              onMouseEnter={() => hoverBond(k)}
              onMouseLeave={() => hoverBond(null)}
            >
              <th scope="row">{bondTitle(drawing, k)}</th>
              {panes.map((p) => {
                const v = p.view?.values[k];
                const massive = p.view?.massive[k];
                return (
                  <td
                    key={p.id}
                    data-model={p.id}
                    data-value={v ?? ''}
                    className={massive ? 'cell-massive' : undefined}
                  >
                    {v === undefined ? '…' : formatRatio(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
