/** The common start of commands that run a checkpoint over a dataset split: load both, check they fit. */
import { folderBundleSource } from '../data/bundleNode';
import { loadBundle } from '../data/bundleRead';
import type { Graph } from '../data/graph';
import { loadModelArgument } from './modelArgument';
import { UsageError } from './usage';

export async function checkpointOnSplit(options: {
  model: string;
  dataset: string;
  split: string;
  limit?: string;
  'model-kind'?: string;
  heads?: string;
}) {
  const { model, modelJson } = await loadModelArgument(options);
  if (model.config.dataset !== options.dataset)
    throw new UsageError(
      `the model was trained on ${model.config.dataset}; --dataset ${options.dataset} does not fit it`,
    );
  const data = await loadBundle(options.dataset, folderBundleSource());
  const split: Graph[] | undefined = data.splits[options.split as keyof typeof data.splits];
  if (!split) throw new UsageError(`--split must be train, val or test (got ${options.split})`);
  const limit = options.limit === undefined ? split.length : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a positive integer (got ${options.limit})`);
  return { model, modelJson, data, graphs: split.slice(0, limit) };
}
