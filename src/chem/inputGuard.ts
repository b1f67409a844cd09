/**
 * Checks a SMILES or molblock before RDKit sees it. RDKit's SMILES parser silently drops or stops at characters
 * outside the SMILES alphabet (an emoji, a right-to-left override, a bell, a tab or space that starts the name
 * field), and its wasm build dies ("memory access out of bounds") on molecules of about a thousand atoms, so the
 * alphabet and the atom count are checked here, from the text alone.
 */
import { MoleculeParseError } from './rdkit';
import { scanSmilesAtoms } from './smilesAtoms';

/** Every character a SMILES may hold (OpenSMILES: atoms, bonds, branches, ring closures, charges, chirality). */
const SMILES_CHARACTER = /[A-Za-z0-9()[\]=#$:/\\.%+\-@*]/;
const NAMED: Record<number, string> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x20: 'a space',
  0xa0: 'a no-break space',
  0x200b: 'a zero-width space',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x202e: 'a right-to-left override',
  0x202d: 'a left-to-right override',
  0xfeff: 'a byte-order mark',
};

/** How a character is named in a message: printable ones quoted, invisible ones by name or code point. */
export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMED[code]) return `${NAMED[code]} (${hex})`;
  // Control, format and separator characters show nothing; name them by code point only.
  if (/[\p{Cc}\p{Cf}\p{Z}]/u.test(ch)) return `the invisible character ${hex}`;
  return `"${ch}" (${hex})`;
}

/** Throws MoleculeParseError naming the first character outside the SMILES alphabet and its position (1-based). */
export function checkSmilesAlphabet(smiles: string): void {
  let position = 0;
  for (const ch of smiles) {
    position++;
    if (!SMILES_CHARACTER.test(ch) || ch.length > 1)
      throw new MoleculeParseError(
        `the SMILES has ${describeCharacter(ch)} at position ${position}, which is not part of SMILES`,
      );
  }
}

/** Heavy atoms a SMILES writes (bracket hydrogens left out, as RDKit removes them). */
export function smilesAtomCount(smiles: string): number {
  return scanSmilesAtoms(smiles).filter((a) => !(a.bracket && a.atomicNumber === 1 && a.isotope === 0)).length;
}

/** The atom count a molblock's header claims (V2000 counts line or V3000 COUNTS), or null when it has none. */
export function molblockAtomCount(molblock: string): number | null {
  const v3000 = /^M {2}V30 COUNTS (\d+)/m.exec(molblock);
  if (v3000) return Number(v3000[1]);
  const counts = molblock.split('\n')[3];
  if (counts === undefined || !/V2000/.test(counts)) return null;
  const atoms = Number(counts.slice(0, 3));
  return Number.isInteger(atoms) ? atoms : null;
}

/** Refuses, before RDKit builds anything, a structure with more atoms than `maxAtoms`. */
export function checkAtomCount(text: string, format: 'smiles' | 'molblock', maxAtoms: number): void {
  const atoms = format === 'smiles' ? smilesAtomCount(text) : molblockAtomCount(text);
  if (atoms !== null && atoms > maxAtoms)
    throw new MoleculeParseError(
      `the ${format === 'smiles' ? 'SMILES' : 'molblock'} has ${atoms} atoms; the limit is ${maxAtoms}`,
    );
}
