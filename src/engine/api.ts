/**
 * The one compute API the UI (through a Web Worker) and the CLI (in-process) call. Everything it takes and
 * returns is plain data and typed arrays, so it crosses the worker boundary by structured clone.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, initBackend, type BackendInfo, type BackendName } from '../gnn/backend';
import { runAttentionProbe, type AttentionProbeInput } from '../gnn/attentionProbe';
import type { ModelConfig } from '../gnn/config';
import type { EpochRecord } from '../gnn/train';
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
}

export interface EngineHost {
  host: EngineInfo['host'];
  defaultOrder?: readonly BackendName[];
  wasmPaths: string | Record<string, string>;
}

export function createEngine({ host, defaultOrder = BACKEND_ORDER, wasmPaths }: EngineHost): Engine {
  const init = async (prefer?: BackendName[]): Promise<EngineInfo> => ({
    ...(await initBackend({ prefer: prefer ?? defaultOrder, wasmPaths })),
    host,
  });
  const models = new ModelRegistry();
  return {
    init,
    info: () => init(),
    async createModel(config) {
      await init();
      return models.create(config);
    },
    async loadModel(modelJson, weights) {
      await init();
      return models.load(modelJson, weights);
    },
    async disposeModel(modelId) {
      models.dispose(modelId);
    },
    async trainModel(request, onEpoch) {
      await init();
      return models.train(request, onEpoch);
    },
    async cancelTraining(modelId) {
      models.cancelTraining(modelId);
    },
    async forward(request) {
      const { name } = await init();
      const data = await models.forward(request);
      return { ...data, backend: name, numTensors: tf.memory().numTensors };
    },
    async attentionProbe(input) {
      const { name } = await init();
      const output = await runAttentionProbe(input);
      return { backend: name, output, numTensors: tf.memory().numTensors };
    },
  };
}
