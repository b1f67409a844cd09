/** A store subscription keyed on a derived string: the effect runs now and whenever the key changes. */
import type { AppState, AppStore } from './store';

/** Runs `effect` now and whenever the key of the state it reads changes; returns the unsubscribe function. */
export function watch(
  store: AppStore,
  key: (state: AppState) => string,
  effect: (state: AppState) => void,
): () => void {
  let last = key(store.getState());
  effect(store.getState());
  return store.subscribe((state) => {
    const next = key(state);
    if (next === last) return;
    last = next;
    effect(state);
  });
}
