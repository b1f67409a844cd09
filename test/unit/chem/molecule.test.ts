/**
 * Molecule fields and featurisations against values from Debian's Python RDKit (independent of MinimalLib):
 * test/fixtures/chem/molecules.json, made by scripts/fixtures/make_chem_fixtures.py.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { moleculeCoords } from '../../../src/chem/coords';
import { parseMolecule } from '../../../src/chem/molecule';
import { ogbAtomFeatures, ogbBondFeatures } from '../../../src/chem/ogbFeaturizer';
import { initRDKit, MoleculeParseError, withMol, type JSMol } from '../../../src/chem/rdkit';
import { zincTypeOf } from '../../../src/chem/zincTypes';

interface FixtureAtom {
  element: string;
  atomicNumber: number;
  formalCharge: number;
  explicitHs: number;
  totalHs: number;
  aromatic: boolean;
  inRing: boolean;
  hybridization: string;
  chirality: string;
  radicalElectrons: number;
  degree: number;
  ogb: number[];
  zinc: string;
}
interface FixtureBond {
  begin: number;
  end: number;
  order: number;
  aromatic: boolean;
  inRing: boolean;
  conjugated: boolean;
  stereo: string;
  ogb: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/chem/molecules.json', import.meta.url), 'utf8')) as {
  molecules: { smiles: string; atoms: FixtureAtom[]; bonds: FixtureBond[] }[];
};

beforeAll(async () => {
  await initRDKit();
});

describe.each(fixture.molecules.map((m) => [m.smiles, m] as const))('%s', (smiles, expected) => {
  it('has the atoms Python RDKit reports', () => {
    const molecule = parseMolecule(smiles);
    expect(molecule.atoms.map(({ isotope: _isotope, ...atom }) => atom)).toEqual(
      expected.atoms.map(({ ogb: _ogb, zinc: _zinc, ...atom }) => atom),
    );
  });

  it('has the bonds Python RDKit reports (Kekulé orders as Chem.Kekulize gives them)', () => {
    const molecule = parseMolecule(smiles, { inputKekule: true });
    expect(molecule.bonds).toEqual(expected.bonds.map(({ ogb: _ogb, ...bond }) => bond));
  });

  it('has OGB features and ZINC atom types equal to the reference', () => {
    const molecule = parseMolecule(smiles);
    expect(molecule.atoms.map(ogbAtomFeatures)).toEqual(expected.atoms.map((a) => a.ogb));
    expect(molecule.bonds.map(ogbBondFeatures)).toEqual(expected.bonds.map((b) => b.ogb));
    expect(molecule.atoms.map(zincTypeOf)).toEqual(expected.atoms.map((a) => a.zinc));
  });
});

describe('parseMolecule', () => {
  it('matches OGB’s own documented example', () => {
    const molecule = parseMolecule('Cl[C@H](/C=C/C)Br');
    expect(ogbAtomFeatures(molecule.atoms[1])).toEqual([5, 2, 4, 5, 1, 0, 2, 0, 0]);
    expect(ogbBondFeatures(molecule.bonds[2])).toEqual([1, 2, 0]);
  });

  it('reads a molblock with the same atoms as its SMILES', () => {
    const molblock = withMol('c1ccc(O)cc1C(=O)[O-]', (mol) => mol.get_molblock());
    const fromBlock = parseMolecule(molblock);
    expect(fromBlock.input.format).toBe('molblock');
    expect(fromBlock.atoms.map((a) => [a.element, a.totalHs, a.formalCharge, a.aromatic])).toEqual(
      parseMolecule('c1ccc(O)cc1C(=O)[O-]').atoms.map((a) => [a.element, a.totalHs, a.formalCharge, a.aromatic]),
    );
  });

  it.each([
    ['C1CC', /RDKit could not read the SMILES "C1CC"/],
    ['c1cccc1', /RDKit could not read the SMILES "c1cccc1"/],
    ['   ', /the SMILES is empty/],
    ['C'.repeat(501), /the SMILES has 501 atoms; the limit is 500/],
    ['C'.repeat(7000), /the SMILES is 7000 characters long; the limit is 6000/],
  ])('rejects %s with a message for the user', (smiles, message) => {
    expect(() => parseMolecule(smiles)).toThrow(MoleculeParseError);
    expect(() => parseMolecule(smiles)).toThrow(message);
  });

  it('honours a smaller atom limit', () => {
    expect(() => parseMolecule('CCCCCC', { maxAtoms: 5 })).toThrow(/6 atoms; the limit is 5/);
  });

  it('deletes the JSMol even when the callback throws', () => {
    let seen: JSMol | null = null;
    expect(() =>
      withMol('CCO', (mol) => {
        seen = mol;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect((seen as JSMol | null)?.isDeleted()).toBe(true);
  });
});

describe('moleculeCoords', () => {
  it('lays out every atom once, lazily, and caches the result per molecule', () => {
    const molecule = parseMolecule('CC(=O)Nc1ccc(O)cc1');
    const coords = moleculeCoords(molecule);
    expect(coords).toHaveLength(2 * molecule.atoms.length);
    expect(coords.every(Number.isFinite)).toBe(true);
    const points = new Set(
      Array.from(
        { length: molecule.atoms.length },
        (_, i) => `${coords[2 * i].toFixed(2)},${coords[2 * i + 1].toFixed(2)}`,
      ),
    );
    expect(points.size).toBe(molecule.atoms.length);
    expect(moleculeCoords(molecule)).toBe(coords);
    for (const bond of molecule.bonds) {
      const length = Math.hypot(
        coords[2 * bond.begin] - coords[2 * bond.end],
        coords[2 * bond.begin + 1] - coords[2 * bond.end + 1],
      );
      expect(length).toBeGreaterThan(0.5);
      expect(length).toBeLessThan(2);
    }
  });
});
