/** The hostile corpus's worker process: runs the cases the parent sends, one at a time, and reports each outcome. */
import { buildCorpus } from './corpus';
import { RUNNERS } from './runKinds';
import { judge, type CaseResult } from './types';

const seed = Number(process.env.HOSTILE_SEED ?? 14);
const corpus = buildCorpus(seed);
// A rejected promise nobody awaited is a crash of the case that caused it; the parent sees the exit.
process.on('unhandledRejection', (error) => {
  process.send?.({ fatal: `unhandled rejection: ${error instanceof Error ? error.message : String(error)}` });
  process.exit(3);
});

process.on('message', async (message: { index: number }) => {
  const kase = corpus[message.index];
  const start = performance.now();
  let result: CaseResult;
  try {
    const report = await RUNNERS[kase.kind](kase.data as never, kase);
    const verdict = judge(kase, report);
    result = { ...verdict, ms: report.ms ?? performance.now() - start };
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    result = {
      outcome: 'crash',
      detail: `the runner itself failed: ${detail.slice(0, 300)}`,
      ms: performance.now() - start,
    };
  }
  if (kase.deadlineMs && result.ms > kase.deadlineMs && result.outcome !== 'crash')
    result = {
      outcome: 'hang',
      detail: `took ${(result.ms / 1000).toFixed(1)} s (deadline ${kase.deadlineMs / 1000} s): ${result.detail}`,
      ms: result.ms,
    };
  process.send?.({ index: message.index, result });
});
process.send?.({ ready: true });
