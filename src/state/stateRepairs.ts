/**
 * Choices that do not fit what the engine delivered, repaired with a notice: a layer the model does not have, a
 * selected bond or a bond ablation past the molecule's bonds. Only a link (or a hand-edited hash) makes them.
 */
import { ablationToken, splitByBondRange } from './ablations';
import { watch } from './watch';
import { moleculeRefOf, selectModelEntry } from './selectors';
import type { AppStore } from './store';

export function startRepairs(store: AppStore): (() => void)[] {
  const { getState, setState } = store;
  const layerFits = watch(
    store,
    (s) => `${selectModelEntry(s)?.id}/${s.layer}`,
    (s) => {
      const entry = selectModelEntry(s);
      if (!entry || s.layer === 'max' || s.layer < entry.layers) return;
      setState({ layer: 'max' });
      getState().addNotices([
        `${entry.label} has ${entry.layers} layers, not ${s.layer + 1}; showing the maximum over layers.`,
      ]);
    },
  );
  const bondsFit = watch(
    store,
    (s) => `${s.drawingResult.status}/${s.drawingResult.key}/${s.selectedBond}/${JSON.stringify(s.ablations)}`,
    (s) => {
      const drawing = s.drawingResult.value;
      if (s.drawingResult.status !== 'ready' || !drawing || s.drawingResult.key !== JSON.stringify(moleculeRefOf(s)))
        return;
      const numBonds = drawing.bonds.length;
      const { kept, dropped } = splitByBondRange(s.ablations, numBonds);
      const badBond = s.selectedBond !== null && s.selectedBond >= numBonds;
      if (!dropped.length && !badBond) return;
      setState({ ablations: kept, ...(badBond && { selectedBond: null }) });
      const names = [...(badBond ? [`bond ${s.selectedBond}`] : []), ...dropped.map(ablationToken)];
      const has = numBonds === 0 ? 'no bonds' : numBonds === 1 ? 'one bond (bond 0)' : `bonds 0 to ${numBonds - 1}`;
      getState().addNotices([`This molecule has ${has}; not used: ${names.join(', ')}.`]);
    },
  );
  return [layerFits, bondsFit];
}
