/**
 * The atoms of the molecule view: each an `atom-<i>` group (carbons without a label too) with its skeletal-formula
 * label and, when known, its node MA ratio in data-node-ratio; and the node-ratio discs drawn in node colour mode.
 */
import { formatRatio } from '../format';
import type { MoleculeDrawing } from '../../engine/api';
import { BOND_LENGTH, type SceneAtom } from './moleculeScene';
import type { NodeShade } from './nodeShading';

export const numberAttribute = (value: number | null) => (value === null ? '' : String(value));

const ELEMENT_COLORS: Record<string, string> = {
  N: '#2249c7',
  O: '#c62b2b',
  S: '#9a7200',
  P: '#c0580b',
  F: '#2a7d3a',
  Cl: '#2a7d3a',
  Br: '#8a2b10',
  I: '#6b1f8f',
};

/** Approximate width of one label character, in view units (the label font is 15 units). */
const CHAR_WIDTH = 9.5;
/** A white disc under a label hides the bond band behind the letters. */
const LABEL_RADIUS = 0.3 * BOND_LENGTH;

/** Node-ratio discs under the bonds: a labelled atom's white mask leaves a ring of its colour around the label. */
export function NodeDiscs({ atoms, shades }: { atoms: SceneAtom[]; shades: NodeShade[] }) {
  return (
    <g className="atom-nodes">
      {atoms.map((atom) => {
        const shade = shades[atom.index];
        if (!shade) return null;
        return (
          <circle
            key={atom.index}
            className={shade.massive ? 'atom-node atom-node-massive' : 'atom-node'}
            data-testid={`atom-node-${atom.index}`}
            cx={atom.point.x}
            cy={atom.point.y}
            r={atom.label ? LABELLED_DISC_RADIUS : NODE_DISC_RADIUS}
            fill={shade.color}
          >
            <title>{`atom ${atom.index}: node MA ratio ${formatRatio(shade.ratio)}${shade.massive ? ' (massive)' : ''}`}</title>
          </circle>
        );
      })}
    </g>
  );
}

/** Small enough that neighbours' discs never touch; a label's white mask leaves a ring 0.08 bond lengths wide. */
const NODE_DISC_RADIUS = 0.27 * BOND_LENGTH;
const LABELLED_DISC_RADIUS = LABEL_RADIUS + 0.08 * BOND_LENGTH;

interface AtomProps {
  atom: SceneAtom;
  kind: MoleculeDrawing['kind'];
  element: string;
  nodeRatio: number | null;
}

/** Every atom is an `atom-<i>` group (carbons without a label too), carrying its node MA ratio when known. */
export function AtomMark({ atom, kind, element, nodeRatio }: AtomProps) {
  const { x, y } = atom.point;
  const label = atom.label;
  const group = (children: React.ReactNode) => (
    <g className="atom" data-testid={`atom-${atom.index}`} data-node-ratio={numberAttribute(nodeRatio)}>
      {children}
    </g>
  );
  if (kind === 'graph')
    return group(<circle className={`graph-node graph-node-${element}`} cx={x} cy={y} r={0.16 * BOND_LENGTH} />);
  if (!label) return group(null);
  const fill = ELEMENT_COLORS[label.element] ?? '#222';
  const side = atom.hydrogenSide;
  const h = label.hydrogens;
  const hydrogens = h > 0 && (
    <>
      <tspan>H</tspan>
      {h > 1 && (
        <tspan className="atom-sub" dy="0.3em">
          {h}
        </tspan>
      )}
    </>
  );
  const charge = label.charge && (
    <tspan className="atom-sup" dy={h > 1 && side === 'right' ? '-0.8em' : '-0.5em'}>
      {label.charge}
    </tspan>
  );
  const elementWidth = label.element.length * CHAR_WIDTH;
  const hWidth = h > 0 ? CHAR_WIDTH * (h > 1 ? 1.6 : 1) : 0;
  return group(
    <>
      <circle className="atom-mask" cx={x} cy={y} r={LABEL_RADIUS} />
      {side === 'left' ? (
        // "HO", "H2N": hydrogens first, the element symbol still centred on the atom.
        <text className="atom-label" x={x - elementWidth / 2 - hWidth} y={y} fill={fill} dominantBaseline="central">
          {hydrogens}
          <tspan dy={h > 1 ? '-0.3em' : undefined}>{label.element}</tspan>
          {charge}
        </text>
      ) : (
        <text className="atom-label" x={x - elementWidth / 2} y={y} fill={fill} dominantBaseline="central">
          {label.element}
          {side === 'right' && hydrogens}
          {charge}
        </text>
      )}
      {(side === 'above' || side === 'below') && h > 0 && (
        <text
          className="atom-label"
          x={x - CHAR_WIDTH / 2}
          y={y + (side === 'above' ? -1 : 1) * 0.42 * BOND_LENGTH}
          fill={fill}
          dominantBaseline="central"
        >
          {hydrogens}
        </text>
      )}
    </>,
  );
}
