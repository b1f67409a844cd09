/**
 * `npm run cli -- train --preset NAME | --config FILE --dataset zinc|tox21|proteins --out DIR
 *                       [--epochs N] [--minutes M] [--ebt [--ebt-form intended|paper]]
 *                       [--global-node] [--random-bond-types] [--seed S] [--fresh] [--limit N] [--scan-every N]
 *                       [--threads N] [--native] [--stop-file PATH] [--keep-best]`
 *
 * Trains on the bundled dataset with the Node engine (wasm), writing a checkpoint to DIR after every epoch. If DIR
 * already holds a resumable checkpoint of the same config, training continues from it (unless --fresh).
 * `--global-node` and `--random-bond-types` train the paper's ZINC variants (docs/METHOD.md §10.2): a virtual node on
 * every molecule with bond types 4 and 5, or every bond type drawn from {1, 2, 3}; the config records them.
 * `--epochs 0` writes a base (untrained) checkpoint. `--limit N` uses the first N graphs of each split (smoke runs).
 * `--scan-every N` scans the test split every N epochs and keeps, per layer, the largest per-graph ratio, the share
 * of edges above 100 and 1000, the share of graphs with an MA and the KS statistic (record.maHistory): how MAs
 * emerge during training. The scan only observes; nothing is selected on the test split. `--threads N` trains
 * data-parallel on N threads (trainRanks.ts): the same steps as one thread up to float rounding, each thread on part
 * of every batch. `--native` (or its older name `--native-blas`) runs the matrix products through OpenBLAS and the
 * fused BatchNorm and attention kernels in C (nativeKernels.ts; on every thread with --threads), built with gcc where it can be, else it
 * says why and trains on the wasm kernels; the record's backend then reads "wasm+native". `--stop-file PATH` ends
 * training before the next epoch once PATH exists, as a spent --minutes does (the campaign's --stop). `--keep-best`
 * also keeps, in DIR/best, the checkpoint of the epoch with the best validation metric so far (ties: the lower
 * validation loss), a copy of that epoch's checkpoint without the optimizer state (best-validation selection, for
 * TU PROTEINS). Progress goes to stderr, the final record to stdout.
 */
import { readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadBundle } from '../data/bundleRead';
import { folderBundleSource } from '../data/bundleNode';
import { decodeOptimizerWeights, encodeCheckpoint, type TrainingRecord } from '../gnn/checkpoint';
import { preset, validateConfig, type ModelConfig } from '../gnn/config';
import { METRIC } from '../gnn/metrics';
import { createModel, type Model } from '../gnn/model';
import { evaluate, train, type TrainingState } from '../gnn/train';
import { createNodeEngine } from '../engine/node';
import { maEpochStats, type MaEpochStats } from '../engine/trainingMaStats';
import { useNativeKernels } from './nativeKernels';
import {
  BEST_FOLDER,
  loadCheckpointFolder,
  readModelJson,
  readOptimizerBytes,
  saveCheckpointFolder,
} from './checkpointFiles';
import { startTrainingRanks } from './trainRanks';
import { UsageError } from './usage';
import { decimal, oneOf, readOptions, wholeNumber } from './options';
import { DATASETS, EBT_FORMS, PRESET_NAMES, type EbtForm } from '../gnn/config';

const FLAGS = {
  preset: { type: 'string' },
  config: { type: 'string' },
  dataset: { type: 'string' },
  out: { type: 'string' },
  epochs: { type: 'string' },
  minutes: { type: 'string' },
  ebt: { type: 'boolean', default: false },
  'ebt-form': { type: 'string' },
  'global-node': { type: 'boolean', default: false },
  'random-bond-types': { type: 'boolean', default: false },
  seed: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  limit: { type: 'string' },
  'scan-every': { type: 'string' },
  threads: { type: 'string' },
  native: { type: 'boolean', default: false },
  'stop-file': { type: 'string' },
  'keep-best': { type: 'boolean', default: false },
  'native-blas': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

const OPTIONS = z.object({
  preset: oneOf(PRESET_NAMES as [string, ...string[]]).optional(),
  config: z.string().optional(),
  dataset: oneOf(DATASETS).optional(),
  out: z.string().optional(),
  epochs: wholeNumber(0, 100_000).optional(),
  minutes: decimal(0, 10_080, { exclusiveMin: true }).optional(),
  ebt: z.boolean(),
  'ebt-form': oneOf(EBT_FORMS).optional(),
  'global-node': z.boolean(),
  'random-bond-types': z.boolean(),
  seed: wholeNumber(0, 2 ** 31 - 1).optional(),
  fresh: z.boolean(),
  limit: wholeNumber(1, 10_000_000).optional(),
  'scan-every': wholeNumber(1, 100_000).optional(),
  threads: wholeNumber(1, 8).optional(),
  native: z.boolean(),
  'stop-file': z.string().optional(),
  'keep-best': z.boolean(),
  'native-blas': z.boolean(),
  json: z.boolean(),
});

export async function trainCommand(argv: string[]): Promise<unknown> {
  const values = readOptions('train', argv, FLAGS, OPTIONS);
  if (!values.out) throw new UsageError('train needs --out DIR');
  const config = await configFrom(values);
  let backend: string = (await createNodeEngine().info()).name;
  if (values.native || values['native-blas']) {
    const why = backend === 'wasm' ? useNativeKernels() : `the ${backend} backend has no native kernels`;
    if (why === null) backend = 'wasm+native';
    console.error(
      why === null ? 'kernels: native (OpenBLAS products, C BatchNorm and attention)' : `kernels: wasm (${why})`,
    );
  }
  const data = await loadBundle(config.dataset, folderBundleSource());
  if (values.limit !== undefined) {
    const limit = values.limit;
    for (const split of ['train', 'val', 'test'] as const) data.splits[split] = data.splits[split].slice(0, limit);
  }
  const { model, resume } = await startingPoint(values.out, config, values.fresh);
  const bestDir = join(values.out, BEST_FOLDER);
  if (!resume) await rm(bestDir, { recursive: true, force: true }); // a fresh run's best starts with it
  let best = values['keep-best'] && resume ? await bestSoFar(bestDir) : null;
  const epochs = values.epochs;
  const variant: TrainingRecord['variant'] = epochs === 0 ? 'base' : config.ebt ? 'ebt' : 'trained';

  const scanEvery = values['scan-every'] ?? 0;
  const maHistory: MaEpochStats[] = resume
    ? (((await readModelJson(values.out)).training.maHistory as MaEpochStats[] | undefined) ?? [])
    : [];
  const record = (state: TrainingState | null): TrainingRecord => ({
    variant,
    epochs: state?.epoch ?? 0,
    wallSeconds: state?.elapsedSeconds ?? 0,
    backend,
    seed: config.seed,
    metrics: {},
    stopReason: state?.stopReason ?? 'base',
    history: state?.history ?? [],
    maHistory,
  });
  const metricName = METRIC[config.dataset].name;
  const stopFile = values['stop-file'];
  const threads = values.threads ?? 1;
  if (threads > 1) console.error(`training on ${threads} threads`);
  const ranks =
    threads > 1
      ? await startTrainingRanks(
          model,
          resume?.optimizerWeights,
          data,
          threads,
          values.limit,
          backend === 'wasm+native',
        )
      : null;
  const state = await train(model, {
    step: ranks?.step,
    train: data.splits.train,
    val: data.splits.val,
    spec: data.spec,
    maxEpochs: epochs,
    timeBudgetSeconds: values.minutes !== undefined ? values.minutes * 60 : undefined,
    stopBeforeEpoch: stopFile ? () => existsSync(stopFile) : undefined,
    resume,
    onEpoch: async (r, s, optimizer) => {
      if (scanEvery > 0 && r.epoch % scanEvery === 0)
        maHistory.push(await maEpochStats(model, data.splits.test, data.spec, r.epoch));
      const checkpoint = await encodeCheckpoint(model, record(s), {
        state: s,
        optimizerWeights: await optimizer.getWeights(),
      });
      await saveCheckpointFolder(values.out!, checkpoint);
      if (values['keep-best'] && isBetter(r, best, METRIC[config.dataset].higherIsBetter)) {
        best = { valMetric: r.valMetric, valLoss: r.valLoss };
        await saveCheckpointFolder(bestDir, { modelJson: checkpoint.modelJson, weights: checkpoint.weights });
      }
      // After the save: a process whose stderr has closed (its campaign killed) dies at this write.
      console.error(
        `epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(4)}, val loss ${r.valLoss.toFixed(4)}, ` +
          `val ${metricName} ${r.valMetric.toFixed(4)}, lr ${r.lr.toExponential(2)}, ${r.seconds.toFixed(1)} s`,
      );
    },
  }).finally(() => ranks?.stop());

  // Final checkpoint with metrics on every split; it stays resumable so a later call can train on.
  const final = record(state.epoch === 0 && variant === 'base' ? null : state);
  for (const split of ['train', 'val', 'test'] as const) {
    const evaluation = await evaluate(model, data.splits[split], data.spec, config.training.batchSize);
    final.metrics[split] = { loss: evaluation.loss, [metricName]: evaluation.metric };
  }
  const optimizer = state.epoch > 0 ? await lastOptimizerState(values.out) : null;
  const checkpoint = await encodeCheckpoint(
    model,
    final,
    optimizer ? { state, optimizerWeights: optimizer } : undefined,
  );
  await saveCheckpointFolder(values.out, checkpoint);
  return { out: values.out, config, training: final };
}

async function configFrom(values: {
  preset?: string;
  config?: string;
  dataset?: string;
  ebt: boolean;
  'ebt-form'?: EbtForm;
  'global-node': boolean;
  'random-bond-types': boolean;
  seed?: number;
}) {
  let config: ModelConfig;
  const ebtForm = values['ebt-form'];
  if (ebtForm && !values.ebt && !values.config) throw new UsageError('train: --ebt-form goes with --ebt');
  if (values.preset)
    config = configOrUsage(() => preset(values.preset!, { ebt: values.ebt, seed: values.seed, ebtForm }));
  else if (values.config) {
    const json = await readConfigFile(values.config);
    config = validateConfig({
      ...json,
      ...(values.ebt ? { ebt: true } : {}),
      ...(ebtForm === 'paper' ? { ebtForm } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
    });
  } else throw new UsageError('train needs --preset NAME or --config FILE');
  // the ZINC variants (docs/METHOD.md §10.2) are set on top of any preset or config file; only `true` is written
  if (values['global-node'] || values['random-bond-types'])
    config = configOrUsage(() =>
      validateConfig({
        ...config,
        ...(values['global-node'] ? { globalNode: true } : {}),
        ...(values['random-bond-types'] ? { randomBondTypes: true } : {}),
      }),
    );
  if (values.dataset && values.dataset !== config.dataset)
    throw new UsageError(`--dataset ${values.dataset} does not match the config's dataset ${config.dataset}`);
  return config;
}

/** A config rule broken by the flags (e.g. --ebt-form paper with a GT preset) is a usage error. */
function configOrUsage(make: () => ModelConfig): ModelConfig {
  try {
    return make();
  } catch (error) {
    throw new UsageError(`train: ${(error as Error).message}`);
  }
}

async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`train: cannot read --config ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`train: --config ${path} is not a JSON object`);
}

type ValidationScore = { valMetric: number; valLoss: number };

/** Whether an epoch's validation beats the best so far: a better metric, or the same metric and a lower loss. */
export function isBetter(epoch: ValidationScore, best: ValidationScore | null, higherIsBetter: boolean): boolean {
  if (!Number.isFinite(epoch.valMetric)) return false;
  if (!best) return true;
  if (epoch.valMetric !== best.valMetric) return higherIsBetter === epoch.valMetric > best.valMetric;
  return epoch.valLoss < best.valLoss;
}

/** The validation of a kept best checkpoint (its last epoch), when there is one. */
async function bestSoFar(dir: string): Promise<ValidationScore | null> {
  if (!existsSync(join(dir, 'model.json'))) return null;
  const last = ((await readModelJson(dir)).training.history as ValidationScore[] | undefined)?.at(-1);
  return last ?? null;
}

async function startingPoint(
  out: string,
  config: ModelConfig,
  fresh: boolean,
): Promise<{ model: Model; resume?: Parameters<typeof train>[1]['resume'] }> {
  if (fresh || !existsSync(join(out, 'model.json'))) return { model: createModel(config) };
  const saved = await readModelJson(out);
  if (JSON.stringify(saved.config) !== JSON.stringify(config) || !saved.trainingState)
    return { model: createModel(config) };
  const optimizerBytes = await readOptimizerBytes(out);
  if (!optimizerBytes) return { model: createModel(config) };
  const { model } = await loadCheckpointFolder(out);
  console.error(`resuming from ${out} after epoch ${(saved.trainingState as TrainingState).epoch}`);
  return {
    model,
    resume: {
      state: saved.trainingState as TrainingState,
      optimizerWeights: decodeOptimizerWeights(saved, optimizerBytes),
    },
  };
}

async function lastOptimizerState(out: string) {
  const saved = await readModelJson(out);
  const bytes = await readOptimizerBytes(out);
  return bytes && saved.optimizerManifest ? decodeOptimizerWeights(saved, bytes) : null;
}
