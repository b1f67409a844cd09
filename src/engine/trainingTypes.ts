/** Plain data of the training panel's engine calls (structured-clone safe): a run request, its progress, results. */
import type { DatasetName, ModelConfig } from '../gnn/config';
import type { EpochRecord } from '../gnn/train';
import type { ModelEntry } from './explorerTypes';
import type { MaEpochStats } from './trainingMaStats';

export type { MaEpochStats, MaLayerEpochStats } from './trainingMaStats';
export type { ModelConfig } from '../gnn/config';

import type { ResumableCheckpoint } from './trainingSnapshots';

export interface TrainingRunRequest {
  /** A preset name (small-gt-zinc, paper-san-tox21, ...); its dataset must be `dataset`. */
  preset: string;
  dataset: DatasetName;
  ebt: boolean;
  epochs: number;
  /** Train on the first N training graphs and the first N validation graphs (absent: all of them). */
  subset?: number;
  /** The MA scan after every epoch (and before the first) runs on the first N test graphs. */
  scanGraphs: number;
}

export type TrainingProgress =
  | {
      kind: 'started';
      runId: string;
      config: ModelConfig;
      trainGraphs: number;
      valGraphs: number;
      scanGraphs: number;
      batchesPerEpoch: number;
    }
  /** Batch `batch` (1-based) of epoch `epoch` (1-based) is about to run. */
  | { kind: 'batch'; runId: string; epoch: number; batch: number; batchesPerEpoch: number }
  /** Batch `batch` of epoch `epoch` has run; its training loss. */
  | { kind: 'batchLoss'; runId: string; epoch: number; batch: number; batchesPerEpoch: number; loss: number }
  /** The base model's MA scan (epoch 0) or an epoch's record with its MA scan. */
  | {
      kind: 'epoch';
      runId: string;
      record: EpochRecord | null;
      ma: MaEpochStats;
      /**
       * The run after this epoch, resumable (trainingSnapshots.ts): sent with the progress because a page's request
       * to a worker busy training on wasm waits until the run ends.
       */
      snapshot?: ResumableCheckpoint;
    };

export interface TrainingRunResult {
  runId: string;
  stopReason: 'min-lr' | 'max-epochs' | 'time-budget' | 'cancelled' | 'running';
  history: EpochRecord[];
  maHistory: MaEpochStats[];
  elapsedSeconds: number;
  backend: string;
  /** Live tfjs tensors in the engine once the run is over (the trained model's weights included). */
  numTensors: number;
}

/** A checkpoint as files: model.json's content and weights.bin's bytes. */
export interface CheckpointFiles {
  modelJson: unknown;
  weights: ArrayBuffer;
}

/** The training record a served checkpoint carries (per-epoch losses and MA statistics), for the MA chart. */
export interface RecordedTraining {
  entryId: string;
  metricName: string;
  history: EpochRecord[];
  maHistory: MaEpochStats[];
}

export type { ModelEntry };
