/** What an atom's label says: the element with its hydrogens and charge, shown for every atom but plain carbon. */

export interface AtomLabel {
  element: string;
  hydrogens: number;
  /** "", "+", "−", "2+", ... */
  charge: string;
}

export function chargeText(charge: number): string {
  if (charge === 0) return '';
  const size = Math.abs(charge);
  return `${size > 1 ? size : ''}${charge > 0 ? '+' : '−'}`;
}

/** Null for a neutral carbon with bonds (drawn as a bare vertex), as chemists draw skeletal formulas. */
export function atomLabel(
  atom: { element: string; hydrogens: number; charge: number },
  degree: number,
): AtomLabel | null {
  if (atom.element === 'C' && atom.charge === 0 && degree > 0) return null;
  return { element: atom.element, hydrogens: atom.hydrogens, charge: chargeText(atom.charge) };
}

/** The label as plain text ("NH2+", "O−"), for tooltips and accessible names. */
export function atomLabelText(label: AtomLabel): string {
  const h = label.hydrogens > 0 ? `H${label.hydrogens > 1 ? label.hydrogens : ''}` : '';
  return `${label.element}${h}${label.charge}`;
}

export type HydrogenSide = 'right' | 'left' | 'above' | 'below';

/**
 * Where to write an atom's hydrogens so they do not sit on a bond: to the right unless a bond points that way,
 * then left, above, below (y grows downwards). `directions` are unit-ish vectors from the atom to its neighbours.
 */
export function hydrogenSide(directions: readonly { x: number; y: number }[]): HydrogenSide {
  const blocked = (side: HydrogenSide) =>
    directions.some(({ x, y }) => {
      const length = Math.hypot(x, y) || 1;
      const [ux, uy] = [x / length, y / length];
      return { right: ux > 0.5, left: ux < -0.5, above: uy < -0.5, below: uy > 0.5 }[side];
    });
  return (['right', 'left', 'above', 'below'] as const).find((side) => !blocked(side)) ?? 'right';
}
