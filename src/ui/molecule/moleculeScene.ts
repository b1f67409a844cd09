/**
 * A drawing turned into SVG geometry: points in view units (a bond is BOND_LENGTH long), each bond's line
 * segments and highlight band, each atom's label, and a viewBox that fits it all. Pure; the view only renders it.
 */
import type { MoleculeDrawing } from '../../engine/api';
import { atomLabel, hydrogenSide, type AtomLabel, type HydrogenSide } from './atomLabel';
import { adjacency, bondSegments, innerSide, type Point, type Segment } from './bondGeometry';

export const BOND_LENGTH = 40;
const LABEL_TRIM = 0.34 * BOND_LENGTH;
const BAND_TRIM = 0.16 * BOND_LENGTH;
const PADDING = 0.9 * BOND_LENGTH;
const MIN_WIDTH = 8 * BOND_LENGTH;
const MIN_HEIGHT = 5 * BOND_LENGTH;

export interface SceneBond {
  index: number;
  segments: Segment[];
  /** The coloured highlight behind the lines, shortened so neighbouring bands do not merge at atoms. */
  band: { x1: number; y1: number; x2: number; y2: number };
  mid: Point;
}

export interface SceneAtom {
  index: number;
  point: Point;
  label: AtomLabel | null;
  hydrogenSide: HydrogenSide;
  degree: number;
}

export interface Scene {
  kind: MoleculeDrawing['kind'];
  atoms: SceneAtom[];
  bonds: SceneBond[];
  viewBox: { x: number; y: number; width: number; height: number };
}

function shorten(a: Point, b: Point, by: number) {
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const t = Math.min(by / length, 0.45);
  return {
    x1: a.x + (b.x - a.x) * t,
    y1: a.y + (b.y - a.y) * t,
    x2: b.x - (b.x - a.x) * t,
    y2: b.y - (b.y - a.y) * t,
  };
}

export function buildScene(drawing: MoleculeDrawing): Scene {
  const points = drawing.atoms.map((a) => ({ x: a.x * BOND_LENGTH, y: a.y * BOND_LENGTH }));
  const neighbours = adjacency(drawing.atoms.length, drawing.bonds);
  const isMolecule = drawing.kind === 'molecule';
  const atoms: SceneAtom[] = drawing.atoms.map((atom, i) => ({
    index: i,
    point: points[i],
    degree: neighbours[i].length,
    label: isMolecule ? atomLabel(atom, neighbours[i].length) : null,
    hydrogenSide: hydrogenSide(
      neighbours[i].map((n) => ({ x: points[n].x - points[i].x, y: points[n].y - points[i].y })),
    ),
  }));
  const bonds: SceneBond[] = drawing.bonds.map((bond, k) => {
    const [a, b] = [points[bond.begin], points[bond.end]];
    const needsSide = bond.order === 2 || (bond.aromatic && drawing.aromaticStyle === 'dashed');
    const trim = (atom: SceneAtom) => (atom.label ? LABEL_TRIM : isMolecule ? 0 : 0.2 * BOND_LENGTH);
    const segments = bondSegments(
      a,
      b,
      {
        order: bond.order,
        aromatic: bond.aromatic,
        aromaticStyle: drawing.aromaticStyle,
        side: needsSide ? innerSide(bond.begin, bond.end, points, neighbours) : 0,
      },
      { gap: 0.17 * BOND_LENGTH, trimBegin: trim(atoms[bond.begin]), trimEnd: trim(atoms[bond.end]) },
    );
    return { index: k, segments, band: shorten(a, b, BAND_TRIM), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  });
  return { kind: drawing.kind, atoms, bonds, viewBox: fitViewBox(points) };
}

function fitViewBox(points: Point[]): Scene['viewBox'] {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs, 0), Math.max(...xs, 0)];
  const [y0, y1] = [Math.min(...ys, 0), Math.max(...ys, 0)];
  const width = Math.max(x1 - x0 + 2 * PADDING, MIN_WIDTH);
  const height = Math.max(y1 - y0 + 2 * PADDING, MIN_HEIGHT);
  return { x: (x0 + x1) / 2 - width / 2, y: (y0 + y1) / 2 - height / 2, width, height };
}
