/**
 * Performance measures for the waits a person notices, read by the benchmark (scripts/bench/ui.ts): from the
 * store change a user action makes to the first frame painted after its result arrived. Each is a
 * `performance.measure` entry named `ma:<interaction>`; page-load ones start at navigation (time 0).
 */
import { moleculeRefOf } from '../state/selectors';
import type { AppState, AppStore } from '../state/store';

export const INTERACTIONS = [
  'bond-click', // a bond selected -> its inspector painted
  'ablation-toggle', // ablations changed -> bonds recoloured with the new forward
  'next-molecule', // another molecule chosen -> drawn
  'next-molecule-colored', // another molecule chosen -> drawn with coloured bonds
  'first-colored-molecule', // page load -> the first molecule with coloured bonds
  'url-restored', // page load from a shared link -> molecule coloured and the link's bond inspected
] as const;
export type Interaction = (typeof INTERACTIONS)[number];

const isColored = (s: AppState) =>
  s.analysisResult.status === 'ready' &&
  s.drawingResult.status === 'ready' &&
  s.analysisResult.key === JSON.stringify(moleculeRefOf(s));
const isDrawn = (s: AppState) =>
  s.drawingResult.status === 'ready' && s.drawingResult.key === JSON.stringify(moleculeRefOf(s));
const isBondShown = (s: AppState) =>
  s.selectedBond === null ||
  (s.bondDetailResult.status === 'ready' && s.bondDetailResult.key?.endsWith(`/${s.selectedBond}`) === true);

/** Runs `fn` just after the next frame is painted (a task queued from requestAnimationFrame runs after paint). */
const afterPaint = (fn: () => void) => requestAnimationFrame(() => setTimeout(fn, 0));

export function startInteractionTiming(store: AppStore, { fromLink }: { fromLink: boolean }): () => void {
  const pending = new Map<Interaction, { start: number; done: (s: AppState) => boolean }>();
  pending.set('first-colored-molecule', { start: 0, done: isColored });
  if (fromLink) pending.set('url-restored', { start: 0, done: (s) => isColored(s) && isBondShown(s) });

  const finish = (state: AppState) => {
    for (const [name, wait] of pending) {
      if (!wait.done(state)) continue;
      pending.delete(name);
      afterPaint(() => performance.measure(`ma:${name}`, { start: wait.start, end: performance.now() }));
    }
  };
  return store.subscribe((state, previous) => {
    const start = performance.now();
    if (state.selectedBond !== null && state.selectedBond !== previous.selectedBond)
      pending.set('bond-click', { start, done: isBondShown });
    if (state.ablations !== previous.ablations) {
      const before = previous.analysisResult.value;
      pending.set('ablation-toggle', {
        start,
        done: (s) => isColored(s) && s.analysisResult.value !== before,
      });
    }
    if (state.moleculeIndex !== previous.moleculeIndex || state.smiles !== previous.smiles) {
      pending.set('next-molecule', { start, done: isDrawn });
      pending.set('next-molecule-colored', { start, done: isColored });
    }
    finish(state);
  });
}
