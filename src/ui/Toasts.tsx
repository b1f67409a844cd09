/**
 * Short confirmations that go away by themselves ("Link copied", "Saved molecule.svg"), announced to screen
 * readers. Any component calls showToast; <Toasts /> in the App draws them at the bottom of the page.
 */
import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  text: string;
}

const SHOWN_MS = 3500;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function showToast(text: string): void {
  const toast = { id: nextId++, text };
  toasts = [...toasts.slice(-2), toast];
  emit();
  setTimeout(() => {
    toasts = toasts.filter((t) => t !== toast);
    emit();
  }, SHOWN_MS);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function Toasts() {
  const shown = useSyncExternalStore(subscribe, () => toasts);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {shown.map((t) => (
        <div key={t.id} className="toast" data-testid="toast">
          {t.text}
        </div>
      ))}
    </div>
  );
}
