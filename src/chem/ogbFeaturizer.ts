/**
 * OGB-style categorical features (ogb/utils/features.py), as ogbg-moltox21 and the paper's SAN/GraphiT runs use:
 * 9 atom columns with vocabulary sizes [119, 4, 12, 12, 10, 6, 6, 2, 2] and 3 bond columns [5, 6, 2]. Values
 * outside a list fall into its last ("misc") entry. Chirality has OGB's original four tags; RDKit's newer tags
 * (allene, square planar, ...) land in CHI_OTHER, its last entry, the same way.
 */
import type { BondStereo, ChiralTag, Hybridization, Molecule, MoleculeAtom, MoleculeBond } from './molecule';

export const OGB_ATOM_COLUMNS = [
  'atomic number',
  'chirality',
  'degree',
  'formal charge',
  'number of H',
  'radical electrons',
  'hybridisation',
  'aromatic',
  'in ring',
] as const;
export const OGB_BOND_COLUMNS = ['bond type', 'stereo', 'conjugated'] as const;
export const OGB_ATOM_VOCAB = [119, 4, 12, 12, 10, 6, 6, 2, 2] as const;
export const OGB_BOND_VOCAB = [5, 6, 2] as const;

/** Human-readable values of each column, index = feature value (what the UI shows for an atom or bond). */
export const OGB_ATOM_VALUES: readonly (readonly string[])[] = [
  [...Array.from({ length: 118 }, (_, i) => String(i + 1)), 'misc'],
  ['CHI_UNSPECIFIED', 'CHI_TETRAHEDRAL_CW', 'CHI_TETRAHEDRAL_CCW', 'CHI_OTHER'],
  [...Array.from({ length: 11 }, (_, i) => String(i)), 'misc'],
  [...Array.from({ length: 11 }, (_, i) => String(i - 5)), 'misc'],
  [...Array.from({ length: 9 }, (_, i) => String(i)), 'misc'],
  [...Array.from({ length: 5 }, (_, i) => String(i)), 'misc'],
  ['SP', 'SP2', 'SP3', 'SP3D', 'SP3D2', 'misc'],
  ['false', 'true'],
  ['false', 'true'],
];
export const OGB_BOND_VALUES: readonly (readonly string[])[] = [
  ['SINGLE', 'DOUBLE', 'TRIPLE', 'AROMATIC', 'misc'],
  ['STEREONONE', 'STEREOZ', 'STEREOE', 'STEREOCIS', 'STEREOTRANS', 'STEREOANY'],
  ['false', 'true'],
];

const CHIRALITY: ChiralTag[] = ['CHI_UNSPECIFIED', 'CHI_TETRAHEDRAL_CW', 'CHI_TETRAHEDRAL_CCW', 'CHI_OTHER'];
const HYBRIDIZATION: Hybridization[] = ['SP', 'SP2', 'SP3', 'SP3D', 'SP3D2'];
const STEREO: BondStereo[] = ['STEREONONE', 'STEREOZ', 'STEREOE', 'STEREOCIS', 'STEREOTRANS', 'STEREOANY'];

/** Index of an integer in [low, high], else the misc index (high - low + 1). */
function bucket(value: number, low: number, high: number): number {
  return value >= low && value <= high ? value - low : high - low + 1;
}

function indexOrLast<T>(list: readonly T[], value: T, last: number): number {
  const i = list.indexOf(value);
  return i >= 0 ? i : last;
}

export function ogbAtomFeatures(atom: MoleculeAtom): number[] {
  return [
    bucket(atom.atomicNumber, 1, 118),
    indexOrLast(CHIRALITY, atom.chirality, 3),
    bucket(atom.degree + atom.totalHs, 0, 10), // RDKit's GetTotalDegree
    bucket(atom.formalCharge, -5, 5),
    bucket(atom.totalHs, 0, 8),
    bucket(atom.radicalElectrons, 0, 4),
    indexOrLast(HYBRIDIZATION, atom.hybridization, 5),
    atom.aromatic ? 1 : 0,
    atom.inRing ? 1 : 0,
  ];
}

export function ogbBondFeatures(bond: MoleculeBond): number[] {
  const type = bond.aromatic ? 3 : bond.order >= 1 && bond.order <= 3 ? bond.order - 1 : 4;
  return [type, STEREO.indexOf(bond.stereo), bond.conjugated ? 1 : 0];
}

/** Row-major feature arrays of a molecule: [atoms * 9] and [bonds * 3]. */
export function ogbFeatures(molecule: Molecule): { nodeFeatures: Int32Array; bondFeatures: Int32Array } {
  return {
    nodeFeatures: Int32Array.from(molecule.atoms.flatMap(ogbAtomFeatures)),
    bondFeatures: Int32Array.from(molecule.bonds.flatMap(ogbBondFeatures)),
  };
}
