/**
 * The training panel's engine side: trains a preset on a bundled dataset in the engine (worker or Node), streams
 * progress per batch and per epoch with an MA scan of a fixed set of test graphs after every epoch (and once
 * before training), and keeps the last run's model so it can be saved as a checkpoint or offered in the explorer.
 *
 * Runs are not queued behind the explorer's requests: `train` awaits every batch, so the explorer's analyses
 * interleave between batches and the molecule view stays live during a long run (tf.tidy scopes are synchronous,
 * so interleaving does not mix their tensors). One run at a time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { encodeCheckpoint, parseModelJson, type TrainingRecord } from '../gnn/checkpoint';
import { preset, type ModelConfig } from '../gnn/config';
import { METRIC } from '../gnn/metrics';
import { createModel, type Model } from '../gnn/model';
import { disposeParams } from '../gnn/params';
import { train, type EpochRecord } from '../gnn/train';
import type { DatasetLibrary } from './datasetLibrary';
import type { ModelEntry } from './explorerTypes';
import { describeConfig, modelName, variantFlags, type ModelCatalog } from './modelCatalog';
import type { ModelRegistry } from './models';
import { maEpochStats, type MaEpochStats } from './trainingMaStats';
import { resumeRun, snapshotRun, type ResumableCheckpoint } from './trainingSnapshots';
import type {
  CheckpointFiles,
  RecordedTraining,
  TrainingProgress,
  TrainingRunRequest,
  TrainingRunResult,
} from './trainingTypes';

interface Run {
  runId: string;
  modelId: string;
  model: Model;
  request: TrainingRunRequest;
  history: EpochRecord[];
  maHistory: MaEpochStats[];
  stopReason: TrainingRunResult['stopReason'];
  elapsedSeconds: number;
  backend: string;
  /** Offered in the explorer: the catalogue owns the model from then on. */
  entry: ModelEntry | null;
  cancelled: boolean;
  /** Test graphs in every MA scan (the first ones of the split). */
  scanGraphs: number;
  /** The run after its last finished epoch, resumable (trainingSnapshots.ts). */
  snapshot: ResumableCheckpoint | null;
}

export class TrainingRuns {
  private nextRun = 1;
  private last: Run | null = null;
  private running = false;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly library: DatasetLibrary,
    private readonly catalog: ModelCatalog,
  ) {}

  /** Trains from scratch, or on from `resume` (a kept snapshot of an earlier run of the same request). */
  async run(
    request: TrainingRunRequest,
    backend: string,
    onProgress: (progress: TrainingProgress) => void = () => {},
    resume?: ResumableCheckpoint,
  ): Promise<TrainingRunResult> {
    if (this.running) throw new Error('a training is already running; cancel it or wait for it to finish');
    this.running = true;
    try {
      return await this.runOnce(request, backend, onProgress, resume);
    } finally {
      this.running = false;
    }
  }

  private async runOnce(
    request: TrainingRunRequest,
    backend: string,
    onProgress: (progress: TrainingProgress) => void,
    resumeFrom?: ResumableCheckpoint,
  ): Promise<TrainingRunResult> {
    const config = runConfig(request);
    const data = await this.library.load(request.dataset);
    const subset = (graphs: typeof data.splits.train) =>
      request.subset === undefined ? graphs : graphs.slice(0, request.subset);
    const [trainSet, valSet] = [subset(data.splits.train), subset(data.splits.val)];
    const scanSet = data.splits.test.slice(0, Math.max(1, request.scanGraphs));

    const resumed = resumeFrom ? resumeRun(resumeFrom) : null;
    if (resumed && JSON.stringify(resumed.model.config) !== JSON.stringify(config)) {
      tf.dispose(resumed.resume.optimizerWeights.map((w) => w.tensor));
      disposeParams(resumed.model.params);
      throw new Error('the kept run was trained with other settings than this request');
    }
    this.disposeLast();
    const model = resumed?.model ?? createModel(config);
    const run: Run = {
      runId: `run-${this.nextRun++}`,
      modelId: this.registry.add(model),
      model,
      request,
      history: resumed?.history ?? [],
      maHistory: resumed?.maHistory ?? [],
      stopReason: 'running',
      elapsedSeconds: 0,
      backend,
      entry: null,
      cancelled: false,
      scanGraphs: scanSet.length,
      snapshot: resumeFrom ?? null,
    };
    this.last = run;
    const { runId } = run;
    const batchesPerEpoch = Math.ceil(trainSet.length / config.training.batchSize);
    onProgress({
      kind: 'started',
      runId,
      config,
      trainGraphs: trainSet.length,
      valGraphs: valSet.length,
      scanGraphs: scanSet.length,
      batchesPerEpoch,
    });

    if (!resumed) {
      const base = await maEpochStats(model, scanSet, data.spec, 0);
      run.maHistory.push(base);
      onProgress({ kind: 'epoch', runId, record: null, ma: base });
    }

    let batch = 0;
    const state = await train(model, {
      resume: resumed?.resume,
      train: trainSet,
      val: valSet,
      spec: data.spec,
      maxEpochs: request.epochs,
      // Called before every batch: the one place train() lets us see batches go by.
      shouldStop: () => {
        if (run.cancelled) return true;
        batch++;
        onProgress({ kind: 'batch', runId, epoch: run.history.length + 1, batch, batchesPerEpoch });
        return false;
      },
      onBatchLoss: (loss) =>
        onProgress({ kind: 'batchLoss', runId, epoch: run.history.length + 1, batch, batchesPerEpoch, loss }),
      onEpoch: async (record, trainingState, optimizer) => {
        batch = 0;
        const ma = await maEpochStats(model, scanSet, data.spec, record.epoch);
        run.history.push(record);
        run.maHistory.push(ma);
        run.elapsedSeconds = trainingState.elapsedSeconds;
        run.snapshot = await snapshotRun(model, this.recordOf(run), trainingState, optimizer);
        onProgress({ kind: 'epoch', runId, record, ma, snapshot: run.snapshot });
      },
    });
    if (resumed) tf.dispose(resumed.resume.optimizerWeights.map((w) => w.tensor));
    run.stopReason = state.stopReason;
    run.elapsedSeconds = state.elapsedSeconds;
    return {
      runId,
      stopReason: state.stopReason,
      history: run.history,
      maHistory: run.maHistory,
      elapsedSeconds: state.elapsedSeconds,
      backend,
      numTensors: tf.memory().numTensors,
    };
  }

  /** Stops the run after its current batch (a run that is already over is left as it is). */
  cancel(runId: string): void {
    if (this.last?.runId === runId) this.last.cancelled = true;
  }

  /** The run's model as checkpoint files (model.json names weights.bin), with its training record. */
  async checkpoint(runId: string): Promise<CheckpointFiles> {
    const encoded = await encodeCheckpoint(this.get(runId).model, this.recordOf(this.get(runId)));
    return { modelJson: encoded.modelJson, weights: encoded.weights };
  }

  /** The run after its last finished epoch as a resumable checkpoint, or null before the first epoch ends. */
  snapshot(runId: string): ResumableCheckpoint | null {
    return this.get(runId).snapshot;
  }

  private recordOf(run: Run): TrainingRecord {
    const { config } = run.model;
    const metricName = METRIC[config.dataset].name;
    const last = run.history.at(-1);
    const record: TrainingRecord = {
      variant: run.history.length === 0 ? 'base' : config.ebt ? 'ebt' : 'trained',
      epochs: run.history.length,
      wallSeconds: run.elapsedSeconds,
      backend: run.backend,
      seed: config.seed,
      metrics: last ? { val: { loss: last.valLoss, [metricName]: last.valMetric } } : {},
      stopReason: run.stopReason,
      history: run.history,
      maHistory: run.maHistory,
      trainedWith: {
        app: 'ma-explorer training panel',
        preset: run.request.preset,
        subset: run.request.subset ?? null,
        scanGraphs: run.scanGraphs,
      },
    };
    return record;
  }

  /** Offers the run's model in the explorer's model picker (for this session) and returns its entry. */
  addToCatalog(runId: string): ModelEntry {
    const run = this.get(runId);
    if (this.running && this.last === run) throw new Error('the model is still training; wait until it stops');
    if (run.entry) return run.entry;
    const { config } = run.model;
    const name = modelName(config);
    run.entry = {
      id: `session:${runId}`,
      label: `${name} · trained here, ${run.history.length} epochs (${runId})`,
      detail: `trained in this session from preset ${run.request.preset}: ${describeConfig(config)}; ${
        run.request.subset === undefined ? 'all training graphs' : `first ${run.request.subset} training graphs`
      }; not kept after a reload`,
      dataset: config.dataset,
      model: config.model,
      state: config.ebt ? 'ebt' : 'trained',
      layers: config.layers,
      heads: config.heads,
      hidden: config.hidden,
      ...variantFlags(config),
    };
    this.catalog.addSessionModel(run.entry, run.modelId);
    return run.entry;
  }

  /** The training record of a served checkpoint entry, or null when it has none (base models, other entries). */
  async recordedTraining(entryId: string): Promise<RecordedTraining | null> {
    const json = await this.catalog.checkpointModelJson(entryId);
    if (json === null) return null;
    const { training, config } = parseModelJson(json, entryId);
    const history = (training.history as EpochRecord[] | undefined) ?? [];
    const maHistory = (training.maHistory as MaEpochStats[] | undefined) ?? [];
    if (!history.length && !maHistory.length) return null;
    return { entryId, metricName: METRIC[config.dataset].name, history, maHistory };
  }

  /** The previous run's model goes unless the explorer offers it. */
  private disposeLast(): void {
    if (this.last && !this.last.entry) this.registry.dispose(this.last.modelId);
    this.last = null;
  }

  private get(runId: string): Run {
    if (this.last?.runId !== runId) throw new Error(`training run ${runId} is no longer kept; train again`);
    return this.last;
  }
}

function runConfig(request: TrainingRunRequest): ModelConfig {
  const config = preset(request.preset, { ebt: request.ebt });
  if (config.dataset !== request.dataset)
    throw new Error(`preset ${request.preset} is for ${config.dataset}, not ${request.dataset}`);
  if (!Number.isInteger(request.epochs) || request.epochs < 1 || request.epochs > 1000)
    throw new RangeError(`epochs must be a whole number from 1 to 1000 (got ${request.epochs})`);
  if (request.subset !== undefined && (!Number.isInteger(request.subset) || request.subset < 1))
    throw new RangeError(`the subset must be a whole number of graphs, at least 1 (got ${request.subset})`);
  return config;
}
