/**
 * Runs the dataset scan the person asked for (analysisSlice.requestScan) and re-runs it when the threshold
 * changes (the engine keeps the forwards, so that is quick). Progress goes to the store; an answer that arrives
 * after the request changed again is dropped. A scan is never started just because a page opened.
 */
import { proxy } from 'comlink';
import type { DatasetScanProgress, Engine } from '../engine/api';
import { activeScanRequest } from './slices/analysisSlice';
import { failed, idle, loading, ready } from './slices/resultsSlice';
import type { AppState, AppStore } from './store';
import { watch } from './watch';

export type AnalysisEngine = Pick<Engine, 'scanDataset' | 'cancelScan'>;

export function startAnalysis(store: AppStore, engine: AnalysisEngine): () => void {
  const { getState } = store;
  let generation = 0;
  const scan = async () => {
    const mine = ++generation;
    const request = activeScanRequest(getState());
    // A scan still running answers a request that was withdrawn or replaced: stop it after its current batch.
    if (getState().scanResult.status === 'loading') void engine.cancelScan();
    getState().setScanProgress(null);
    if (!request) {
      if (getState().scanResult.status === 'loading') getState().setScanResult(idle);
      return;
    }
    const key = JSON.stringify(request);
    getState().setScanResult({ ...loading(getState().scanResult), key });
    const onProgress = (progress: DatasetScanProgress) => {
      if (mine === generation) getState().setScanProgress(progress);
    };
    try {
      // A kept analysis (My data) of exactly this request answers at once, also after a reload.
      const kept = await getState().keptAnalysis(request);
      if (kept) {
        if (mine === generation) getState().setScanResult(ready(kept, key));
        return;
      }
      const result = await engine.scanDataset(request, proxy(onProgress));
      if (mine === generation) getState().setScanResult(ready(result, key));
      if (mine === generation) void getState().keepAnalysis(request, result);
    } catch (error) {
      if (mine === generation) getState().setScanResult(failed(error, key));
    } finally {
      if (mine === generation) getState().setScanProgress(null);
    }
  };
  const key = (s: AppState) => JSON.stringify([activeScanRequest(s), s.scanChoice?.attempt]);
  return watch(store, key, () => void scan());
}
