/**
 * Keyboard: j / ArrowDown next molecule, k / ArrowUp previous, b next bond, B previous bond, u undoes the last
 * ablation, Escape clears the bond.
 */
import { useContext, useEffect } from 'react';
import { StoreContext } from './StoreContext';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function useKeyboardNavigation() {
  const store = useContext(StoreContext);
  useEffect(() => {
    if (!store) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const state = store.getState();
      const actions: Record<string, () => void> = {
        j: () => state.stepMolecule(1),
        ArrowDown: () => state.stepMolecule(1),
        k: () => state.stepMolecule(-1),
        ArrowUp: () => state.stepMolecule(-1),
        b: () => state.stepBond(1),
        B: () => state.stepBond(-1),
        u: () => state.undoAblation(),
        Escape: () => state.selectBond(null),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
