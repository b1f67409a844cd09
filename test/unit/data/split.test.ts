/** Seeded random and scaffold splits; Murcko scaffolds against known answers. */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMolecule } from '../../../src/chem/molecule';
import { initRDKit } from '../../../src/chem/rdkit';
import { murckoScaffoldSmiles } from '../../../src/chem/scaffold';
import { randomSplit, scaffoldSplit } from '../../../src/data/split';

beforeAll(async () => {
  await initRDKit();
});

describe('randomSplit', () => {
  it('is 80/10/10, disjoint, complete and the same for the same seed', () => {
    const split = randomSplit(1113, 7);
    expect([split.train.length, split.val.length, split.test.length]).toEqual([890, 112, 111]);
    expect(new Set([...split.train, ...split.val, ...split.test]).size).toBe(1113);
    expect(randomSplit(1113, 7)).toEqual(split);
    expect(randomSplit(1113, 8).test).not.toEqual(split.test);
  });
});

describe('scaffoldSplit', () => {
  it('puts whole scaffold groups in one split, largest groups in train first', () => {
    const keys = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'c', 'd'];
    const split = scaffoldSplit(keys);
    expect(split).toEqual({ train: [0, 1, 2, 3, 4, 5, 6, 7], val: [9], test: [8] });
  });
});

describe('murckoScaffoldSmiles', () => {
  it.each([
    ['CCc1ccccc1', 'c1ccccc1'],
    ['CCCC', ''],
    ['O=C1CCCCC1CC', 'O=C1CCCCC1'],
    ['Cn1ccc2ccccc21', 'c1ccc2[nH]ccc2c1'],
    ['c1ccccc1CCOC(=O)c1ccncc1', 'O=C(OCCc1ccccc1)c1ccncc1'],
  ])('%s -> %s', (smiles, scaffold) => {
    expect(murckoScaffoldSmiles(parseMolecule(smiles))).toBe(scaffold);
  });
});
