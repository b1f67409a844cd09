/**
 * The molecule list's search: a number (optionally "#12") finds that row; anything else is a SMILES substring
 * (case-sensitive, since "c" and "C" mean different atoms in SMILES) or, for a dropped file with a name column,
 * part of a name (any case).
 */
import type { MoleculeListing } from '../engine/api';

export function filterMolecules(listing: MoleculeListing, query: string): Int32Array {
  const text = query.trim();
  const all = Int32Array.from({ length: listing.count }, (_, i) => i);
  if (!text) return all;
  const number = /^#?(\d+)$/.exec(text);
  const smiles = listing.smiles;
  const names = listing.names;
  return all.filter(
    (i) =>
      (number !== null && i === Number(number[1])) ||
      (smiles !== null && smiles[i].includes(text)) ||
      (names !== undefined && names[i].toLowerCase().includes(text.toLowerCase())),
  );
}
