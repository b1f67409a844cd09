/**
 * SMILES -> the ZINC benchmark's own encoding (28 atom types, Kekulé bond types 1-3), so ZINC models can run on any
 * molecule made of those types. Node order is RDKit's atom order for the SMILES; bond types are the Kekulé form
 * RDKit finds for the input (as the benchmark's own encoder did; its pattern still differs on a few aromatic rings,
 * see the tests).
 */
import { parseMolecule, type Molecule, type ParseOptions } from './molecule';
import { MoleculeParseError } from './rdkit';
import { zincTypeIndex, zincTypeOf } from './zincTypes';

export interface ZincEncoding {
  /** Atom type index per atom (into ZINC_ATOM_TYPES). */
  atomTypes: Int32Array;
  bondBegin: Int32Array;
  bondEnd: Int32Array;
  /** 1 single, 2 double, 3 triple. */
  bondTypes: Int32Array;
}

const ORDER_NAMES: Record<number, string> = { 0: 'unspecified', 4: 'quadruple', 12: 'aromatic', 17: 'dative' };

/** Encodes a parsed molecule; throws MoleculeParseError naming the first atom or bond ZINC cannot encode. */
export function zincEncode(molecule: Molecule): ZincEncoding {
  const atomTypes = molecule.atoms.map((atom, i) => {
    const type = zincTypeOf(atom);
    const index = zincTypeIndex(type);
    if (index === undefined)
      throw new MoleculeParseError(`atom ${i + 1} (${atom.element}) has ZINC type "${type}", not one of the 28`);
    return index;
  });
  const bondTypes = molecule.bonds.map((bond, k) => {
    if (bond.order >= 1 && bond.order <= 3) return bond.order;
    const name = ORDER_NAMES[bond.order] ?? `type ${bond.order}`;
    throw new MoleculeParseError(`bond ${k + 1} (atoms ${bond.begin + 1}-${bond.end + 1}) is ${name}; ZINC has 1-3`);
  });
  return {
    atomTypes: Int32Array.from(atomTypes),
    bondBegin: Int32Array.from(molecule.bonds, (b) => b.begin),
    bondEnd: Int32Array.from(molecule.bonds, (b) => b.end),
    bondTypes: Int32Array.from(bondTypes),
  };
}

export function zincEncodeSmiles(smiles: string, options?: ParseOptions): ZincEncoding {
  return zincEncode(parseMolecule(smiles, { ...options, inputKekule: true }));
}
