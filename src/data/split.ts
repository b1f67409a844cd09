/**
 * Train/val/test splits, saved with each bundle so every run uses the same one.
 * - random: seeded shuffle, then 80/10/10 (or the given fractions).
 * - scaffold: OGB's and DeepChem's scaffold split. Molecules are grouped by Bemis-Murcko scaffold; groups go, largest
 *   first (ties: the group whose first molecule comes later first, as DeepChem sorts), to train until it would pass
 *   80 %, then to val until train+val would pass 90 %, the rest to test. No randomness.
 */
import { seededUniform, shuffled } from './random';

export const SPLIT_NAMES = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
export type SplitIndices = Record<SplitName, number[]>;

export interface SplitFractions {
  train: number;
  val: number;
}

const DEFAULT_FRACTIONS: SplitFractions = { train: 0.8, val: 0.1 };

export function randomSplit(count: number, seed: number, fractions = DEFAULT_FRACTIONS): SplitIndices {
  const order = shuffled(
    Array.from({ length: count }, (_, i) => i),
    seededUniform(seed),
  );
  const trainEnd = Math.round(count * fractions.train);
  const valEnd = Math.round(count * (fractions.train + fractions.val));
  const sorted = (list: number[]) => list.sort((a, b) => a - b);
  return {
    train: sorted(order.slice(0, trainEnd)),
    val: sorted(order.slice(trainEnd, valEnd)),
    test: sorted(order.slice(valEnd)),
  };
}

/** `scaffolds[i]` is molecule i's scaffold key ('' for acyclic molecules, which then share one group). */
export function scaffoldSplit(scaffolds: readonly string[], fractions = DEFAULT_FRACTIONS): SplitIndices {
  const groups = new Map<string, number[]>();
  scaffolds.forEach((key, i) => {
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || b[0] - a[0]);
  const trainCutoff = fractions.train * scaffolds.length;
  const valCutoff = (fractions.train + fractions.val) * scaffolds.length;
  const split: SplitIndices = { train: [], val: [], test: [] };
  for (const group of ordered) {
    if (split.train.length + group.length <= trainCutoff) split.train.push(...group);
    else if (split.train.length + split.val.length + group.length <= valCutoff) split.val.push(...group);
    else split.test.push(...group);
  }
  for (const name of SPLIT_NAMES) split[name].sort((a, b) => a - b);
  return split;
}
