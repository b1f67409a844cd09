/**
 * The molecule as SVG: each bond a group (`bond-<k>`) with a highlight band coloured by its MA ratio or its
 * attribution under the chemical lines (a removed bond is drawn dashed and grey); atoms labelled as in a
 * skeletal formula, or in node colour mode set on discs coloured by their node MA ratio (AtomMarks.tsx). React renders; geometry comes from moleculeScene.ts and colours from the panel's scale.
 */
import { memo, useMemo } from 'react';
import type { MoleculeDrawing } from '../../engine/api';
import { AtomMark, NodeDiscs, numberAttribute } from './AtomMarks';
import { BOND_LENGTH, buildScene, type SceneBond } from './moleculeScene';
import type { NodeShade } from './nodeShading';

/** How one bond is painted, and the numbers behind it (they go into its data attributes). */
export interface BondPaint {
  /** Band colour; null: no band. */
  color: string | null;
  /** Its MA ratio in the shown layer (null: no analysis yet). */
  ratio: number | null;
  /** The value the active criterion tests (the ratio, or the attention-top value); null for a removed bond. */
  value: number | null;
  /** In change mode: log10(ratio after / before the ablations). */
  change: number | null;
  /** The shown method's attribution (null: not in attribution mode, or not computed yet). */
  attribution: number | null;
  massive: boolean;
  /** Removed by an ablation (zero attention weight). */
  removed: boolean;
  /** Its massive features ablated. */
  maAblated: boolean;
}

interface Props {
  drawing: MoleculeDrawing;
  /** Per bond, how it is painted; null while there is no analysis. */
  paint: BondPaint[] | null;
  selectedBond: number | null;
  hoveredBond: number | null;
  onSelectBond: (bond: number | null) => void;
  onHoverBond: (bond: number | null, event?: React.MouseEvent) => void;
  /** In attribution mode: per atom, its attribution and colour, drawn as a light disc under the bonds. */
  atomShades?: AtomShade[] | null;
  /** Draw every atom's index beside it. */
  showAtomIndices?: boolean;
  /** Per atom, its node MA ratio (data-node-ratio on atom-<i>) and, in node colour mode, its disc colour. */
  nodeShades?: NodeShade[] | null;
  /** Draw the node-ratio discs (node colour mode); otherwise the ratios only travel in the data attributes. */
  showNodeShades?: boolean;
}

/** An atom's attribution and its colour on the diverging scale. */
export interface AtomShade {
  value: number;
  color: string;
}

/** Light enough that the bond bands drawn over the discs keep their colour. */
const ATOM_SHADE_OPACITY = 0.4;

export function MoleculeView({
  drawing,
  paint,
  selectedBond,
  hoveredBond,
  onSelectBond,
  onHoverBond,
  atomShades,
  showAtomIndices = false,
  nodeShades = null,
  showNodeShades = false,
}: Props) {
  const scene = useMemo(() => buildScene(drawing), [drawing]);
  const { x, y, width, height } = scene.viewBox;
  return (
    <svg
      className="molecule-svg"
      viewBox={`${x} ${y} ${width} ${height}`}
      role="img"
      aria-label={`${drawing.title}: ${drawing.atoms.length} atoms, ${drawing.bonds.length} bonds`}
      onClick={() => onSelectBond(null)}
    >
      {atomShades && (
        <g className="atom-shades">
          {scene.atoms.map((atom) => {
            const shade = atomShades[atom.index];
            return shade ? (
              <circle
                key={atom.index}
                className="atom-shade"
                data-testid={`atom-shade-${atom.index}`}
                data-attribution={String(shade.value)}
                cx={atom.point.x}
                cy={atom.point.y}
                r={0.36 * BOND_LENGTH}
                fill={shade.color}
                fillOpacity={ATOM_SHADE_OPACITY}
              />
            ) : null;
          })}
        </g>
      )}
      {nodeShades && showNodeShades && <NodeDiscs atoms={scene.atoms} shades={nodeShades} />}
      <g className="bonds">
        {scene.bonds.map((bond) => (
          <BondMark
            key={bond.index}
            bond={bond}
            paint={paint?.[bond.index] ?? NO_PAINT}
            selected={bond.index === selectedBond}
            hovered={bond.index === hoveredBond}
            onSelect={onSelectBond}
            onHover={onHoverBond}
          />
        ))}
      </g>
      <g className="atoms">
        {scene.atoms.map((atom) => (
          <AtomMark
            key={atom.index}
            atom={atom}
            kind={scene.kind}
            element={drawing.atoms[atom.index].element}
            nodeRatio={nodeShades?.[atom.index]?.ratio ?? null}
          />
        ))}
      </g>
      {showAtomIndices && (
        <g className="atom-indices" data-testid="atom-indices">
          {scene.atoms.map((atom) => (
            <text
              key={atom.index}
              className="atom-index"
              x={atom.point.x + 0.22 * BOND_LENGTH}
              y={atom.point.y - 0.22 * BOND_LENGTH}
            >
              {atom.index}
            </text>
          ))}
        </g>
      )}
    </svg>
  );
}

const NO_PAINT: BondPaint = {
  color: null,
  ratio: null,
  value: null,
  change: null,
  attribution: null,
  massive: false,
  removed: false,
  maAblated: false,
};

interface BondProps {
  bond: SceneBond;
  paint: BondPaint;
  selected: boolean;
  hovered: boolean;
  onSelect: (bond: number) => void;
  onHover: (bond: number | null, event?: React.MouseEvent) => void;
}

const BondMark = memo(function BondMark({ bond, paint, selected, hovered, onSelect, onHover }: BondProps) {
  const band = bond.band;
  const classes = [
    'bond',
    selected && 'bond-selected',
    hovered && 'bond-hovered',
    paint.massive && 'bond-massive',
    paint.removed && 'bond-removed',
    paint.maAblated && 'bond-ma-ablated',
  ];
  return (
    <g
      className={classes.filter(Boolean).join(' ')}
      data-testid={`bond-${bond.index}`}
      data-ma-ratio={numberAttribute(paint.ratio)}
      data-attribution={numberAttribute(paint.attribution)}
      data-ma-value={numberAttribute(paint.value)}
      data-change={numberAttribute(paint.change)}
      data-massive={paint.massive ? 'true' : 'false'}
      data-removed={paint.removed ? 'true' : 'false'}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`Bond ${bond.index}${paint.ratio === null ? '' : `, MA ratio ${Math.round(paint.ratio)}`}${paint.massive ? ', massive' : ''}`}
      onClick={(event) => {
        event.stopPropagation();
        onSelect(bond.index);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onSelect(bond.index);
      }}
      // Keyboard focus shows the same readout as hovering: the tooltip at the bond's middle.
      onFocus={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        onHover(bond.index, { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 } as React.MouseEvent);
      }}
      onBlur={() => onHover(null)}
      onMouseEnter={(event) => onHover(bond.index, event)}
      onMouseMove={(event) => onHover(bond.index, event)}
      onMouseLeave={() => onHover(null)}
    >
      {(selected || hovered) && <line className="bond-outline" {...band} />}
      {!paint.removed && <line className="bond-band" {...band} stroke={paint.color ?? 'none'} />}
      {paint.maAblated && <line className="bond-ablated-mark" {...band} />}
      {bond.segments.map((s, i) => (
        <line
          key={i}
          className="bond-line"
          x1={s.x1}
          y1={s.y1}
          x2={s.x2}
          y2={s.y2}
          strokeDasharray={paint.removed ? '3 4' : s.dashed ? '4 3' : undefined}
        />
      ))}
      {/* A wide transparent line makes the bond easy to hit with the mouse. */}
      <line className="bond-hit" {...band} />
    </g>
  );
});
