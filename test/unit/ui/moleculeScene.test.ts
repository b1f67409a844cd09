import { describe, expect, it } from 'vitest';
import type { MoleculeDrawing } from '../../../src/engine/api';
import { BOND_LENGTH, buildScene } from '../../../src/ui/molecule/moleculeScene';

/** Ethanal drawn by hand: C0-C1 single, C1=O2 double. */
const drawing: MoleculeDrawing = {
  kind: 'molecule',
  title: 'acetaldehyde',
  smiles: 'CC=O',
  atoms: [
    { element: 'C', charge: 0, hydrogens: 3, aromatic: false, modelType: 'C', x: -0.87, y: 0.5 },
    { element: 'C', charge: 0, hydrogens: 1, aromatic: false, modelType: 'C', x: 0, y: 0 },
    { element: 'O', charge: 0, hydrogens: 0, aromatic: false, modelType: 'O', x: 0.87, y: 0.5 },
  ],
  bonds: [
    { begin: 0, end: 1, order: 1, aromatic: false, modelType: 'SINGLE' },
    { begin: 1, end: 2, order: 2, aromatic: false, modelType: 'DOUBLE' },
  ],
  aromaticStyle: 'kekule',
  targets: [],
  targetNames: [],
};

describe('buildScene', () => {
  const scene = buildScene(drawing);

  it('labels the oxygen only, and stops its bond short of the label', () => {
    expect(scene.atoms.map((a) => a.label?.element ?? null)).toEqual([null, null, 'O']);
    const [single, double] = scene.bonds;
    expect(single.segments).toHaveLength(1);
    expect(double.segments).toHaveLength(2);
    const o = scene.atoms[2].point;
    for (const s of double.segments) expect(Math.hypot(s.x2 - o.x, s.y2 - o.y)).toBeGreaterThan(0.25 * BOND_LENGTH);
  });

  it('fits a viewBox around every atom, at least a few bonds wide', () => {
    const { x, y, width, height } = scene.viewBox;
    for (const { point } of scene.atoms) {
      expect(point.x).toBeGreaterThan(x);
      expect(point.x).toBeLessThan(x + width);
      expect(point.y).toBeGreaterThan(y);
      expect(point.y).toBeLessThan(y + height);
    }
    expect(width).toBeGreaterThanOrEqual(8 * BOND_LENGTH);
  });
});
