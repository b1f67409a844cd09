import { AboutPanel } from './AboutPanel';
import { Header } from './Header';
import { MoleculeViewPlaceholder } from './MoleculeViewPlaceholder';
import { useAppStore } from './StoreContext';

export function App() {
  const engineError = useAppStore((s) => s.engineError);
  return (
    <div className="app">
      <Header />
      {engineError && (
        <div className="notice notice-error" role="alert">
          The compute engine could not start: {engineError}
        </div>
      )}
      <div className="workspace">
        <main className="main-area">
          <MoleculeViewPlaceholder />
        </main>
        <AboutPanel />
      </div>
    </div>
  );
}
