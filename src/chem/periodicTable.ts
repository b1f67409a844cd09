/**
 * The few per-element facts the chemistry code needs, copied from RDKit's periodic table (atomic_data.cpp, as
 * Debian's RDKit 2022.09 reports it): symbol, default valence (-1 = none, e.g. transition metals) and number of
 * outer-shell electrons. MinimalLib does not expose its periodic table, and conjugation.ts needs the last two.
 */

const SYMBOLS = (
  'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr ' +
  'Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir ' +
  'Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl ' +
  'Mc Lv Ts Og'
).split(' ');

// Default valence for Z = 1..118 (RDKit's first allowed valence).
const DEFAULT_VALENCE = [
  1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 4, 3, 2, 1, 0,
  1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 2, 3, 2, 1, 0, 1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 2, 3, 2, 1, 0, 1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
];

// Outer-shell electrons for Z = 1..118, one base-36 digit each.
const OUTER_ELECTRONS =
  '121234567812345678123456789ab2345678123456789ab234567812343456789abcdef456789ab234567812343456789abcdef222222222222222';

const NUMBER_OF = new Map(SYMBOLS.map((symbol, i) => [symbol, i + 1]));

/** Element symbol of atomic number z ('*' for 0, a dummy atom). */
export function elementSymbol(z: number): string {
  return z === 0 ? '*' : (SYMBOLS[z - 1] ?? `Z${z}`);
}

/** Atomic number of a symbol such as 'Cl' (undefined when it is no element). */
export function atomicNumber(symbol: string): number | undefined {
  return symbol === '*' ? 0 : NUMBER_OF.get(symbol);
}

export function defaultValence(z: number): number {
  return z >= 1 && z <= 118 ? DEFAULT_VALENCE[z - 1] : -1;
}

export function outerElectrons(z: number): number {
  return z >= 1 && z <= 118 ? parseInt(OUTER_ELECTRONS[z - 1], 36) : 0;
}
