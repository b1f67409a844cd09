import { AblationBar } from './AblationBar';
import { AboutPanel } from './AboutPanel';
import { AnalysisOpener, AnalysisPanel } from './analysis/AnalysisPanel';
import { FileDrop } from './fileDrop/FileDrop';
import { Header } from './Header';
import { InspectorSheet } from './InspectorSheet';
import { LayerStrip } from './LayerStrip';
import { MoleculePanel } from './molecule/MoleculePanel';
import { ComparePanel } from './compare/ComparePanel';
import { FindingsTour } from './tour/FindingsTour';
import { NoticeBar } from './NoticeBar';
import { PredictionPanel } from './PredictionPanel';
import { ProgressBar } from './ProgressBar';
import { DatasetPicker } from './sidebar/DatasetPicker';
import { MoleculeList } from './sidebar/MoleculeList';
import { MyDataPanel } from './myData/MyDataPanel';
import { SmilesInput } from './sidebar/SmilesInput';
import { useAppStore } from './StoreContext';
import { Toolbar } from './Toolbar';
import { Toasts } from './Toasts';
import { TrainingPanel } from './training/TrainingPanel';
import { useKeyboardNavigation } from './useKeyboardNavigation';

export function App() {
  const comparing = useAppStore((s) => s.compareModels !== null);
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
          {/* In the sidebar, which stays when dataset analysis takes the main area's place (a step may open it). */}
          <FindingsTour />
          <DatasetPicker />
          <SmilesInput />
          <FileDrop />
          <MyDataPanel />
          <MoleculeList />
        </nav>
        <main className="main-area">
          <Toolbar />
          <AblationBar />
          <LayerStrip />
          {comparing ? <ComparePanel /> : <MoleculePanel />}
          <PredictionPanel />
        </main>
        <InspectorSheet />
        <AnalysisPanel />
        <AboutPanel />
        <TrainingPanel />
      </div>
      <AnalysisOpener />
      <Toasts />
    </div>
  );
}
