/**
 * "My data": what the page keeps across reloads (src/storage/keptStore.ts) and the actions on it. Opened
 * checkpoints are kept under their id and listed in the model picker as `file:<id>` (so a link naming one reopens
 * it while it is kept); dropped datasets and trained runs are kept too and reopen from the list. A store that
 * cannot keep something (no quota, private window) says why in `keptMessage`; the work itself goes on.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { DatasetScanRequest, DatasetScanResult, Engine } from '../../engine/api';
import type { OpenCheckpointOptions } from '../../engine/userCheckpoints';
import type { KeptFile, KeptItem, KeptKind, KeptStore } from '../../storage/keptStore';
import { runCheckpointFiles } from '../keptRuns';
import type { AppState } from '../store';

export type KeptEngine = Pick<
  Engine,
  'openCheckpointFiles' | 'closeUserModel' | 'listModels' | 'exportTorchCheckpoint'
>;

export interface KeptSlice {
  kept: KeptItem[];
  /** The last thing that could not be kept or read back, in words (null when all went well). */
  keptMessage: string | null;
  keptStore: KeptStore | null;
  keptEngine: KeptEngine | null;
  attachKept: (store: KeptStore, engine: KeptEngine) => void;
  refreshKept: () => Promise<void>;
  /** Keeps the files; returns the item, or null (with keptMessage set) when they could not be kept. */
  keepFiles: (
    kind: KeptKind,
    name: string,
    files: readonly KeptFile[],
    meta?: Record<string, unknown>,
  ) => Promise<KeptItem | null>;
  forgetKept: (id: string) => Promise<void>;
  /** Opens every kept checkpoint in the engine (ids `file:<id>`), so that the model picker lists them. */
  restoreKeptCheckpoints: () => Promise<void>;
  /** Opens a kept item again: a dataset is shown, a checkpoint or run is chosen in the model picker. */
  openKept: (id: string) => Promise<void>;
  /** A kept dataset analysis for exactly this request (the same model, split, limit and threshold), or null. */
  keptAnalysis: (request: DatasetScanRequest) => Promise<DatasetScanResult | null>;
  /** Keeps an analysis (one per model, dataset, split and limit: the latest threshold's) when its model is kept too. */
  keepAnalysis: (request: DatasetScanRequest, result: DatasetScanResult) => Promise<void>;
  /** The chosen model as a PyTorch state_dict in the paper's code's names (README, "PyTorch checkpoints"). */
  exportModelAsTorch: () => Promise<{ fileName: string; bytes: Uint8Array }>;
}

/** An analysis is kept per model, dataset, split and limit; the threshold is checked on reading. */
const scanKey = (r: DatasetScanRequest) => JSON.stringify([r.modelEntry, r.dataset, r.split, r.limit ?? null]);

export const checkpointOptionsOf = (item: KeptItem): OpenCheckpointOptions =>
  (item.meta.options as OpenCheckpointOptions | undefined) ?? {};

export const createKeptSlice: StateCreator<AppState, [], [], KeptSlice> = (set, get) => {
  const say = (error: unknown) => set({ keptMessage: error instanceof Error ? error.message : String(error) });
  return {
    kept: [],
    keptMessage: null,
    keptStore: null,
    keptEngine: null,
    attachKept: (keptStore, keptEngine) => set({ keptStore, keptEngine }),
    refreshKept: async () => {
      const store = get().keptStore;
      if (!store) return;
      try {
        set({ kept: await store.list() });
      } catch (error) {
        say(error);
      }
    },
    keepFiles: async (kind, name, files, meta = {}) => {
      const store = get().keptStore;
      if (!store) return null;
      // The same file dropped again (same name, size and settings) is kept once.
      const size = files.reduce((n, f) => n + f.bytes.byteLength, 0);
      const same = get().kept.find(
        (k) => k.kind === kind && k.name === name && k.size === size && JSON.stringify(k.meta) === JSON.stringify(meta),
      );
      if (same) return same;
      try {
        const item = await store.put(kind, name, files, meta);
        set({ keptMessage: null });
        await get().refreshKept();
        return item;
      } catch (error) {
        say(error);
        return null;
      }
    },
    forgetKept: async (id) => {
      const { keptStore: store, keptEngine: engine } = get();
      if (!store) return;
      const item = get().kept.find((k) => k.id === id);
      try {
        await store.remove(id);
        if (engine && item && (item.kind === 'checkpoint' || item.kind === 'run')) {
          await engine.closeUserModel(`file:${id}`); // the picker then falls back to another model
          get().modelsListed(await engine.listModels(get().datasetName));
        }
      } catch (error) {
        say(error);
      }
      await get().refreshKept();
    },
    restoreKeptCheckpoints: async () => {
      const { keptStore: store, keptEngine: engine } = get();
      if (!store || !engine) return;
      await get().refreshKept();
      const failures: string[] = [];
      for (const item of get().kept.filter((k) => k.kind === 'checkpoint' || k.kind === 'run')) {
        try {
          const files = await store.files(item.id);
          if (!files) throw new Error('its files are gone');
          await engine.openCheckpointFiles(runCheckpointFiles(files), {
            ...checkpointOptionsOf(item),
            keptId: item.id,
          });
        } catch (error) {
          failures.push(`${item.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (failures.length) set({ keptMessage: `Some kept models could not be opened: ${failures.join('; ')}` });
    },
    keptAnalysis: async (request) => {
      const store = get().keptStore;
      const item = get().kept.find((k) => k.kind === 'analysis' && k.meta.key === scanKey(request));
      if (!store || !item || item.meta.threshold !== request.threshold) return null;
      try {
        return ((await store.value(item.id)) as DatasetScanResult | undefined) ?? null;
      } catch {
        return null; // the scan runs again
      }
    },
    keepAnalysis: async (request, result) => {
      const store = get().keptStore;
      if (!store || !/^(ckpt|base|file):/.test(request.modelEntry)) return;
      const previous = get().kept.filter((k) => k.kind === 'analysis' && k.meta.key === scanKey(request));
      try {
        for (const item of previous) await store.remove(item.id);
        const name = `analysis: ${result.modelLabel}, ${request.dataset.toUpperCase()} ${request.split}, ${result.graphs} molecules`;
        await store.putValue('analysis', name, result, { key: scanKey(request), threshold: request.threshold });
      } catch (error) {
        say(error);
      }
      await get().refreshKept();
    },
    exportModelAsTorch: async () => {
      const { keptEngine: engine, modelEntryId } = get();
      if (!engine || !modelEntryId) throw new Error('no model is chosen yet');
      return engine.exportTorchCheckpoint(modelEntryId);
    },
    openKept: async (id) => {
      const store = get().keptStore;
      const item = get().kept.find((k) => k.id === id);
      if (!store || !item) return;
      try {
        const files = await store.files(id);
        if (!files) throw new Error(`${item.name} is no longer kept`);
        if (item.kind === 'dataset') {
          await get().loadUserFiles(files, item.meta.family === 'tox21' ? 'tox21' : 'zinc', { keptId: id });
        } else {
          const options = { ...checkpointOptionsOf(item), keptId: id, name: item.name };
          await get().openCheckpointFiles(runCheckpointFiles(files), options);
        }
      } catch (error) {
        say(error);
      }
    },
  };
};
