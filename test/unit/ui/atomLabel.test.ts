import { describe, expect, it } from 'vitest';
import { atomLabel, atomLabelText, chargeText, hydrogenSide } from '../../../src/ui/molecule/atomLabel';

describe('atomLabel', () => {
  it('leaves neutral carbons with bonds unlabelled, as skeletal formulas do', () => {
    expect(atomLabel({ element: 'C', hydrogens: 3, charge: 0 }, 1)).toBeNull();
    expect(atomLabel({ element: 'C', hydrogens: 4, charge: 0 }, 0)).not.toBeNull();
    expect(atomLabel({ element: 'C', hydrogens: 2, charge: -1 }, 1)).not.toBeNull();
  });

  it('writes hydrogens and charges', () => {
    expect(atomLabelText(atomLabel({ element: 'N', hydrogens: 3, charge: 1 }, 1)!)).toBe('NH3+');
    expect(atomLabelText(atomLabel({ element: 'O', hydrogens: 0, charge: -1 }, 1)!)).toBe('O−');
    expect(atomLabelText(atomLabel({ element: 'Cl', hydrogens: 0, charge: 0 }, 1)!)).toBe('Cl');
    expect(chargeText(2)).toBe('2+');
    expect(chargeText(-2)).toBe('2−');
    expect(chargeText(0)).toBe('');
  });

  it('puts hydrogens where no bond points', () => {
    expect(hydrogenSide([{ x: -1, y: 0 }])).toBe('right');
    expect(hydrogenSide([{ x: 1, y: 0.2 }])).toBe('left');
    expect(
      hydrogenSide([
        { x: 1, y: 0 },
        { x: -1, y: 0 },
      ]),
    ).toBe('above');
    expect(
      hydrogenSide([
        { x: 1, y: 0 },
        { x: -1, y: 0 },
        { x: 0, y: -1 },
      ]),
    ).toBe('below');
  });
});
