/**
 * The hostile corpus (scripts/hostile), a bounded sample: a few fast cases of every kind through the real code.
 * `npm run hostile` runs all of it. Nothing may crash, hang or be wrong, and under 1% may be unclear.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus, sampleCorpus } from '../../../scripts/hostile/corpus';
import { countsTable, runCorpus } from '../../../scripts/hostile/run';
import { KINDS } from '../../../scripts/hostile/types';

const PER_KIND = 12;

describe('hostile corpus (sample)', () => {
  it(`answers ${PER_KIND} cases of each input kind cleanly`, async () => {
    const corpus = buildCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    const run = await runCorpus({ indices: sampleCorpus(corpus, PER_KIND) });
    const bad = run.cases.filter((c) => ['crash', 'hang', 'wrong'].includes(c.result.outcome));
    const unclear = run.cases.filter((c) => c.result.outcome === 'unclear');
    const report = `${countsTable(run.counts)}\n${[...bad, ...unclear]
      .map((c) => `${c.result.outcome} ${c.kind} #${c.index} ${c.name}: ${c.result.detail}`)
      .join('\n')}`;
    expect(new Set(run.cases.map((c) => c.kind))).toEqual(new Set(KINDS));
    expect(bad, report).toEqual([]);
    expect(unclear.length, report).toBeLessThanOrEqual(Math.floor(run.cases.length / 100));
  }, 170_000);
});
