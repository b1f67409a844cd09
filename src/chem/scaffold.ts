/**
 * Bemis-Murcko scaffolds, for the scaffold split (MinimalLib has no MurckoScaffold). Following RDKit's
 * MurckoDecompose: keep ring atoms and the linker atoms between rings (here: what survives repeatedly pruning
 * non-ring atoms with at most one remaining neighbour), plus side atoms joined to a kept atom by a double bond
 * (C=O on a ring). The scaffold's key is RDKit's canonical SMILES of those atoms, written as a Kekulé molblock
 * so that a ring N that lost its substituent gets its H back. Stereo is ignored (OGB keeps it; a minor difference).
 */
import type { Molecule } from './molecule';
import { withMol } from './rdkit';

/** Atom indices of the Murcko framework ([] for an acyclic molecule). */
export function murckoAtoms(molecule: Molecule): number[] {
  const n = molecule.atoms.length;
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const bond of molecule.bonds) {
    neighbours[bond.begin].push(bond.end);
    neighbours[bond.end].push(bond.begin);
  }
  const kept = molecule.atoms.map(() => true);
  const remaining = neighbours.map((list) => list.length);
  const queue = molecule.atoms.flatMap((atom, i) => (!atom.inRing && remaining[i] <= 1 ? [i] : []));
  while (queue.length > 0) {
    const atom = queue.pop()!;
    if (!kept[atom]) continue;
    kept[atom] = false;
    for (const other of neighbours[atom]) {
      if (!kept[other]) continue;
      remaining[other]--;
      if (!molecule.atoms[other].inRing && remaining[other] <= 1) queue.push(other);
    }
  }
  if (!molecule.atoms.some((atom, i) => atom.inRing && kept[i])) return [];
  const core = [...kept];
  for (const bond of molecule.bonds) {
    if (bond.order !== 2 || bond.aromatic) continue;
    if (core[bond.begin] && !core[bond.end]) kept[bond.end] = true;
    if (core[bond.end] && !core[bond.begin]) kept[bond.begin] = true;
  }
  return kept.flatMap((keep, i) => (keep ? [i] : []));
}

/** Canonical SMILES of the Murcko scaffold ('' for an acyclic molecule). */
export function murckoScaffoldSmiles(molecule: Molecule): string {
  const atoms = murckoAtoms(molecule);
  if (atoms.length === 0) return '';
  const newIndex = new Map(atoms.map((a, i) => [a, i]));
  const bonds = molecule.bonds.filter((b) => newIndex.has(b.begin) && newIndex.has(b.end));
  const lines = ['', '     MA-Explorer', ''];
  lines.push(`${pad(atoms.length, 3)}${pad(bonds.length, 3)}  0  0  0  0  0  0  0  0999 V2000`);
  const charges: string[] = [];
  atoms.forEach((a, i) => {
    const atom = molecule.atoms[a];
    lines.push(`    0.0000    0.0000    0.0000 ${atom.element.padEnd(3)} 0  0  0  0  0  0  0  0  0  0  0  0`);
    if (atom.formalCharge !== 0) charges.push(`M  CHG  1${pad(i + 1, 4)}${pad(atom.formalCharge, 4)}`);
  });
  for (const bond of bonds)
    lines.push(
      `${pad(newIndex.get(bond.begin)! + 1, 3)}${pad(newIndex.get(bond.end)! + 1, 3)}${pad(bond.order, 3)}  0`,
    );
  lines.push(...charges, 'M  END');
  return withMol(lines.join('\n') + '\n', (mol) => mol.get_smiles(), { describe: 'the scaffold' });
}

function pad(value: number, width: number): string {
  return String(value).padStart(width);
}
