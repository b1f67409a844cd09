/**
 * The atoms of a SMILES string in the order RDKit numbers them, with whether each was written as a bracket atom.
 * MinimalLib does not expose an atom's explicit-H count (its JSON only has the total); for SMILES input RDKit's
 * explicit count is the H written inside the brackets, and a bracket atom gets no implicit H. So
 * `explicitHs = bracket ? totalHs : 0`, and this scanner supplies the bracket flag. Written by hand because only
 * the atom tokens are needed (no SMILES tokenizer on npm is well kept); the caller checks the scan against RDKit.
 */
import { atomicNumber } from './periodicTable';

export interface SmilesAtomToken {
  atomicNumber: number;
  bracket: boolean;
  /** Isotope written in brackets (0 if none). */
  isotope: number;
}

const ORGANIC_TWO = new Set(['Cl', 'Br']);
const ORGANIC_ONE = new Set(['B', 'C', 'N', 'O', 'P', 'S', 'F', 'I', 'b', 'c', 'n', 'o', 'p', 's', '*']);

/** Scans the atoms of a SMILES (up to the first space, after which CXSMILES extensions may follow). */
export function scanSmilesAtoms(smiles: string): SmilesAtomToken[] {
  const text = smiles.trim().split(/\s/)[0];
  const atoms: SmilesAtomToken[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) break;
      atoms.push(bracketAtom(text.slice(i + 1, close)));
      i = close;
    } else if (ORGANIC_TWO.has(text.slice(i, i + 2))) {
      atoms.push({ atomicNumber: atomicNumber(text.slice(i, i + 2)) ?? -1, bracket: false, isotope: 0 });
      i += 1;
    } else if (ORGANIC_ONE.has(ch)) {
      atoms.push({ atomicNumber: atomicNumber(ch.toUpperCase()) ?? -1, bracket: false, isotope: 0 });
    }
  }
  return atoms;
}

function bracketAtom(body: string): SmilesAtomToken {
  const match = /^(\d*)([A-Za-z*][a-z]?)/.exec(body);
  if (!match) return { atomicNumber: -1, bracket: true, isotope: 0 };
  const isotope = match[1] ? Number(match[1]) : 0;
  const written = match[2];
  // Two letters if they name an element (Cl, Hg, se), else one (C in [CH4], S in [SH]).
  const two = written.length === 2 ? atomicNumber(capitalise(written)) : undefined;
  const z = two ?? atomicNumber(capitalise(written[0])) ?? -1;
  return { atomicNumber: z, bracket: true, isotope };
}

function capitalise(symbol: string): string {
  return symbol[0].toUpperCase() + symbol.slice(1);
}

/**
 * Bracket flags aligned with RDKit's atoms (given their atomic numbers), or null when the scan cannot be aligned.
 * RDKit removes plain hydrogen atoms ([H], not isotopic) when it parses; those tokens are dropped to align.
 */
export function alignBracketFlags(smiles: string, rdkitAtomicNumbers: readonly number[]): boolean[] | null {
  const tokens = scanSmilesAtoms(smiles);
  const matches = (list: SmilesAtomToken[]) =>
    list.length === rdkitAtomicNumbers.length && list.every((t, i) => t.atomicNumber === rdkitAtomicNumbers[i]);
  if (matches(tokens)) return tokens.map((t) => t.bracket);
  const heavy = tokens.filter((t) => !(t.atomicNumber === 1 && t.isotope === 0));
  return matches(heavy) ? heavy.map((t) => t.bracket) : null;
}
