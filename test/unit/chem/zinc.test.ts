/** ZINC atom types, the SMILES featuriser and the molblock built from a benchmark graph (small cases). */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMolecule } from '../../../src/chem/molecule';
import { initRDKit } from '../../../src/chem/rdkit';
import { zincEncodeSmiles } from '../../../src/chem/zincFeaturizer';
import { zincMolblock } from '../../../src/chem/zincMolblock';
import { ZINC_ATOM_TYPES, zincTypeParts } from '../../../src/chem/zincTypes';

beforeAll(async () => {
  await initRDKit();
});

const typesOf = (smiles: string) => Array.from(zincEncodeSmiles(smiles).atomTypes, (t) => ZINC_ATOM_TYPES[t]);

describe('zincEncodeSmiles', () => {
  it('applies the benchmark rule: bracket H shown unless neutral aromatic, then the charge sign', () => {
    expect(typesOf('C[C@@H](O)c1cc[nH]c1')).toEqual(['C', 'C H1', 'O', 'C', 'C', 'C', 'N', 'C']);
    expect(typesOf('C[NH+](C)CC(=O)[O-]')).toEqual(['C', 'N H1 +', 'C', 'C', 'C', 'O', 'O -']);
    expect(typesOf('c1cc[nH+]cc1')).toEqual(['C', 'C', 'C', 'N H1 +', 'C', 'C']);
    expect(typesOf('[NH3+]CC[N+](=O)[O-]')).toEqual(['N H3 +', 'C', 'C', 'N +', 'O', 'O -']);
  });

  it('gives Kekulé bond types 1-3', () => {
    expect(Array.from(zincEncodeSmiles('C#Cc1ccccc1').bondTypes)).toEqual([3, 1, 2, 1, 2, 1, 2, 1]);
  });

  it.each([
    ['C[Se]C', /atom 2 \(Se\) has ZINC type "Se", not one of the 28/],
    ['[Na+].[Cl-]', /atom 1 \(Na\) has ZINC type "Na \+"/],
    ['C[N+2]C', /atom 2 \(N\) has ZINC type "N \+2"/],
    ['B(O)O', /atom 1 \(B\)/],
  ])('rejects %s, naming the atom', (smiles, message) => {
    expect(() => zincEncodeSmiles(smiles)).toThrow(message);
  });
});

describe('zincMolblock', () => {
  it('round-trips a featurised molecule: same elements, charges, H counts and bonds in node order', () => {
    for (const smiles of ['C[C@@H](O)c1cc[nH]c1', 'C[NH+](C)CC(=O)[O-]', 'O=C([O-])c1ccc(C#N)cc1', 'C[NH2+]C[CH-]C']) {
      const encoded = zincEncodeSmiles(smiles);
      const molecule = parseMolecule(zincMolblock(encoded));
      const original = parseMolecule(smiles);
      expect(molecule.atoms.map((a) => [a.element, a.formalCharge, a.totalHs, a.aromatic])).toEqual(
        original.atoms.map((a) => [a.element, a.formalCharge, a.totalHs, a.aromatic]),
      );
      expect(molecule.bonds.map((b) => [b.begin, b.end])).toEqual(original.bonds.map((b) => [b.begin, b.end]));
      encoded.atomTypes.forEach((t, i) => {
        const { hydrogens } = zincTypeParts(ZINC_ATOM_TYPES[t]);
        if (hydrogens > 0) expect(molecule.atoms[i].totalHs).toBe(hydrogens);
      });
    }
  });
});
