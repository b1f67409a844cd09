import { BackendBadge } from './BackendBadge';
import { BusyLabel } from './ProgressBar';
import { useAppStore } from './StoreContext';

export function Header() {
  const aboutOpen = useAppStore((s) => s.aboutOpen);
  const setAboutOpen = useAppStore((s) => s.setAboutOpen);
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
        <button
          type="button"
          aria-expanded={aboutOpen}
          aria-controls="about-panel"
          onClick={() => setAboutOpen(!aboutOpen)}
        >
          About
        </button>
      </div>
    </header>
  );
}
