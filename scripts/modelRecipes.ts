/**
 * The checkpoints the app ships and how each is made (CATALOGUE), and the export of a finished run to
 * public/models/<id> as float16 (exportRun, rebuildIndex). Used by scripts/models.ts and scripts/campaign.ts.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BEST_FOLDER, readModelJson, toArrayBuffer } from '../src/cli/checkpointFiles';
import type { LoadedDataset } from '../src/data/bundleRead';
import type { Model } from '../src/gnn/model';
import { folderBundleSource } from '../src/data/bundleNode';
import { loadBundle } from '../src/data/bundleRead';
import { decodeCheckpoint, type ModelJson } from '../src/gnn/checkpoint';
import { DATASETS, MODEL_KINDS } from '../src/gnn/config';
import { quantizeWeightsToFloat16 } from '../src/gnn/float16Weights';
import { METRIC } from '../src/gnn/metrics';
import { disposeParams } from '../src/gnn/params';
import { evaluate } from '../src/gnn/train';
import { parseModelIndex, VARIANTS, type ModelIndexEntry } from '../src/gnn/modelIndex';

export const PUBLIC = 'public/models';

export interface Recipe {
  id: string;
  args: string[];
}

/**
 * Paper depth and widths (docs/METHOD.md §6) for every variant, except GT on TOX21, shipped 96 wide, and TU PROTEINS
 * trained on 64-graph batches (config.ts, NARROW); base = the same config, untrained.
 */
const presetFor = (model: string, dataset: string) =>
  model === 'gt' && dataset === 'tox21'
    ? 'narrow-gt-tox21'
    : dataset === 'proteins'
      ? `tu-${model}-proteins`
      : `paper-${model}-${dataset}`;
export const CATALOGUE: Recipe[] = MODEL_KINDS.flatMap((model) =>
  DATASETS.flatMap((dataset) =>
    VARIANTS.map((variant) => ({
      id: `${model}-${dataset}-${variant}`,
      args: [
        '--preset',
        presetFor(model, dataset),
        '--dataset',
        dataset,
        ...(variant === 'ebt' ? ['--ebt'] : []),
        ...(variant === 'base' ? ['--epochs', '0'] : ['--scan-every', '1']),
        // TU PROTEINS (1113 graphs) overfits long before the paper's stop: ship its best-validation epoch.
        ...(dataset === 'proteins' && variant !== 'base' ? ['--keep-best'] : []),
      ],
    })),
  ),
);

/**
 * Experiment checkpoints beyond the base/trained/EBT grid (issue 19), trained with the same CLI: not in CATALOGUE, so
 * the campaign does not queue them; `npm run models:train -- --only ID` trains one.
 * - `*-ebt-paper`: SAN and GraphiT with the released code's EBT, whose exp(c) overwrites the attention weights
 *   (docs/METHOD.md §5.2), at the paper's config: what the paper's "EBT" numbers for these models measured.
 * - `gt-zinc-noedge-*`: the v3 code's NoEdge control, GT without edge features in the attention (§10.2).
 * - `gt-zinc-global-*`: GT trained with a virtual node on every molecule, bond types 4 (atom -> node) and 5 (node ->
 *   atom), the v3 heatmap "gt_zinc_global_4_5"; `gt-zinc-random-types-trained`: every bond type drawn from {1,2,3}
 *   once per molecule, the stored code's "gt_zinc_random_edges" (§10.2).
 */
export const EXPERIMENTS: Recipe[] = [
  ...(['san', 'graphit'] as const).map((model) => ({
    id: `${model}-zinc-ebt-paper`,
    args: ['--preset', `paper-${model}-zinc`, '--dataset', 'zinc', '--ebt', '--ebt-form', 'paper', '--scan-every', '1'],
  })),
  { id: 'gt-zinc-noedge-base', args: ['--preset', 'paper-gt-zinc-noedge', '--dataset', 'zinc', '--epochs', '0'] },
  {
    id: 'gt-zinc-noedge-trained',
    args: ['--preset', 'paper-gt-zinc-noedge', '--dataset', 'zinc', '--scan-every', '1'],
  },
  {
    id: 'gt-zinc-global-base',
    args: ['--preset', 'paper-gt-zinc', '--dataset', 'zinc', '--global-node', '--epochs', '0'],
  },
  {
    id: 'gt-zinc-global-trained',
    args: ['--preset', 'paper-gt-zinc', '--dataset', 'zinc', '--global-node', '--scan-every', '1'],
  },
  {
    id: 'gt-zinc-random-types-trained',
    args: ['--preset', 'paper-gt-zinc', '--dataset', 'zinc', '--random-bond-types', '--scan-every', '1'],
  },
];

/**
 * Copies a run to public/models with float16 weights (float16Weights.ts: 27 float32 checkpoints would exceed the
 * 40 MB budget) and records the metrics of the weights as shipped; the run's float32 metrics stay beside them.
 */
export async function exportRun(id: string, run: string): Promise<void> {
  if (!existsSync(join(run, 'model.json'))) throw new Error(`${run} has no checkpoint to export`);
  // A run trained with --keep-best ships its best-validation epoch; the record says where the run itself stopped.
  const best = join(run, BEST_FOLDER);
  const from = existsSync(join(best, 'model.json')) ? best : run;
  const json = (await readModelJson(from)) as ModelJson & { training: Record<string, unknown> };
  if (from === best) {
    const whole = (await readModelJson(run)).training;
    json.training.selection = {
      by: 'best-validation',
      epoch: json.training.epochs,
      runEpochs: whole.epochs,
      runStopReason: whole.stopReason,
      runMetrics: whole.metrics,
    };
  }
  delete json.optimizerManifest;
  delete json.trainingState;
  json.id = id;
  const weights = toArrayBuffer(await readFile(join(from, 'weights.bin')));
  const data = await loadBundle(json.config.dataset, folderBundleSource());
  // A best-validation copy was saved mid-run, before any final evaluation: measure its float32 weights here.
  if (Object.keys(json.training.metrics as object).length === 0)
    json.training.metrics = await metricsOf(decodeCheckpoint(json, weights), data);
  const half = quantizeWeightsToFloat16(
    json.weightsManifest.flatMap((g) => g.weights),
    weights,
  );
  json.weightsManifest = [{ paths: ['weights.bin'], weights: half.specs }];
  const metricName = METRIC[json.config.dataset].name;
  const metrics = await metricsOf(decodeCheckpoint(json, half.data), data);
  json.training.metricsFloat32 = json.training.metricsFloat32 ?? json.training.metrics;
  json.training.metrics = metrics;
  json.training.weightsDtype = 'float16';
  if (half.keptFloat32.length) json.training.weightsKeptFloat32 = half.keptFloat32;
  await mkdir(join(PUBLIC, id), { recursive: true });
  await writeFile(join(PUBLIC, id, 'weights.bin'), new Uint8Array(half.data));
  await writeFile(join(PUBLIC, id, 'model.json'), JSON.stringify(json, null, 1) + '\n');
  const kept = half.keptFloat32.length ? ` (float32 beyond float16's range: ${half.keptFloat32.join(', ')})` : '';
  console.log(`${id}: exported as float16${kept}, test ${metricName} ${metrics.test[metricName]}`);
}

/** Loss and metric of a model on every split (and disposes of it). */
async function metricsOf(model: Model, data: LoadedDataset): Promise<Record<string, Record<string, number>>> {
  const name = METRIC[model.config.dataset].name;
  const metrics: Record<string, Record<string, number>> = {};
  for (const split of ['train', 'val', 'test'] as const) {
    const evaluation = await evaluate(model, data.splits[split], data.spec, 256);
    metrics[split] = { loss: evaluation.loss, [name]: evaluation.metric };
  }
  disposeParams(model.params);
  return metrics;
}

export async function rebuildIndex(): Promise<void> {
  const entries: ModelIndexEntry[] = [];
  for (const id of (await readdir(PUBLIC, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const json = JSON.parse(await readFile(join(PUBLIC, id, 'model.json'), 'utf8'));
    entries.push({
      id,
      model: json.config.model,
      dataset: json.config.dataset,
      variant: json.training.variant,
      path: id,
      config: json.config,
      epochs: json.training.epochs,
      wallSeconds: json.training.wallSeconds,
      metrics: json.training.metrics,
      weightsBytes: (await stat(join(PUBLIC, id, 'weights.bin'))).size,
    });
  }
  const index = parseModelIndex({ format: 'ma-explorer-models', version: 1, models: entries });
  await writeFile(join(PUBLIC, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  console.log(
    `index.json lists ${entries.length} checkpoints, ${entries.reduce((n, e) => n + e.weightsBytes, 0)} bytes of weights`,
  );
}
