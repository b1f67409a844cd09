/** Seeded choices for the corpus generators (mulberry32 from src/data/random.ts). */
import { seededUniform } from '../../src/data/random';

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rng(seed: number): Rng {
  const next = seededUniform(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** Valid molecules every generator builds on. */
export const GOOD_SMILES = [
  'CCO',
  'c1ccccc1O',
  'CC(=O)Oc1ccccc1C(=O)O',
  'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
  'C1CCCCC1',
  'O=C(O)CCc1ccccc1',
  'CC(C)Cc1ccc(cc1)C(C)C(=O)O',
  'N#Cc1ccccc1',
  'C/C=C/C',
  'F[C@H](Cl)Br',
  'c1ccc2ccccc2c1',
  'CCN(CC)CC',
];

/** Characters outside the SMILES alphabet that RDKit has been seen to drop or cut at. */
export const FOREIGN_CHARS = [
  '😀',
  '\u202e',
  '\u200b',
  '\u00a0',
  '\x07',
  '\x00',
  '\t',
  ' ',
  '\x1b',
  'Ｃ',
  '\ufeff',
  'é',
  '\u2028',
  '"',
  "'",
  '`',
  '<',
  '{',
  '|',
  '~',
  '!',
  '&',
  ';',
  '^',
  '?',
];

export const INJECTIONS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=alert(1)>',
  "=cmd|'/c calc'!A1",
  '{{constructor.constructor("return 1")()}}',
  '${process.exit(1)}',
];
