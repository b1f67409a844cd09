/** The common start of commands that run a checkpoint over a dataset split: load both, check they fit. */
import { folderBundleSource } from '../data/bundleNode';
import { loadBundle } from '../data/bundleRead';
import type { Graph } from '../data/graph';
import type { SplitName } from '../data/split';
import { loadModelArgument } from './modelArgument';
import { UsageError } from './usage';

export async function checkpointOnSplit(options: {
  model: string;
  dataset: string;
  split: SplitName;
  limit?: number;
  'model-kind'?: string;
  heads?: string;
  'ebt-form'?: string;
}) {
  const { model, modelJson } = await loadModelArgument(options);
  if (model.config.dataset !== options.dataset)
    throw new UsageError(
      `the model was trained on ${model.config.dataset}; --dataset ${options.dataset} does not fit it`,
    );
  const data = await loadBundle(options.dataset, folderBundleSource());
  const split: Graph[] = data.splits[options.split];
  const limit = options.limit ?? split.length;
  return { model, modelJson, data, graphs: split.slice(0, limit) };
}
