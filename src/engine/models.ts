/**
 * The engine's model registry: models live in the engine (worker or Node process) and the UI refers to them by
 * id. Forwards return plain typed arrays; every tensor is disposed before returning.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import type { Ablation } from '../gnn/ablation';
import { decodeCheckpoint, parseModelJson } from '../gnn/checkpoint';
import { validateConfig, type ModelConfig } from '../gnn/config';
import { createModel, forwardTidy, type Model } from '../gnn/model';
import { train, type EpochRecord, type TrainingState } from '../gnn/train';
import { disposeParams } from '../gnn/params';

export interface ForwardRequest {
  modelId: string;
  graphs: Graph[];
  spec: FeatureSpec;
  capture?: boolean;
  ablation?: Ablation;
}

export interface LayerCaptureData {
  /** [numEdges * hidden], head-major per edge (index = h * d + t). */
  edgeScore: Float32Array;
  /** [numEdges * heads] */
  attention: Float32Array;
  /** [numNodes * hidden] */
  nodeAttn: Float32Array;
}

export interface ForwardData {
  /** [numGraphs * numTargets] */
  output: Float32Array;
  numGraphs: number;
  numTargets: number;
  /** Edges and nodes the captures cover (a global-node ablation appends its own after the input's). */
  numEdges: number;
  numNodes: number;
  layers: LayerCaptureData[];
}

export interface TrainRequest {
  modelId: string;
  train: Graph[];
  val: Graph[];
  spec: FeatureSpec;
  maxEpochs?: number;
  timeBudgetSeconds?: number;
}

export type TrainingSummary = Pick<TrainingState, 'epoch' | 'lr' | 'stopReason' | 'history' | 'elapsedSeconds'>;

export class ModelRegistry {
  private models = new Map<string, Model>();
  private nextId = 1;
  private cancelled = new Set<string>();

  /** Trains a registered model in place; `onEpoch` streams each epoch's record. */
  async train(request: TrainRequest, onEpoch?: (record: EpochRecord) => void): Promise<TrainingSummary> {
    const model = this.get(request.modelId);
    this.cancelled.delete(request.modelId);
    const state = await train(model, {
      train: request.train,
      val: request.val,
      spec: request.spec,
      maxEpochs: request.maxEpochs,
      timeBudgetSeconds: request.timeBudgetSeconds,
      onEpoch: (record) => onEpoch?.(record),
      shouldStop: () => this.cancelled.has(request.modelId),
    });
    const { epoch, lr, stopReason, history, elapsedSeconds } = state;
    return { epoch, lr, stopReason, history, elapsedSeconds };
  }

  /** Asks a running training of this model to stop after its current batch. */
  cancelTraining(modelId: string): void {
    this.cancelled.add(modelId);
  }

  create(config: unknown): string {
    return this.add(createModel(validateConfig(config)));
  }

  load(modelJson: unknown, weights: ArrayBuffer): string {
    return this.add(decodeCheckpoint(parseModelJson(modelJson), weights));
  }

  config(modelId: string): ModelConfig {
    return this.get(modelId).config;
  }

  /** The model itself, for engine tasks that run their own tensors (attribution). */
  model(modelId: string): Model {
    return this.get(modelId);
  }

  dispose(modelId: string): void {
    const model = this.models.get(modelId);
    if (model) disposeParams(model.params);
    this.models.delete(modelId);
  }

  /**
   * Drops every model (after a lost GPU device their weights are gone with it): disposal is attempted, and a
   * failure on the lost device is ignored. Catalogue entries re-create their models on next use.
   */
  forgetAll(): void {
    for (const model of this.models.values()) {
      try {
        disposeParams(model.params);
      } catch {
        // the device that held them is gone
      }
    }
    this.models.clear();
  }

  async forward(request: ForwardRequest): Promise<ForwardData> {
    const model = this.get(request.modelId);
    const batch = batchGraphs(request.graphs, request.spec);
    const result = forwardTidy(model, batch, { capture: request.capture ?? false, ablation: request.ablation });
    try {
      const layers = await Promise.all(
        result.captures.map(async (c) => ({
          edgeScore: (await c.edgeScore.data()) as Float32Array,
          attention: (await c.attention.data()) as Float32Array,
          nodeAttn: (await c.nodeAttn.data()) as Float32Array,
        })),
      );
      const [numGraphs, numTargets] = result.output.shape;
      const first = result.captures[0];
      return {
        output: (await result.output.data()) as Float32Array,
        numGraphs,
        numTargets,
        numEdges: first ? first.edgeScore.shape[0] : batch.numEdges,
        numNodes: first ? first.nodeAttn.shape[0] : batch.numNodes,
        layers,
      };
    } finally {
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
    }
  }

  /** Registers an existing model (e.g. one loaded from disk by the CLI). */
  add(model: Model): string {
    const id = `model-${this.nextId++}`;
    this.models.set(id, model);
    return id;
  }

  private get(modelId: string): Model {
    const model = this.models.get(modelId);
    if (!model) throw new Error(`no model "${modelId}" in the engine (was it disposed?)`);
    return model;
  }
}
