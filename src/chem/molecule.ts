/**
 * Molecule: atoms and bonds as RDKit sees them, as plain data (it crosses the worker boundary by structured clone).
 * Built from a SMILES or a molblock by `parseMolecule`; 2D coordinates are computed lazily by coords.ts.
 *
 * Where each field comes from (MinimalLib exposes no per-atom API, so we read its JSON and derive the rest):
 * - element, atomic number, formal charge, total H, radical electrons, chirality tag, Kekulé bond order, aromatic
 *   flags: RDKit's JSON (`get_json()`), through its defaults block.
 * - degree: the number of bonds in that JSON (heavy-atom graph; hydrogens are removed on parsing).
 * - explicit H: the H written inside a SMILES bracket atom, i.e. `bracket ? totalHs : 0` (see smilesAtoms.ts);
 *   molblock input has no brackets, and MinimalLib does not report it, so it is 0 there.
 * - in ring: an atom in any ring of RDKit's ring list; a bond whose atoms follow each other in one of those rings.
 * - hybridisation: RDKit's own value, read with one SMARTS query per type (`[^0]`..`[^5]`).
 * - conjugated: RDKit's rule re-done in conjugation.ts (not exposed at all).
 * - bond stereo: the JSON says cis/trans relative to two reference atoms; with RDKit's CIP ranks this becomes
 *   E/Z as Python's RDKit (legacy stereo perception) reports it.
 */
import { conjugatedBonds } from './conjugation';
import { checkAtomCount, checkSmilesAlphabet } from './inputGuard';
import { elementSymbol } from './periodicTable';
import { MoleculeParseError, smartsQuery, withMol, type JSMol } from './rdkit';
import { readRDKitJson, type JsonBond, type RDKitJsonMolecule } from './rdkitJson';
import { alignBracketFlags } from './smilesAtoms';

export type Hybridization = 'S' | 'SP' | 'SP2' | 'SP3' | 'SP3D' | 'SP3D2' | 'UNSPECIFIED';
export type ChiralTag = 'CHI_UNSPECIFIED' | 'CHI_TETRAHEDRAL_CW' | 'CHI_TETRAHEDRAL_CCW' | 'CHI_OTHER';
export type BondStereo = 'STEREONONE' | 'STEREOZ' | 'STEREOE' | 'STEREOCIS' | 'STEREOTRANS' | 'STEREOANY';

export interface MoleculeAtom {
  element: string;
  atomicNumber: number;
  formalCharge: number;
  explicitHs: number;
  totalHs: number;
  aromatic: boolean;
  inRing: boolean;
  hybridization: Hybridization;
  chirality: ChiralTag;
  radicalElectrons: number;
  /** Bonds to other (heavy) atoms; add totalHs for RDKit's GetTotalDegree. */
  degree: number;
  isotope: number;
}

export interface MoleculeBond {
  begin: number;
  end: number;
  /** Kekulé order 1, 2 or 3; other values are RDKit BondType codes (0 unspecified, 4 quadruple, 17 dative). */
  order: number;
  aromatic: boolean;
  inRing: boolean;
  conjugated: boolean;
  stereo: BondStereo;
}

export interface Molecule {
  input: { format: 'smiles' | 'molblock'; text: string };
  atoms: MoleculeAtom[];
  bonds: MoleculeBond[];
}

export interface ParseOptions {
  /** Reject molecules with more heavy atoms than this (default 500). */
  maxAtoms?: number;
  /**
   * Take Kekulé bond orders from the Kekulé form RDKit finds while sanitising the input (a second parse with
   * aromaticity perception off). That is the pattern Python's Chem.Kekulize reports and the ZINC benchmark graphs
   * use; MinimalLib's JSON re-kekulises the aromatic molecule and often picks the other pattern. Default false.
   */
  inputKekule?: boolean;
}

export const DEFAULT_MAX_ATOMS = 500;
const HYBRIDIZATIONS: Hybridization[] = ['S', 'SP', 'SP2', 'SP3', 'SP3D', 'SP3D2'];
const CHIRAL_TAGS: Record<string, ChiralTag> = {
  unspecified: 'CHI_UNSPECIFIED',
  cw: 'CHI_TETRAHEDRAL_CW',
  ccw: 'CHI_TETRAHEDRAL_CCW',
};

export function looksLikeMolblock(text: string): boolean {
  return /\n/.test(text.trim()) && /M {2}END|V[23]000/.test(text);
}

/** Parses a SMILES or molblock (RDKit must be started). Throws MoleculeParseError with a message for the user. */
export function parseMolecule(
  text: string,
  { maxAtoms = DEFAULT_MAX_ATOMS, inputKekule = false }: ParseOptions = {},
): Molecule {
  const format = looksLikeMolblock(text) ? 'molblock' : 'smiles';
  const trimmed = format === 'smiles' ? text.trim() : text;
  if (!trimmed) throw new MoleculeParseError('the SMILES is empty');
  // Cheap guards before RDKit sees it: a SMILES has at least one character per atom, and RDKit's wasm build dies
  // on molecules of about a thousand atoms, so the atoms are counted from the text (inputGuard.ts).
  if (format === 'smiles' && trimmed.length > maxAtoms * 12)
    throw new MoleculeParseError(`the SMILES is ${trimmed.length} characters long; the limit is ${maxAtoms * 12}`);
  if (format === 'smiles') checkSmilesAlphabet(trimmed);
  checkAtomCount(trimmed, format, maxAtoms);
  const described = format === 'smiles' ? `SMILES "${shorten(trimmed)}"` : 'molblock';
  const [json, hybridization] = withMol(
    trimmed,
    (mol) => {
      const read = readRDKitJson(mol.get_json());
      if (read.atoms.length > maxAtoms)
        throw new MoleculeParseError(`the molecule has ${read.atoms.length} atoms; the limit is ${maxAtoms}`);
      return [read, readHybridization(mol, read.atoms.length)] as const;
    },
    { describe: `the ${described}` },
  );
  if (json.atoms.length === 0) throw new MoleculeParseError(`the ${described} has no atoms`);
  if (inputKekule) useInputKekule(trimmed, json);
  const brackets =
    format === 'smiles'
      ? alignBracketFlags(
          trimmed,
          json.atoms.map((a) => a.z),
        )
      : null;
  return { input: { format, text: trimmed }, ...buildAtomsAndBonds(json, hybridization, brackets) };
}

function shorten(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

function useInputKekule(text: string, json: RDKitJsonMolecule): void {
  const kekule = withMol(text, (mol) => readRDKitJson(mol.get_json()), { details: { setAromaticity: false } });
  const sameBonds =
    kekule.bonds.length === json.bonds.length &&
    kekule.bonds.every((b, k) => b.atoms[0] === json.bonds[k].atoms[0] && b.atoms[1] === json.bonds[k].atoms[1]);
  if (!sameBonds) throw new Error('RDKit numbered the bonds differently in its second parse');
  kekule.bonds.forEach((bond, k) => (json.bonds[k].bo = bond.bo));
}

function readHybridization(mol: JSMol, numAtoms: number): Hybridization[] {
  const result = new Array<Hybridization>(numAtoms).fill('UNSPECIFIED');
  const details = JSON.stringify({ maxMatches: numAtoms + 1 });
  HYBRIDIZATIONS.forEach((type, code) => {
    const matches = JSON.parse(mol.get_substruct_matches(smartsQuery(`[^${code}]`), details)) as unknown;
    if (Array.isArray(matches)) for (const match of matches as { atoms: number[] }[]) result[match.atoms[0]] = type;
  });
  return result;
}

function buildAtomsAndBonds(
  json: RDKitJsonMolecule,
  hybridization: Hybridization[],
  brackets: boolean[] | null,
): Pick<Molecule, 'atoms' | 'bonds'> {
  const ringBondKeys = new Set<string>();
  const ringAtoms = new Set<number>();
  for (const ring of json.atomRings) {
    ring.forEach((a, i) => {
      ringAtoms.add(a);
      ringBondKeys.add(pairKey(a, ring[(i + 1) % ring.length]));
    });
  }
  const degree = new Array<number>(json.atoms.length).fill(0);
  for (const bond of json.bonds) for (const a of bond.atoms) degree[a]++;

  const atoms: MoleculeAtom[] = json.atoms.map((atom, i) => ({
    element: elementSymbol(atom.z),
    atomicNumber: atom.z,
    formalCharge: atom.chg,
    explicitHs: brackets?.[i] ? atom.impHs : 0,
    totalHs: atom.impHs,
    aromatic: json.aromaticAtoms.has(i),
    inRing: ringAtoms.has(i),
    hybridization: hybridization[i],
    chirality: CHIRAL_TAGS[atom.stereo] ?? 'CHI_OTHER',
    radicalElectrons: atom.nRad,
    degree: degree[i],
    isotope: atom.isotope,
  }));
  const conjugated = conjugatedBonds(
    atoms,
    json.bonds.map((b, k) => ({
      begin: b.atoms[0],
      end: b.atoms[1],
      order: b.bo,
      aromatic: json.aromaticBonds.has(k),
    })),
  );
  const bonds: MoleculeBond[] = json.bonds.map((bond, k) => ({
    begin: bond.atoms[0],
    end: bond.atoms[1],
    order: bond.bo,
    aromatic: json.aromaticBonds.has(k),
    inRing: ringBondKeys.has(pairKey(bond.atoms[0], bond.atoms[1])),
    conjugated: conjugated[k],
    stereo: bondStereo(bond, json),
  }));
  return { atoms, bonds };
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** cis/trans about the JSON's reference atoms -> E/Z about the highest-CIP-ranked neighbour at each end. */
function bondStereo(bond: JsonBond, json: RDKitJsonMolecule): BondStereo {
  if (bond.stereo === 'either') return 'STEREOANY';
  if (bond.stereo !== 'cis' && bond.stereo !== 'trans') return 'STEREONONE';
  const cis = bond.stereo === 'cis';
  const ranks = json.cipRanks;
  if (!ranks || !bond.stereoAtoms) return cis ? 'STEREOCIS' : 'STEREOTRANS';
  let flips = 0;
  const [a, b] = bond.atoms;
  for (const [end, partner] of [
    [a, b],
    [b, a],
  ]) {
    const neighbours = json.bonds
      .map((other) => (other.atoms[0] === end ? other.atoms[1] : other.atoms[1] === end ? other.atoms[0] : -1))
      .filter((n) => n >= 0 && n !== partner);
    const reference = bond.stereoAtoms.find((s) => neighbours.includes(s));
    if (reference === undefined) return cis ? 'STEREOCIS' : 'STEREOTRANS';
    if (neighbours.some((n) => n !== reference && ranks[n] > ranks[reference])) flips++;
  }
  return cis !== (flips % 2 === 1) ? 'STEREOZ' : 'STEREOE';
}
