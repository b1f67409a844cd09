/**
 * 2D coordinates for drawing, computed lazily (only for molecules being shown) with RDKit's CoordGen and cached per
 * Molecule object. The molecule is re-read from its own input, so RDKit numbers the atoms exactly as it did when
 * the Molecule was built, and coordinate i belongs to atom i.
 */
import type { Molecule } from './molecule';
import { withMol } from './rdkit';

/** [x0, y0, x1, y1, ...] in RDKit's units (bond length about 1); y points up, as in a molblock. */
export type Coords2D = Float32Array;

const cache = new WeakMap<Molecule, Coords2D>();

export function moleculeCoords(molecule: Molecule): Coords2D {
  let coords = cache.get(molecule);
  if (!coords) {
    coords = computeCoords(molecule);
    cache.set(molecule, coords);
  }
  return coords;
}

function computeCoords(molecule: Molecule): Coords2D {
  return withMol(molecule.input.text, (mol) => {
    mol.set_new_coords(true); // true: CoordGen
    const points = mol.get_coords() as number[][];
    if (points.length !== molecule.atoms.length)
      throw new Error(`RDKit laid out ${points.length} atoms for a molecule of ${molecule.atoms.length}`);
    const coords = new Float32Array(points.length * 2);
    points.forEach(([x, y], i) => {
      coords[2 * i] = x;
      coords[2 * i + 1] = y;
    });
    return coords;
  });
}
