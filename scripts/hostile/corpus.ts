/** The seeded hostile corpus: every input kind the app and the CLI read, built the same way from a seed. */
import { checkpointCases, cliCases, urlCases } from './genOther';
import { csvCases, sdfCases, smilesCases } from './genChem';
import { gzipCases, ogbCases, tuCases } from './genFiles';
import { rng } from './random';
import type { HostileCase } from './types';

export const DEFAULT_SEED = 14;

export function buildCorpus(seed = DEFAULT_SEED): HostileCase[] {
  const r = rng(seed);
  return [
    ...smilesCases(r),
    ...csvCases(r),
    ...sdfCases(r),
    ...tuCases(r),
    ...ogbCases(r),
    ...gzipCases(r),
    ...checkpointCases(r),
    ...cliCases(r),
    ...urlCases(r),
  ];
}

/** A fixed share of every kind (fast cases only), for npm test. */
export function sampleCorpus(corpus: HostileCase[], perKind: number, seed = DEFAULT_SEED): number[] {
  const r = rng(seed + 1);
  const byKind = new Map<string, number[]>();
  corpus.forEach((c, i) => {
    if (c.slow) return;
    byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), i]);
  });
  const chosen: number[] = [];
  for (const indices of byKind.values()) {
    const pool = [...indices];
    for (let k = 0; k < perKind && pool.length; k++) chosen.push(...pool.splice(Math.floor(r.next() * pool.length), 1));
  }
  return chosen.sort((a, b) => a - b);
}
