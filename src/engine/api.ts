/**
 * The one compute API the UI (through a Web Worker) and the CLI (in-process) call. Everything it takes and
 * returns is plain data and typed arrays, so it crosses the worker boundary by structured clone.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, initBackend, type BackendInfo, type BackendName } from '../gnn/backend';
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
} from './explorerTypes';
import type { CheckpointSource } from './modelCatalog';
import { createSerialQueue } from './serialQueue';
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
export type * from './explorerTypes';
export { ATTRIBUTION_METHODS } from './explorerTypes';

export interface EngineInfo extends BackendInfo {
  /** Where the engine runs: a browser Web Worker or the Node process. */
  host: 'worker' | 'node';
}

export interface AttentionProbeResult {
  backend: BackendName;
  output: Float32Array;
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
}

export function createEngine({
  host,
  defaultOrder = BACKEND_ORDER,
  wasmPaths,
  datasets = null,
  checkpoints = null,
  startChemistry = () => initRDKit(),
}: EngineHost): Engine {
  const init = async (prefer?: BackendName[]): Promise<EngineInfo> => ({
    ...(await initBackend({ prefer: prefer ?? defaultOrder, wasmPaths })),
    host,
  });
  const models = new ModelRegistry();
  const explorer = new Explorer(models, { datasets, checkpoints, startChemistry });
  // Everything that makes or runs tensors goes through one queue (cancelTraining must not wait, so it does not).
  const serial = createSerialQueue();
  return {
    init,
    info: () => init(),
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
      serial(async () => {
        const { name } = await init();
        return explorer.analyze(request, name);
      }),
    attributeMolecule: (request) =>
      serial(async () => {
        await init();
        return explorer.attribute(request);
      }),
    async bondDetail(analysisId, bond) {
      return explorer.bondDetail(analysisId, bond);
    },
    attentionProbe: (input) =>
      serial(async () => {
        const { name } = await init();
        const output = await runAttentionProbe(input);
        return { backend: name, output, numTensors: tf.memory().numTensors };
      }),
  };
}
