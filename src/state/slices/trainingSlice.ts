/**
 * The training panel: what to train (settings), the run in progress or last finished (its per-epoch records and MA
 * statistics as the engine streams them), and a shipped checkpoint's recorded training. The engine is attached
 * once it starts (attachTrainingEngine); the actions call it and fold its answers into the state.
 */
import * as Comlink from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import type {
  CheckpointFiles,
  Engine,
  EpochRecord,
  MaEpochStats,
  ModelConfig,
  RecordedTraining,
  TrainingProgress,
  TrainingRunRequest,
} from '../../engine/api';
import { keepRunSnapshot, resumeFiles } from '../keptRuns';
import type { ResumableCheckpoint } from '../../engine/api';
import type { AppState } from '../store';

export type TrainingEngine = Pick<
  Engine,
  'trainRun' | 'cancelTrainRun' | 'trainRunCheckpoint' | 'addTrainRunToModels' | 'recordedTraining' | 'listModels'
>;

/** Preset families: `${family}-${dataset}` names the preset (small ones first: they train in minutes). */
export const TRAINING_FAMILIES = [
  'small-gt',
  'small-san',
  'small-graphit',
  'paper-gt',
  'paper-san',
  'paper-graphit',
] as const;
export type TrainingFamily = (typeof TRAINING_FAMILIES)[number];

export interface TrainingSettings {
  family: TrainingFamily;
  ebt: boolean;
  epochs: number;
  /** Train and validate on the first N graphs of each split; null: all of them. */
  subset: number | null;
  /** The MA scan after every epoch runs on the first N test graphs. */
  scanGraphs: number;
}

export type TrainingStatus = 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

export interface TrainingRunView {
  runId: string | null;
  status: TrainingStatus;
  request: TrainingRunRequest;
  config: ModelConfig | null;
  trainGraphs: number;
  valGraphs: number;
  scanGraphs: number;
  batchesPerEpoch: number;
  records: EpochRecord[];
  /** Epoch 0 (before training) and then one per finished epoch. */
  maHistory: MaEpochStats[];
  /** The batch running now (1-based epoch and batch). */
  batch: { epoch: number; batch: number } | null;
  /** Every finished batch's training loss, at epoch (epoch − 1 + batch / batchesPerEpoch): the curve before epoch 1 ends. */
  batchLosses: { epoch: number; value: number }[];
  error: string | null;
  elapsedSeconds: number | null;
  backend: string | null;
  /** Live tensors in the engine after the run. */
  numTensors: number | null;
  /** The model-picker entry once offered in the explorer. */
  entryId: string | null;
}

export interface RecordedTrainingView {
  entryId: string;
  status: 'loading' | 'ready' | 'failed';
  value: RecordedTraining | null;
}

export interface TrainingSlice {
  trainingEngine: TrainingEngine | null;
  trainingSettings: TrainingSettings;
  trainingRun: TrainingRunView | null;
  recordedTraining: RecordedTrainingView | null;
  /** The recorded training of the shown checkpoint's twin (trained vs EBT), to overlay on its MA chart. */
  twinTraining: RecordedTrainingView | null;
  loadTwinTraining: (entryId: string | null) => Promise<void>;
  attachTrainingEngine: (engine: TrainingEngine) => void;
  setTrainingSettings: (settings: Partial<TrainingSettings>) => void;
  startTraining: () => Promise<void>;
  /** Goes on with a run kept in "My data" (after a reload), from its last finished epoch. */
  resumeKeptRun: (keptId: string) => Promise<void>;
  cancelTraining: () => void;
  trainedCheckpoint: () => Promise<CheckpointFiles>;
  offerTrainedModel: () => Promise<void>;
  loadRecordedTraining: (entryId: string) => Promise<void>;
}

export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  family: 'small-gt',
  ebt: false,
  epochs: 10,
  subset: 1000,
  scanGraphs: 200,
};

export const isTrainingActive = (run: TrainingRunView | null) =>
  run !== null && (run.status === 'starting' || run.status === 'running' || run.status === 'cancelling');

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => {
  const engine = () => {
    const attached = get().trainingEngine;
    if (!attached) throw new Error('the compute engine has not started yet');
    return attached;
  };
  /** Applies a change to the run with this id (or the starting run), ignoring answers about older runs. */
  const updateRun = (runId: string | null, change: (run: TrainingRunView) => Partial<TrainingRunView>) => {
    const run = get().trainingRun;
    if (!run || (run.runId !== null && run.runId !== runId)) return;
    set({ trainingRun: { ...run, ...change(run) } });
  };
  const onProgress = (progress: TrainingProgress) => {
    const run = get().trainingRun;
    if (progress.kind === 'started') {
      if (!run || run.runId !== null) return;
      const cancelling = run.status === 'cancelling';
      set({
        trainingRun: {
          ...run,
          runId: progress.runId,
          status: cancelling ? 'cancelling' : 'running',
          config: progress.config,
          trainGraphs: progress.trainGraphs,
          valGraphs: progress.valGraphs,
          scanGraphs: progress.scanGraphs,
          batchesPerEpoch: progress.batchesPerEpoch,
        },
      });
      if (cancelling) void engine().cancelTrainRun(progress.runId);
    } else if (progress.kind === 'batch')
      updateRun(progress.runId, () => ({ batch: { epoch: progress.epoch, batch: progress.batch } }));
    else if (progress.kind === 'batchLoss')
      updateRun(progress.runId, (r) => ({
        batchLosses: [
          ...r.batchLosses,
          { epoch: progress.epoch - 1 + progress.batch / progress.batchesPerEpoch, value: progress.loss },
        ],
      }));
    else {
      updateRun(progress.runId, (r) => ({
        records: progress.record ? [...r.records, progress.record] : r.records,
        maHistory: [...r.maHistory, progress.ma],
        batch: null,
      }));
      const current = get().trainingRun;
      if (progress.snapshot && current?.runId === progress.runId)
        keepEpoch(progress.runId, progress.snapshot, current.request);
    }
  };
  /** The kept item of each run (My data), and the chain that keeps its snapshots one after another. */
  const keptRuns = new Map<string, string | null>();
  let keeping: Promise<unknown> = Promise.resolve();
  const keepEpoch = (runId: string, snapshot: ResumableCheckpoint, request: TrainingRunRequest) => {
    keeping = keeping
      .then(async () => keptRuns.set(runId, await keepRunSnapshot(get, snapshot, request, keptRuns.get(runId) ?? null)))
      .catch(() => {});
  };
  /** Runs (or resumes) training and folds the engine's answers into trainingRun. */
  const runTraining = async (request: TrainingRunRequest, resume?: { files: ResumableCheckpoint; keptId: string }) => {
    const resumed = resume?.files.modelJson as { training?: { history?: EpochRecord[]; maHistory?: MaEpochStats[] } };
    set({
      trainingRun: {
        runId: null,
        status: 'starting',
        request,
        config: null,
        trainGraphs: 0,
        valGraphs: 0,
        scanGraphs: 0,
        batchesPerEpoch: 0,
        records: resumed?.training?.history ?? [],
        maHistory: resumed?.training?.maHistory ?? [],
        batch: null,
        batchLosses: [],
        error: null,
        elapsedSeconds: null,
        backend: null,
        numTensors: null,
        entryId: null,
      },
    });
    try {
      const proxied = Comlink.proxy((progress: TrainingProgress) => {
        if (resume && progress.kind === 'started') keptRuns.set(progress.runId, resume.keptId);
        onProgress(progress);
      });
      const result = await engine().trainRun(request, proxied, resume?.files);
      updateRun(result.runId, () => ({
        status: result.stopReason === 'cancelled' ? 'cancelled' : 'done',
        // The final answer is authoritative (a progress message could in principle be lost).
        records: result.history,
        maHistory: result.maHistory,
        batch: null,
        elapsedSeconds: result.elapsedSeconds,
        backend: result.backend,
        numTensors: result.numTensors,
      }));
      await keeping;
    } catch (error) {
      const run = get().trainingRun;
      if (run?.request === request)
        set({ trainingRun: { ...run, status: 'failed', error: message(error), batch: null } });
    }
  };

  return {
    trainingEngine: null,
    trainingSettings: DEFAULT_TRAINING_SETTINGS,
    trainingRun: null,
    recordedTraining: null,
    twinTraining: null,
    async loadTwinTraining(entryId) {
      if (entryId === null) return set({ twinTraining: null });
      if (get().twinTraining?.entryId === entryId || !get().trainingEngine) return;
      set({ twinTraining: { entryId, status: 'loading', value: null } });
      const settle = (view: RecordedTrainingView) => {
        if (get().twinTraining?.entryId === entryId) set({ twinTraining: view });
      };
      try {
        settle({ entryId, status: 'ready', value: await engine().recordedTraining(entryId) });
      } catch {
        settle({ entryId, status: 'failed', value: null });
      }
    },
    attachTrainingEngine: (trainingEngine) => set({ trainingEngine }),
    setTrainingSettings: (settings) => set({ trainingSettings: { ...get().trainingSettings, ...settings } }),

    async startTraining() {
      if (isTrainingActive(get().trainingRun)) return;
      const { trainingSettings: s, datasetName } = get();
      const request: TrainingRunRequest = {
        preset: `${s.family}-${datasetName}`,
        dataset: datasetName,
        ebt: s.ebt,
        epochs: s.epochs,
        ...(s.subset !== null && { subset: s.subset }),
        scanGraphs: s.scanGraphs,
      };
      await runTraining(request);
    },

    async resumeKeptRun(keptId) {
      if (isTrainingActive(get().trainingRun)) return;
      const store = get().keptStore;
      const item = get().kept.find((k) => k.id === keptId);
      if (!store || !item) return;
      try {
        const files = await store.files(keptId);
        if (!files) throw new Error(`${item.name} is no longer kept`);
        const { request, resume } = resumeFiles(item, files);
        get().setPanelOpen('training', true);
        await runTraining(request, { files: resume, keptId });
      } catch (error) {
        get().addNotices([`The kept training run could not go on: ${message(error)}`]);
      }
    },

    cancelTraining() {
      const run = get().trainingRun;
      if (!run || !isTrainingActive(run)) return;
      set({ trainingRun: { ...run, status: 'cancelling' } });
      if (run.runId !== null) void engine().cancelTrainRun(run.runId);
    },

    async trainedCheckpoint() {
      const run = get().trainingRun;
      if (!run?.runId || isTrainingActive(run)) throw new Error('there is no finished training to save');
      return engine().trainRunCheckpoint(run.runId);
    },

    async offerTrainedModel() {
      const run = get().trainingRun;
      if (!run?.runId || isTrainingActive(run)) return;
      try {
        const entry = await engine().addTrainRunToModels(run.runId);
        updateRun(run.runId, () => ({ entryId: entry.id }));
        if (get().datasetName !== entry.dataset) return;
        get().modelsListed(await engine().listModels(entry.dataset));
        get().chooseModel(entry.id);
      } catch (error) {
        get().addNotices([`The trained model could not be offered in the explorer: ${message(error)}`]);
      }
    },

    async loadRecordedTraining(entryId) {
      if (get().recordedTraining?.entryId === entryId || !get().trainingEngine) return;
      set({ recordedTraining: { entryId, status: 'loading', value: null } });
      const settle = (view: RecordedTrainingView) => {
        if (get().recordedTraining?.entryId === entryId) set({ recordedTraining: view });
      };
      try {
        settle({ entryId, status: 'ready', value: await engine().recordedTraining(entryId) });
      } catch {
        settle({ entryId, status: 'failed', value: null });
      }
    },
  };
};
