/**
 * `npm run cli -- redistribution --model DIR --dataset D --split S --json OUT
 *                                [--limit N] [--threshold T] [--mode zero|median] [--steps S] [--target T] [--top-k K]`
 *
 * Writes the redistribution table: per bond type, the share of the split's total |attribution| before and after
 * ablating every massive feature (per method: occlusion, MA ablation, gradient x input, integrated gradients), and
 * the Spearman correlation between bonds' MA ratios and |attribution|, and each method's mean fidelity+ / fidelity- /
 * sparsity at its top-k bonds (PyTorch Geometric's fidelity, DIG's sparsity). NaN is written as null.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { createNodeEngine } from '../engine/node';
import { redistribution } from '../explain/redistribution';
import { disposeParams } from '../gnn/params';
import { checkpointOnSplit } from './checkpointOnSplit';
import { finiteOrNull } from './json';
import { UsageError } from './usage';
import { decimal, oneOf, readOptions, wholeNumber } from './options';
import { DATASETS } from '../gnn/config';
import { SPLIT_NAMES } from '../data/split';

const FLAGS = {
  model: { type: 'string' },
  dataset: { type: 'string' },
  split: { type: 'string', default: 'test' },
  limit: { type: 'string' },
  threshold: { type: 'string', default: '1000' },
  mode: { type: 'string', default: 'zero' },
  steps: { type: 'string', default: '32' },
  target: { type: 'string', default: '0' },
  'top-k': { type: 'string', default: '3' },
  json: { type: 'string' },
} as const;

const OPTIONS = z.object({
  model: z.string().optional(),
  dataset: oneOf(DATASETS).optional(),
  split: oneOf(SPLIT_NAMES),
  limit: wholeNumber(1, 10_000_000).optional(),
  threshold: decimal(0, 1e12, { exclusiveMin: true }),
  mode: oneOf(['zero', 'median']),
  steps: wholeNumber(1, 1024),
  target: wholeNumber(0, 11),
  'top-k': wholeNumber(1, 1000),
  json: z.string().optional(),
});

export async function redistributionCommand(argv: string[]): Promise<unknown> {
  const values = readOptions('redistribution', argv, FLAGS, OPTIONS);
  if (!values.model || !values.dataset)
    throw new UsageError('redistribution needs --model DIR --dataset D [--split S] --json OUT');
  const backend = (await createNodeEngine().info()).name;
  const { model, data, graphs } = await checkpointOnSplit({
    model: values.model,
    dataset: values.dataset,
    split: values.split,
    limit: values.limit,
  });
  const started = performance.now();
  const table = await redistribution(model, graphs, data.spec, {
    threshold: values.threshold,
    mode: values.mode,
    steps: values.steps,
    target: values.target,
    topK: values['top-k'],
    onProgress: (done, total) => process.stderr.write(`\rattributed ${done} / ${total} molecules`),
  });
  process.stderr.write('\n');
  disposeParams(model.params);
  const clean = JSON.parse(
    JSON.stringify(table, (_key, value) => (typeof value === 'number' ? finiteOrNull(value) : value)),
  );
  const report = {
    model: values.model,
    dataset: values.dataset,
    split: values.split,
    backend,
    seconds: (performance.now() - started) / 1000,
    ...clean,
  };
  if (values.json) await writeFile(values.json, JSON.stringify(report, null, 1));
  return report;
}
