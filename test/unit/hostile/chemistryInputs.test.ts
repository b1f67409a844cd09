/** Hostile SMILES and molblocks: refused by name before RDKit sees them, and a faulted RDKit module replaced. */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMolecule } from '../../../src/chem/molecule';
import { initRDKit, MoleculeParseError, rdkitRestarts, withMol } from '../../../src/chem/rdkit';
import { loadUserFiles } from '../../../src/data/userFile';

beforeAll(async () => {
  await initRDKit();
});

const encode = (text: string) => new TextEncoder().encode(text);

describe('SMILES alphabet', () => {
  it.each([
    ['CCO😀', /"😀" \(U\+1F600\) at position 4/],
    ['CC\u202eO', /a right-to-left override \(U\+202E\) at position 3/],
    ['\x07CCO', /the invisible character U\+0007 at position 1/],
    ['C\tC', /a tab \(U\+0009\) at position 2/],
    ['CC O', /a space \(U\+0020\) at position 3/],
    ['CC<script>O', /"<" \(U\+003C\) at position 3/],
  ])('refuses %j, naming the character and its position', (smiles, message) => {
    expect(() => parseMolecule(smiles)).toThrow(MoleculeParseError);
    expect(() => parseMolecule(smiles)).toThrow(message);
  });

  it('still trims white space around a pasted SMILES', () => {
    expect(parseMolecule('  CCO\n').atoms).toHaveLength(3);
  });

  it('says "valence" for pentavalent carbon', () => {
    expect(() => parseMolecule('C(C)(C)(C)(C)C')).toThrow(/atom 1 \(C\) has valence 5, more than C allows/);
  });
});

describe('atom count before RDKit', () => {
  it('refuses 1000 carbons from the text, and RDKit still reads the next molecule', () => {
    expect(() => parseMolecule('C'.repeat(1000))).toThrow('the SMILES has 1000 atoms; the limit is 500');
    expect(parseMolecule('c1ccccc1O').atoms).toHaveLength(7);
  });

  it('refuses a 999-atom SDF record by its counts line and reads the record after it', async () => {
    const chain = (n: number) =>
      [
        `chain ${n}`,
        '',
        '',
        `${String(n).padStart(3)}${String(n - 1).padStart(3)}  0  0  0  0  0  0  0  0999 V2000`,
        ...Array.from({ length: n }, (_, i) => `${(i * 1.5).toFixed(4).padStart(10)}    0.0000    0.0000 C   0  0`),
        ...Array.from({ length: n - 1 }, (_, i) => `${String(i + 1).padStart(3)}${String(i + 2).padStart(3)}  1  0`),
        'M  END',
        '$$$$',
      ].join('\n');
    for (const featurizer of ['ogb', 'zinc'] as const) {
      const data = await loadUserFiles([{ name: 'm.sdf', bytes: encode(`${chain(999)}\n${chain(4)}\n`) }], {
        featurizer,
        maxAtoms: 150,
      });
      expect(data.loaded).toBe(1);
      expect(data.skipped).toEqual([{ line: 1, reason: 'the molblock has 999 atoms; the limit is 150' }]);
    }
  });
});

describe('a faulted RDKit module', () => {
  it('is replaced: the faulting input is refused in words, the next molecule is read', async () => {
    const before = rdkitRestarts();
    // withMol has no atom guard of its own, so this reaches RDKit's wasm, which dies at about 1000 atoms.
    expect(() => withMol('C'.repeat(1000), (mol) => mol.get_num_atoms())).toThrow(/it was restarted/);
    expect(rdkitRestarts()).toBe(before + 1);
    await initRDKit();
    expect(parseMolecule('CCO').atoms).toHaveLength(3);
  });
});
