/** The header button that opens and closes the training panel. */
import { useAppStore } from '../StoreContext';

export function TrainingButton() {
  const open = useAppStore((s) => s.openPanels.includes('training'));
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls="training-panel"
      data-testid="training-toggle"
      onClick={() => setPanelOpen('training', !open)}
    >
      Train
    </button>
  );
}
