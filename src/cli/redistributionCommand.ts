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
import { parseArgs } from 'node:util';
import { createNodeEngine } from '../engine/node';
import { redistribution } from '../explain/redistribution';
import { disposeParams } from '../gnn/params';
import { checkpointOnSplit } from './checkpointOnSplit';
import { finiteOrNull } from './json';
import { UsageError } from './usage';

export async function redistributionCommand(argv: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: argv,
    options: {
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
    },
  });
  if (!values.model || !values.dataset)
    throw new UsageError('redistribution needs --model DIR --dataset D [--split S] --json OUT');
  if (values.mode !== 'zero' && values.mode !== 'median')
    throw new UsageError(`--mode must be zero or median (got ${values.mode})`);
  const backend = (await createNodeEngine().info()).name;
  const { model, data, graphs } = await checkpointOnSplit({
    model: values.model,
    dataset: values.dataset,
    split: values.split!,
    limit: values.limit,
  });
  const started = performance.now();
  const table = await redistribution(model, graphs, data.spec, {
    threshold: Number(values.threshold),
    mode: values.mode,
    steps: Number(values.steps),
    target: Number(values.target),
    topK: Number(values['top-k']),
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
