/**
 * Ablations that had nothing to act on (state/ablationNotes.ts), under the molecule's legend so that the drawing
 * frame never moves; a note that newly appears is also shown as a toast, since the list may be below the fold.
 */
import { useEffect, useMemo, useRef } from 'react';
import { ablationNotes } from '../../state/ablationNotes';
import { analysisForDrawing } from '../../state/selectors';
import { useAppStore } from '../StoreContext';
import { showToast } from '../Toasts';

export function AblationNotes() {
  const ablations = useAppStore((s) => s.ablations);
  const analysis = useAppStore(analysisForDrawing);
  const drawing = useAppStore((s) => s.drawingResult.value);
  const threshold = useAppStore((s) => s.threshold);
  const notes = useMemo(
    () => ablationNotes(ablations, analysis, drawing, threshold),
    [ablations, analysis, drawing, threshold],
  );
  const shown = useRef(new Set<string>());
  useEffect(() => {
    for (const note of notes) if (!shown.current.has(note)) showToast(note);
    shown.current = new Set(notes);
  }, [notes]);
  if (notes.length === 0) return null;
  return (
    <ul className="ablation-notes" data-testid="ablation-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
