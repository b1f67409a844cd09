/**
 * The ZINC benchmark's 28 atom types (benchmarking-gnns `atom_dict`, in its index order) and its bond types.
 * A type is the element, then `H<n>` when the atom has n > 0 explicit H and is not a neutral aromatic atom, then
 * `+` or `-` for the charge sign (shared/data/zinc/SOURCE.md). Bond types: 1 single, 2 double, 3 triple (Kekulé);
 * index 0 ("no bond") is in the vocabulary but never on an edge.
 */

export const ZINC_ATOM_TYPES = [
  'C', 'O', 'N', 'F', 'C H1', 'S', 'Cl', 'O -', 'N H1 +', 'Br', 'N H3 +', 'N H2 +', 'N +', 'N -', 'S -', 'I', 'P',
  'O H1 +', 'N H1 -', 'O +', 'S +', 'P H1', 'P H2', 'C H2 -', 'P +', 'S H1 +', 'C H1 -', 'P H1 +',
] as const; // prettier-ignore

export const ZINC_BOND_TYPES = ['NONE', 'SINGLE', 'DOUBLE', 'TRIPLE'] as const;
export const ZINC_ATOM_VOCAB = ZINC_ATOM_TYPES.length; // 28
export const ZINC_BOND_VOCAB = ZINC_BOND_TYPES.length; // 4

const INDEX = new Map<string, number>(ZINC_ATOM_TYPES.map((type, i) => [type, i]));

export function zincTypeIndex(type: string): number | undefined {
  return INDEX.get(type);
}

export interface ZincTypeParts {
  element: string;
  hydrogens: number;
  charge: -1 | 0 | 1;
}

/** Splits a type such as 'N H1 +' into its element, H count and charge sign. */
export function zincTypeParts(type: string): ZincTypeParts {
  const [element, ...rest] = type.split(' ');
  let hydrogens = 0;
  let charge: ZincTypeParts['charge'] = 0;
  for (const part of rest) {
    if (part === '+') charge = 1;
    else if (part === '-') charge = -1;
    else hydrogens = Number(part.slice(1));
  }
  return { element, hydrogens, charge };
}

/** The type string of an atom by the benchmark's rule. */
export function zincTypeOf(atom: {
  element: string;
  explicitHs: number;
  aromatic: boolean;
  formalCharge: number;
}): string {
  let type = atom.element;
  if (atom.explicitHs > 0 && !(atom.aromatic && atom.formalCharge === 0)) type += ` H${atom.explicitHs}`;
  if (atom.formalCharge !== 0) type += atom.formalCharge > 0 ? ' +' : ' -';
  // The benchmark only has charges of ±1; a larger one gets its size written out, so it matches no type.
  if (Math.abs(atom.formalCharge) > 1) type += String(Math.abs(atom.formalCharge));
  return type;
}
