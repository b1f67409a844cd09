/**
 * Reads MinimalLib's `get_json()` (RDKit's commonchem-style JSON). Fields equal to the document's `defaults` block
 * are left out of each atom and bond, so every read here goes through the defaults.
 */

export interface JsonAtom {
  z: number;
  impHs: number;
  chg: number;
  nRad: number;
  isotope: number;
  stereo: string;
}

export interface JsonBond {
  atoms: [number, number];
  bo: number;
  stereo: string;
  stereoAtoms?: [number, number];
}

export interface RDKitJsonMolecule {
  atoms: JsonAtom[];
  bonds: JsonBond[];
  aromaticAtoms: Set<number>;
  aromaticBonds: Set<number>;
  /** Smallest set of smallest rings, each an ordered list of atom indices. */
  atomRings: number[][];
  /** RDKit's CIP ranks (present when stereo perception needed them). */
  cipRanks: number[] | null;
}

type Loose = Record<string, unknown>;

const ATOM_DEFAULTS: JsonAtom = { z: 6, impHs: 0, chg: 0, nRad: 0, isotope: 0, stereo: 'unspecified' };
const BOND_DEFAULTS = { bo: 1, stereo: 'unspecified' };

export function readRDKitJson(text: string): RDKitJsonMolecule {
  const doc = JSON.parse(text) as { defaults?: { atom?: Loose; bond?: Loose }; molecules?: Loose[] };
  const atomDefaults = { ...ATOM_DEFAULTS, ...doc.defaults?.atom } as JsonAtom;
  const bondDefaults = { ...BOND_DEFAULTS, ...doc.defaults?.bond };
  const molecule = doc.molecules?.[0];
  if (!molecule) throw new Error('RDKit returned no molecule');
  const atoms = ((molecule.atoms as Loose[] | undefined) ?? []).map(
    (atom) => ({ ...atomDefaults, ...atom }) as JsonAtom,
  );
  const bonds = ((molecule.bonds as Loose[] | undefined) ?? []).map(
    (bond) => ({ ...bondDefaults, ...bond }) as JsonBond,
  );
  const extensions = (molecule.extensions as Loose[] | undefined) ?? [];
  const rdkit = extensions.find((e) => e.name === 'rdkitRepresentation') ?? {};
  return {
    atoms,
    bonds,
    aromaticAtoms: new Set((rdkit.aromaticAtoms as number[] | undefined) ?? []),
    aromaticBonds: new Set((rdkit.aromaticBonds as number[] | undefined) ?? []),
    atomRings: (rdkit.atomRings as number[][] | undefined) ?? [],
    cipRanks: (rdkit.cipRanks as number[] | undefined) ?? null,
  };
}
