import { describe, expect, it } from 'vitest';
import type { MoleculeAnalysis } from '../../../src/engine/api';
import { bondsWithSameRatio, sameKindNote } from '../../../src/ui/molecule/sameKind';

const analysis = (bondRatios: number[][]) =>
  ({ bondRatios: bondRatios.map((r) => Float64Array.from(r)) }) as unknown as MoleculeAnalysis;

describe('bonds that read the same ratio', () => {
  const a = analysis([
    [3090.4, 3090.4, 2465.4, 3090.4000001, NaN],
    [10, 20, 30, 40, NaN],
  ]);

  it('finds the others with an equal ratio in that layer, never NaN ones', () => {
    expect(bondsWithSameRatio(a, 0, 0)).toEqual([1, 3]);
    expect(bondsWithSameRatio(a, 0, 2)).toEqual([]);
    expect(bondsWithSameRatio(a, 0, 4)).toEqual([]);
    expect(bondsWithSameRatio(a, 1, 0)).toEqual([]);
  });

  it('explains layer 1 by atom and bond types, and says nothing for a unique ratio', () => {
    expect(sameKindNote(a, 0, 0)).toMatch(/2 other bonds \(1, 3\).*layer 1.*atom types and its bond type/);
    expect(sameKindNote(a, 0, 2)).toBeNull();
  });
});
