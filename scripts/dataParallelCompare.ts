/**
 * One thread against two on the same training steps (gnn/dataParallel.ts): the losses of every step and, per
 * parameter tensor, the largest difference after the steps. Prints one JSON line; test/unit/dataParallel.test.ts
 * reads it (a worker thread needs tsx's loader, which a test worker does not have).
 *
 *   npx tsx scripts/dataParallelCompare.ts [preset=small-gt-zinc] [batch=48] [steps=4]
 */
import { parallelSteps } from '../src/cli/parallelSteps';

const [preset = 'small-gt-zinc', batch = '48', steps = '4'] = process.argv.slice(2);
const job = { preset, batch: Number(batch), steps: Number(steps), withParams: true };
const one = await parallelSteps(job, 1);
const two = await parallelSteps(job, 2);
const maxDifference = Object.fromEntries(
  Object.entries(one.params!).map(([name, a]) => {
    const b = two.params![name];
    return [name, a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0)];
  }),
);
console.log(
  JSON.stringify({
    job,
    losses: { one: one.losses, two: two.losses },
    replicasEqual: two.replicasEqual,
    maxDifference,
  }),
);
