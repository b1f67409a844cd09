import { AblationBar } from './AblationBar';
import { AboutPanel } from './AboutPanel';
import { Header } from './Header';
import { BondInspector } from './inspector/BondInspector';
import { MoleculePanel } from './molecule/MoleculePanel';
import { NoticeBar } from './NoticeBar';
import { PredictionPanel } from './PredictionPanel';
import { ProgressBar } from './ProgressBar';
import { DatasetPicker } from './sidebar/DatasetPicker';
import { MoleculeList } from './sidebar/MoleculeList';
import { SmilesInput } from './sidebar/SmilesInput';
import { useAppStore } from './StoreContext';
import { Toolbar } from './Toolbar';
import { useKeyboardNavigation } from './useKeyboardNavigation';

export function App() {
  const engineError = useAppStore((s) => s.engineError);
  useKeyboardNavigation();
  return (
    <div className="app">
      <Header />
      <ProgressBar />
      <NoticeBar />
      {engineError && (
        <div className="notice notice-error" role="alert">
          The compute engine could not start: {engineError}
        </div>
      )}
      <div className="workspace">
        <nav className="sidebar" aria-label="Molecules">
          <DatasetPicker />
          <SmilesInput />
          <MoleculeList />
        </nav>
        <main className="main-area">
          <Toolbar />
          <AblationBar />
          <MoleculePanel />
          <PredictionPanel />
        </main>
        <BondInspector />
        <AboutPanel />
      </div>
    </div>
  );
}
