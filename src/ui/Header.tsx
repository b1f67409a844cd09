import { BackendBadge } from './BackendBadge';
import { BusyLabel } from './ProgressBar';
import { ShareButton } from './ShareButton';
import { useAppStore } from './StoreContext';
import { TrainingButton } from './training/TrainingButton';

export function Header() {
  const aboutOpen = useAppStore((s) => s.openPanels.includes('about'));
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>MA Explorer</h1>
        <span className="tagline">massive activations in attention graph neural networks</span>
      </div>
      <div className="header-tools">
        <BusyLabel />
        <span className="backend-label">backend</span>
        <BackendBadge />
        <ShareButton />
        <TrainingButton />
        <button
          type="button"
          aria-expanded={aboutOpen}
          aria-controls="about-panel"
          onClick={() => setPanelOpen('about', !aboutOpen)}
        >
          About
        </button>
      </div>
    </header>
  );
}
