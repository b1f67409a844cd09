/**
 * The app store: small slices by concern (slices/) combined by one factory (zustand's slices pattern), so tests
 * get fresh instances. Selectors live next to the components that use them, or in selectors.ts when shared.
 */
import { createStore } from 'zustand/vanilla';
import { createAblationSlice, type AblationSlice } from './slices/ablationSlice';
import { createAnalysisSlice, type AnalysisSlice } from './slices/analysisSlice';
import { createAttackSlice, type AttackSlice } from './slices/attackSlice';
import { createKeptSlice, type KeptSlice } from './slices/keptSlice';
import { createCompareSlice, type CompareSlice } from './slices/compareSlice';
import { createCriterionSlice, type CriterionSlice } from './slices/criterionSlice';
import { createDatasetSlice, type DatasetSlice } from './slices/datasetSlice';
import { createEngineSlice, type EngineSlice } from './slices/engineSlice';
import { createModelSlice, type ModelSlice } from './slices/modelSlice';
import { createNoticeSlice, type NoticeSlice } from './slices/noticeSlice';
import { createResultsSlice, type ResultsSlice } from './slices/resultsSlice';
import { createSelectionSlice, type SelectionSlice } from './slices/selectionSlice';
import { createTrainingSlice, type TrainingSlice } from './slices/trainingSlice';
import { createUserDatasetSlice, type UserDatasetSlice } from './slices/userDatasetSlice';
import { createViewSlice, type ViewSlice } from './slices/viewSlice';

export type { EngineStatus } from './slices/engineSlice';
export type { ColorMode, LayerChoice, PanelName } from './slices/viewSlice';

export type AppState = EngineSlice &
  DatasetSlice &
  ModelSlice &
  SelectionSlice &
  AblationSlice &
  ViewSlice &
  ResultsSlice &
  NoticeSlice &
  TrainingSlice &
  UserDatasetSlice &
  AnalysisSlice &
  KeptSlice &
  CriterionSlice &
  CompareSlice &
  AttackSlice;

export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createEngineSlice(...args),
    ...createDatasetSlice(...args),
    ...createModelSlice(...args),
    ...createSelectionSlice(...args),
    ...createViewSlice(...args),
    ...createAblationSlice(...args),
    ...createResultsSlice(...args),
    ...createNoticeSlice(...args),
    ...createTrainingSlice(...args),
    ...createUserDatasetSlice(...args),
    ...createAnalysisSlice(...args),
    ...createKeptSlice(...args),
    ...createCriterionSlice(...args),
    ...createCompareSlice(...args),
    ...createAttackSlice(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
