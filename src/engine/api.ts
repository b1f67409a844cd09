/**
 * The one compute API the UI (through a Web Worker) and the CLI (in-process) call. Everything it takes and
 * returns is plain data and typed arrays, so it crosses the worker boundary by structured clone.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  BACKEND_ORDER,
  fallBackAfterDeviceLoss,
  initBackend,
  watchDeviceLoss,
  type BackendInfo,
  type BackendName,
} from '../gnn/backend';
import { runAttentionProbe, type AttentionProbeInput } from '../gnn/attentionProbe';
import type { ModelConfig } from '../gnn/config';
import type { EpochRecord } from '../gnn/train';
import { initRDKit } from '../chem/rdkit';
import type { BundleSource } from '../data/bundleRead';
import type { BundledDatasetName } from '../data/bundledDatasets';
import type { SplitName } from '../data/split';
import type { DatasetName } from '../gnn/config';
import { Explorer, type ExplorerSources } from './explorer';
import type {
  AnalyzeRequest,
  AttributionRequest,
  BondDetail,
  DatasetInfo,
  MoleculeAnalysis,
  MoleculeAttribution,
  MoleculeDrawing,
  MoleculeListing,
  MoleculeRef,
  ModelEntry,
  UserDatasetFamily,
  UserDatasetProgress,
  UserDatasetReport,
} from './explorerTypes';
import type { UserFile } from '../data/userFile';
import type { CheckpointSource } from './modelCatalog';
import { createSerialQueue } from './serialQueue';
import { UserCheckpoints, type OpenCheckpointOptions } from './userCheckpoints';
import type { ResumableCheckpoint } from './trainingSnapshots';
import { exportTorchStateDict } from '../gnn/torch/exportTorch';
import { runBenchmark, type BenchmarkRequest, type BenchmarkResult } from './benchmarks';
import { loadBundledDataset } from '../data/bundledDatasets';
import { DatasetScanner } from './datasetScan';
import { summarizeHere } from './scan';
import { createStatsPool, type StatsPort } from './statsPool';
import type { DatasetScanProgress, DatasetScanRequest, DatasetScanResult } from './datasetScanTypes';
import { TrainingRuns } from './trainingRuns';
import { AttackRuns } from './attackRuns';
import type { AttackRequest, AttackRunProgress, AttackRunResult, RecordedAttack } from './attackTypes';
import { CriterionReferences } from './criterionReferences';
import type { RecordedScan } from './recordedScans';
import type { CriterionReference } from '../ma/criterion';
import type {
  CheckpointFiles,
  RecordedTraining,
  TrainingProgress,
  TrainingRunRequest,
  TrainingRunResult,
} from './trainingTypes';
import {
  ModelRegistry,
  type ForwardData,
  type ForwardRequest,
  type TrainingSummary,
  type TrainRequest,
} from './models';

export type { AttentionProbeInput } from '../gnn/attentionProbe';
export type { BackendName } from '../gnn/backend';
export type { ForwardData, ForwardRequest, LayerCaptureData, TrainingSummary, TrainRequest } from './models';
export type { EpochRecord } from '../gnn/train';
export type { BenchmarkRequest, BenchmarkResult } from './benchmarks';
export type * from './explorerTypes';
export type * from './datasetScanTypes';
export type * from './trainingTypes';
export type * from './attackTypes';
export type { ResumableCheckpoint } from './trainingSnapshots';
export type { RecordedScan, RecordedScanData, ViewChoice } from './recordedScans';
export type { CriterionReference, LayerReference, MaCriterion, CriterionKind } from '../ma/criterion';
export type { GlobalShare } from '../ma/globalShare';
export { ATTRIBUTION_METHODS, ATTRIBUTION_PART_OF } from './explorerTypes';

export interface EngineInfo extends BackendInfo {
  /** Where the engine runs: a browser Web Worker or the Node process. */
  host: 'worker' | 'node';
}

export interface AttentionProbeResult {
  backend: BackendName;
  output: Float32Array;
  /** Whether the edge score went through the backend's fused kernel (only asked with edge values). */
  fusedScore: boolean;
  /** Live tfjs tensors after the call; stays constant when nothing leaks. */
  numTensors: number;
}

export interface Engine {
  /**
   * Starts the first usable backend of `prefer` (default WebGPU > wasm > cpu). The first call decides; later
   * calls, and every other method, use that backend.
   */
  init(prefer?: BackendName[]): Promise<EngineInfo>;
  info(): Promise<EngineInfo>;
  /**
   * Calls `onChange` with the new backend when the engine changes it on its own: after a lost WebGPU device it
   * moves to wasm (else cpu), re-creates its models there and re-runs the request that was cut off. In the
   * browser pass `onChange` wrapped in Comlink.proxy.
   */
  watchBackend(onChange: (info: EngineInfo) => void): Promise<void>;
  /** Live tfjs tensors and their bytes on the active backend (leak tests and the benchmark watch these). */
  memory(): Promise<{ backend: BackendName; numTensors: number; numBytes: number }>;
  /** Times one compute benchmark on ZINC with a seeded base model of a preset (benchmarks.ts, `npm run bench`). */
  benchmark(request: BenchmarkRequest): Promise<BenchmarkResult>;
  /** Runs the attention probe on the active backend (diagnostics: does this backend agree with cpu?). */
  attentionProbe(input: AttentionProbeInput): Promise<AttentionProbeResult>;
  /** A fresh (base) model from a config; returns its id. Same config and seed, same weights, on any backend. */
  createModel(config: ModelConfig): Promise<string>;
  /** A model from a checkpoint's model.json and weights.bin; returns its id. */
  loadModel(modelJson: unknown, weights: ArrayBuffer): Promise<string>;
  disposeModel(modelId: string): Promise<void>;
  /** Eval-mode forward of a batch of graphs, with per-layer captures and ablations on request. */
  forward(request: ForwardRequest): Promise<ForwardData & { backend: BackendName; numTensors: number }>;
  /**
   * Trains a model in place on the active backend. In the browser pass `onEpoch` wrapped in Comlink.proxy; it
   * receives each epoch's losses, metric, learning rate and time.
   */
  trainModel(request: TrainRequest, onEpoch?: (record: EpochRecord) => void): Promise<TrainingSummary>;
  /** Stops a running trainModel of this model after its current batch. */
  cancelTraining(modelId: string): Promise<void>;

  // The explorer: datasets, molecules, the model catalogue and per-bond MA ratios (explorer.ts).
  /** Starts RDKit (once); the molecule methods below start it too. */
  startChemistry(): Promise<{ rdkitVersion: string }>;
  /** Loads a bundled dataset (once) and describes it. */
  datasetInfo(name: BundledDatasetName): Promise<DatasetInfo>;
  /** The molecules of one split: SMILES (where the dataset has them), targets, sizes. */
  listMolecules(name: BundledDatasetName, split: SplitName): Promise<MoleculeListing>;
  /** Atoms and bonds with 2D coordinates; atom i = node i and bond k = bond k of the model's graph. */
  drawMolecule(molecule: MoleculeRef): Promise<MoleculeDrawing>;
  /** Models for a dataset: trained checkpoints the app serves, then base (untrained) presets. */
  listModels(dataset: DatasetName): Promise<ModelEntry[]>;
  /**
   * Forward of one molecule with captures (and ablations): prediction and per-bond MA ratio per layer; with an
   * ablation also the unablated prediction. The same request answers with the same numbers (kept analyses).
   */
  analyzeMolecule(request: AnalyzeRequest): Promise<MoleculeAnalysis>;
  /**
   * Per-bond occlusion, MA ablation, gradient x input and integrated gradients (and per-atom gradients) of one
   * output, for the model as ablated (src/explain/attribution.ts).
   */
  attributeMolecule(request: AttributionRequest): Promise<MoleculeAttribution>;
  /** One bond of a kept analysis: per layer, both directed edges' scores, element ratios and attention. */
  bondDetail(analysisId: string, bond: number): Promise<BondDetail>;
  /** Every bond of a kept analysis (the page prefetches them so a bond click is answered at once). */
  bondDetails(analysisId: string): Promise<BondDetail[]>;
  /**
   * Reads a user's CSV/TSV of SMILES or SDF (src/data/userFile.ts) featurised for `family`'s models; its molecules
   * are then `{kind: 'user', datasetId: report.id, index, dataset: family}`. Every rejected row is in the report; a
   * file that cannot be used at all rejects with a message for the person. In the browser wrap `onProgress` in
   * Comlink.proxy.
   */
  loadUserDataset(
    files: UserFile[],
    family: UserDatasetFamily,
    onProgress?: (progress: UserDatasetProgress) => void,
  ): Promise<UserDatasetReport>;
  /** A loaded file read again for another family (its rows featurised for that family's models). */
  refeaturizeUserDataset(
    id: string,
    family: UserDatasetFamily,
    onProgress?: (progress: UserDatasetProgress) => void,
  ): Promise<UserDatasetReport>;
  /**
   * MA statistics of a model over (the first `limit` graphs of) a split, next to its base model's (datasetScan.ts).
   * Results are kept per model, dataset, split, threshold and limit. In the browser wrap `onProgress` in Comlink.proxy.
   */
  scanDataset(
    request: DatasetScanRequest,
    onProgress?: (progress: DatasetScanProgress) => void,
  ): Promise<DatasetScanResult>;
  /** Stops the running scanDataset after its current batch (it rejects with "the scan was cancelled"). */
  cancelScan(): Promise<void>;

  // The training panel (trainingRuns.ts): one run at a time; the last run's model is kept until the next run.
  /**
   * Trains a preset on a bundled dataset on the active backend, with an MA scan of the first test graphs before
   * training and after every epoch. In the browser pass `onProgress` wrapped in Comlink.proxy.
   */
  trainRun(
    request: TrainingRunRequest,
    onProgress?: (progress: TrainingProgress) => void,
    resume?: ResumableCheckpoint,
  ): Promise<TrainingRunResult>;
  /**
   * The run after its last finished epoch as a resumable checkpoint (model.json with its training state,
   * weights.bin, optimizer.bin), which trainRun's `resume` continues from; null before the first epoch ends.
   */
  trainRunSnapshot(runId: string): Promise<ResumableCheckpoint | null>;
  /** Stops a run after its current batch. */
  cancelTrainRun(runId: string): Promise<void>;
  /** The run's model as model.json and weights.bin, with its training record (losses and MA statistics). */
  trainRunCheckpoint(runId: string): Promise<CheckpointFiles>;
  /** Offers the run's model in listModels for its dataset (this session only) and returns its entry. */
  addTrainRunToModels(runId: string): Promise<ModelEntry>;
  /**
   * Opens a saved checkpoint (one model.json and one weights.bin, validated like a shipped one, or one PyTorch
   * .pt/.pth/.pkl of the paper's code, with `options` for what its shapes cannot tell) and offers it in listModels
   * for its dataset; a broken checkpoint rejects with a message for the person. With `options.keptId` the entry is
   * `file:<keptId>` (the page keeps the files and opens them again after a reload).
   */
  openCheckpointFiles(files: UserFile[], options?: OpenCheckpointOptions): Promise<ModelEntry>;
  /** Stops offering an opened or trained model (`file:...`, `run:...`) and frees its weights. */
  closeUserModel(entryId: string): Promise<void>;
  /** Any listed model as a PyTorch state_dict in the paper's code's names (README, "PyTorch checkpoints"). */
  exportTorchCheckpoint(entryId: string): Promise<{ fileName: string; bytes: Uint8Array }>;
  /** A served checkpoint's recorded training (per-epoch losses and MA statistics), or null when it has none. */
  recordedTraining(entryId: string): Promise<RecordedTraining | null>;
  /** The recorded scans (scan.json) of the served checkpoints of a dataset (recordedScans.ts): no scan runs. */
  recordedScans(dataset: DatasetName): Promise<RecordedScan[]>;
  /**
   * What base-tail and attention-top compare a model's molecules with (criterionReferences.ts): recorded for a
   * served checkpoint, measured once on the test split for other models.
   */
  criterionReference(entryId: string): Promise<CriterionReference>;

  // The attack panel (attackRuns.ts, docs/METHOD.md §11): one run at a time.
  /**
   * The robustness attack on one or two catalogue models over the first graphs of a split: per model and σ, the
   * loss under random noise, under noise optimised to raise it, and GAIN. Progress after every ascent epoch; in the
   * browser wrap `onProgress` in Comlink.proxy. Cancelled, it resolves with what was measured (`cancelled: true`).
   */
  attackModels(request: AttackRequest, onProgress?: (progress: AttackRunProgress) => void): Promise<AttackRunResult>;
  /** Stops the running attack after its current batch. */
  cancelAttack(): Promise<void>;
  /** A served checkpoint's recorded attack (attack.json), or null when it has none. */
  recordedAttack(entryId: string): Promise<RecordedAttack | null>;
}

export interface EngineHost {
  host: EngineInfo['host'];
  defaultOrder?: readonly BackendName[];
  wasmPaths: string | Record<string, string>;
  /** Where bundled datasets are read from (none: the dataset methods say so). */
  datasets?: BundleSource | null;
  /** Where trained checkpoints are listed (none: base models only). */
  checkpoints?: CheckpointSource | null;
  /** Starts RDKit; default: Node's loader, which finds its wasm in node_modules. */
  startChemistry?: ExplorerSources['startChemistry'];
  /** Workers for the dataset analysis's layer statistics (statsPool.ts); none: they run in the engine's thread. */
  statisticsWorkers?: { count: number; create: () => StatsPort } | null;
}

export function createEngine({
  host,
  defaultOrder = BACKEND_ORDER,
  wasmPaths,
  datasets = null,
  checkpoints = null,
  startChemistry = () => initRDKit(),
  statisticsWorkers = null,
}: EngineHost): Engine {
  const backendWatchers: ((info: EngineInfo) => void)[] = [];
  let watchedLoss: Promise<string> | null = null;
  /** Set while the engine moves off a lost device; requests cut off by the loss wait for it and run again. */
  let recovery: Promise<void> | null = null;
  const init = async (prefer?: BackendName[]): Promise<EngineInfo> => {
    const info = { ...(await initBackend({ prefer: prefer ?? defaultOrder, wasmPaths })), host };
    const loss = watchDeviceLoss();
    if (loss && loss !== watchedLoss) {
      watchedLoss = loss;
      void loss.then((reason) => (recovery ??= recover(reason)));
    }
    return info;
  };
  const recover = async (reason: string) => {
    const info: EngineInfo = { ...(await fallBackAfterDeviceLoss(reason)), host };
    models.forgetAll(); // their weights were on the lost device; catalogue entries load them again
    explorer.catalog.forgetOpened();
    explorer.forgetComputed();
    backendWatchers.forEach((notify) => quietProgress(notify)(info));
  };
  /**
   * A request the device loss cut off (it fails with WebGPU's own words) runs again once the engine is on the
   * next backend; any other failure is the request's own.
   */
  const survivingDeviceLoss = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await task();
    } catch (error) {
      const loss = watchDeviceLoss() ?? watchedLoss;
      const lost = recovery ?? (loss && (await Promise.race([loss.then(() => true), delay(250).then(() => false)])));
      if (!lost) throw error;
      await (recovery ??= recover(await loss!));
      return task();
    }
  };
  const models = new ModelRegistry();
  const explorer = new Explorer(models, { datasets, checkpoints, startChemistry });
  const summarizer = statisticsWorkers
    ? createStatsPool(statisticsWorkers.count, statisticsWorkers.create)
    : summarizeHere;
  const datasetScanner = new DatasetScanner(models, explorer.catalog, explorer.library, summarizer);
  const trainingRuns = new TrainingRuns(models, explorer.library, explorer.catalog);
  const userCheckpoints = new UserCheckpoints(models, explorer.catalog);
  const references = new CriterionReferences(models, explorer.catalog, explorer.library);
  const attackRuns = new AttackRuns(models, explorer.catalog, explorer.library);
  // Everything that makes or runs tensors goes through one queue (cancelTraining must not wait, so it does not).
  const serial = createSerialQueue();
  let scanCancelled = false; // set by cancelScan, which must not wait in the queue
  return {
    init,
    info: () => init(),
    async watchBackend(onChange) {
      backendWatchers.push(onChange);
    },
    createModel: (config) =>
      serial(async () => {
        await init();
        return models.create(config);
      }),
    loadModel: (modelJson, weights) =>
      serial(async () => {
        await init();
        return models.load(modelJson, weights);
      }),
    disposeModel: (modelId) => serial(async () => models.dispose(modelId)),
    trainModel: (request, onEpoch) =>
      serial(async () => {
        await init();
        return models.train(request, onEpoch);
      }),
    async cancelTraining(modelId) {
      models.cancelTraining(modelId);
    },
    forward: (request) =>
      serial(async () => {
        const { name } = await init();
        const data = await models.forward(request);
        return { ...data, backend: name, numTensors: tf.memory().numTensors };
      }),
    startChemistry: () => explorer.startChemistry(),
    datasetInfo: (name) => explorer.info(name),
    listMolecules: (name, split) => explorer.listing(name, split),
    drawMolecule: (molecule) => explorer.drawing(molecule),
    listModels: (dataset) => explorer.models(dataset),
    analyzeMolecule: (request) =>
      serial(() =>
        survivingDeviceLoss(async () => {
          const { name } = await init();
          return explorer.analyze(request, name);
        }),
      ),
    attributeMolecule: (request) =>
      serial(() =>
        survivingDeviceLoss(async () => {
          await init();
          return explorer.attribute(request);
        }),
      ),
    async bondDetail(analysisId, bond) {
      return explorer.bondDetail(analysisId, bond);
    },
    async bondDetails(analysisId) {
      return explorer.bondDetails(analysisId);
    },
    loadUserDataset: async (files, family, onProgress) => {
      await explorer.startChemistry();
      return explorer.userDatasets.load(files, family, quietProgress(onProgress));
    },
    refeaturizeUserDataset: async (id, family, onProgress) => {
      await explorer.startChemistry();
      return explorer.userDatasets.refeaturize(id, family, quietProgress(onProgress));
    },
    scanDataset: (request, onProgress) =>
      serial(async () => {
        const { name } = await init();
        scanCancelled = false;
        return datasetScanner.scan(request, name, quietProgress(onProgress), () => scanCancelled);
      }),
    async cancelScan() {
      scanCancelled = true;
    },
    // Not on the serial queue: a run awaits every batch, so the explorer's requests go on between batches.
    trainRun: async (request, onProgress, resume) =>
      trainingRuns.run(request, (await init()).name, quietProgress(onProgress), resume),
    trainRunSnapshot: async (runId) => trainingRuns.snapshot(runId),
    async cancelTrainRun(runId) {
      trainingRuns.cancel(runId);
    },
    trainRunCheckpoint: (runId) => serial(async () => trainingRuns.checkpoint(runId)),
    addTrainRunToModels: async (runId) => trainingRuns.addToCatalog(runId),
    openCheckpointFiles: (files, options) =>
      serial(async () => {
        await init();
        return userCheckpoints.open(files, options);
      }),
    closeUserModel: (entryId) =>
      serial(async () => {
        const modelId = await explorer.catalog.removeSessionModel(entryId);
        if (modelId) models.dispose(modelId);
      }),
    exportTorchCheckpoint: (entryId) =>
      serial(async () => {
        await init();
        const model = models.model(await explorer.catalog.open(entryId));
        const name = entryId.replace(/^[a-z]+:/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
        return { fileName: `${name}.pt`, bytes: await exportTorchStateDict(model) };
      }),
    recordedTraining: (entryId) => trainingRuns.recordedTraining(entryId),
    recordedScans: (dataset) => explorer.catalog.recordedScans(dataset),
    criterionReference: (entryId) =>
      serial(async () => {
        await init();
        return references.of(entryId);
      }),
    // Not on the serial queue, as trainRun: the attack awaits every batch, so the explorer's requests go on between.
    attackModels: async (request, onProgress) =>
      attackRuns.run(request, (await init()).name, quietProgress(onProgress)),
    async cancelAttack() {
      attackRuns.cancel();
    },
    recordedAttack: (entryId) => attackRuns.recorded(entryId),
    memory: () =>
      serial(async () => {
        const { name } = await init();
        const { numTensors, numBytes } = tf.memory();
        return { backend: name, numTensors, numBytes };
      }),
    benchmark: (request) =>
      serial(async () => {
        await init();
        if (!datasets) throw new Error('this engine has no bundled datasets to benchmark on');
        const zinc = await loadBundledDataset('zinc', datasets);
        return runBenchmark(request, { test: zinc.splits.test, train: zinc.splits.train, spec: zinc.spec });
      }),
    attentionProbe: (input) =>
      serial(async () => {
        const { name } = await init();
        const { output, fusedScore } = await runAttentionProbe(input);
        return { backend: name, output, fusedScore, numTensors: tf.memory().numTensors };
      }),
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A progress callback across the worker boundary returns a promise; a page that went away must not fail the work. */
function quietProgress<T>(onProgress?: (progress: T) => void): (progress: T) => void {
  return (progress) => {
    Promise.resolve(onProgress?.(progress)).catch(() => {});
  };
}
