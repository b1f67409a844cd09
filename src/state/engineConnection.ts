/** Starts the engine worker, reports its backend to the store, and starts the explorer's engine effects. */
import * as Comlink from 'comlink';
import { z } from 'zod';
import { startEngineWorker, type EngineClient } from '../engine/client';
import { startAnalysis } from './analysisController';
import { startExplorer } from './explorerController';
import { KeptStore } from '../storage/keptStore';
import type { AppStore } from './store';

const backendParam = z.enum(['webgpu', 'wasm', 'cpu']);

/** `?backend=wasm` forces one backend (handy to compare); anything else means WebGPU > wasm > cpu. */
export function preferredBackends(search: string) {
  const parsed = backendParam.safeParse(new URLSearchParams(search).get('backend'));
  return parsed.success ? [parsed.data] : undefined;
}

export function connectEngine(store: AppStore, search: string): EngineClient {
  const engine = startEngineWorker();
  engine
    .init(preferredBackends(search))
    .then((info) => store.getState().engineReady(info))
    .catch((error: unknown) => store.getState().engineFailed(error instanceof Error ? error.message : String(error)));
  // A lost GPU device: the engine moves to wasm by itself; the badge follows and the person is told.
  void engine.watchBackend(
    Comlink.proxy((info) => {
      store.getState().engineReady(info);
      if (info.deviceLost)
        store
          .getState()
          .addNotices([
            `The GPU device was lost (${info.deviceLost}); the engine now runs on ${info.name} and computed the view again.`,
          ]);
    }),
  );
  // What the person kept (My data): kept models are opened first when the link names one (`m=file:<id>`).
  store.getState().attachKept(new KeptStore(), engine);
  const restoring = store.getState().restoreKeptCheckpoints();
  if (store.getState().modelEntryId?.startsWith('file:')) void restoring.finally(() => startExplorer(store, engine));
  else {
    startExplorer(store, engine);
    void restoring.then(async () => {
      if (store.getState().kept.length)
        store.getState().modelsListed(await engine.listModels(store.getState().datasetName));
    });
  }
  store.getState().attachTrainingEngine(engine);
  store.getState().attachUserDatasetEngine(engine);
  store.getState().attachAttackEngine(engine);
  startAnalysis(store, engine);
  return engine;
}
