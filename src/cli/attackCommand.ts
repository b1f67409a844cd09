/**
 * `npm run cli -- attack --model DIR --dataset D [--split val] [--sigma 0.01,0.0316,0.1] [--max-epochs N]
 *                        [--seed S] [--batch-size B] [--limit N] [--ma-threshold T] --json OUT`
 *
 * The paper's robustness experiment (docs/METHOD.md §11) on a frozen checkpoint: per σ, the loss with random noise
 * of std σ on the input embeddings, the loss once the noise pattern is optimised to raise it, and
 * GAIN = L_opt / L_rand − 1. Writes `{model, dataset, split, backend, maxEpochs, seconds, results: [{sigma,
 * lossRandom, lossOptimised, gain, epochs, stopReason, finalLr[, maShare]}]}`. The paper runs up to 1000 epochs
 * (until lr < 1e-6); `--max-epochs` caps that, and the JSON says which cap was used. Progress goes to stderr.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { SPLIT_NAMES } from '../data/split';
import { createNodeEngine } from '../engine/node';
import { attack, PAPER_SIGMAS } from '../explain/attack';
import { DATASETS } from '../gnn/config';
import { disposeParams } from '../gnn/params';
import { checkpointOnSplit } from './checkpointOnSplit';
import { finiteOrNull } from './json';
import { decimal, oneOf, readOptions, wholeNumber } from './options';
import { UsageError } from './usage';

const FLAGS = {
  model: { type: 'string' },
  dataset: { type: 'string' },
  split: { type: 'string', default: 'val' },
  sigma: { type: 'string', default: PAPER_SIGMAS.join(',') },
  'max-epochs': { type: 'string', default: '1000' },
  seed: { type: 'string', default: '41' },
  'batch-size': { type: 'string', default: '128' },
  limit: { type: 'string' },
  'ma-threshold': { type: 'string' },
  json: { type: 'string' },
} as const;

const sigmaValue = decimal(0, 100, { exclusiveMin: true });
const OPTIONS = z.object({
  model: z.string().optional(),
  dataset: oneOf(DATASETS).optional(),
  split: oneOf(SPLIT_NAMES),
  /** 1 to 16 comma-separated noise levels, each in (0, 100]. */
  sigma: z.string().superRefine((text, ctx) => {
    const parts = text.split(',');
    if (parts.length > 16) ctx.addIssue({ code: 'custom', message: 'takes at most 16 comma-separated values' });
    else if (!parts.every((p) => sigmaValue.safeParse(p).success))
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated numbers greater than 0 and at most 100' });
  }),
  'max-epochs': wholeNumber(0, 100_000),
  seed: wholeNumber(0, 2 ** 31 - 1),
  'batch-size': wholeNumber(1, 4096),
  limit: wholeNumber(1, 10_000_000).optional(),
  'ma-threshold': decimal(0, 1e12, { exclusiveMin: true }).optional(),
  json: z.string().optional(),
});

export async function attackCommand(argv: string[]): Promise<unknown> {
  const values = readOptions('attack', argv, FLAGS, OPTIONS);
  if (!values.model || !values.dataset)
    throw new UsageError('attack needs --model DIR --dataset D [--split val] [--sigma 0.01,0.0316,0.1] --json OUT');
  const sigmas = values.sigma.split(',').map(Number);
  const backend = (await createNodeEngine().info()).name;
  const { model, data, graphs } = await checkpointOnSplit({
    model: values.model,
    dataset: values.dataset,
    split: values.split,
    limit: values.limit,
  });
  const started = performance.now();
  try {
    const results = await attack(model, graphs, data.spec, {
      sigmas,
      maxEpochs: values['max-epochs'],
      seed: values.seed,
      batchSize: values['batch-size'],
      maThreshold: values['ma-threshold'],
      onEpoch: (p) =>
        process.stderr.write(
          `sigma ${p.sigma}: epoch ${p.epoch}, loss ${p.loss.toFixed(5)}, lr ${p.lr.toExponential(2)}\n`,
        ),
    });
    const report = {
      model: values.model,
      dataset: values.dataset,
      split: values.split,
      graphs: graphs.length,
      backend,
      maxEpochs: values['max-epochs'],
      seed: values.seed,
      batchSize: values['batch-size'],
      seconds: (performance.now() - started) / 1000,
      results: JSON.parse(
        JSON.stringify(results, (_key, value) => (typeof value === 'number' ? finiteOrNull(value) : value)),
      ),
    };
    if (values.json) await writeFile(values.json, JSON.stringify(report, null, 1));
    return report;
  } finally {
    disposeParams(model.params);
  }
}
