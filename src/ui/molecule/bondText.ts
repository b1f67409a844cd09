/** Words for a bond and its atoms, shared by the tooltip and the inspector. */
import type { MoleculeDrawing } from '../../engine/api';
import { atomLabel, atomLabelText } from './atomLabel';

const ORDER_NAMES = ['bond', 'single', 'double', 'triple'];

/** "N4": the element and the node index the model uses. */
export function atomName(drawing: MoleculeDrawing, atom: number): string {
  return drawing.kind === 'graph' ? `node ${atom}` : `${drawing.atoms[atom].element}${atom}`;
}

/** "NH2+ (aromatic)": the atom as drawn, for the inspector. */
export function atomDescription(drawing: MoleculeDrawing, atom: number): string {
  const a = drawing.atoms[atom];
  if (drawing.kind === 'graph') return a.modelType;
  const text = atomLabelText(atomLabel(a, 0)!);
  return a.aromatic ? `${text}, aromatic` : text;
}

/** "aromatic", "double", ... as drawn; graph edges say what the model reads. */
export function bondKind(drawing: MoleculeDrawing, bond: number): string {
  const b = drawing.bonds[bond];
  if (drawing.kind === 'graph') return `edge (types ${b.modelType})`;
  return b.aromatic
    ? `aromatic (Kekulé ${ORDER_NAMES[b.order] ?? b.order})`
    : (ORDER_NAMES[b.order] ?? `order ${b.order}`);
}

export function bondTitle(drawing: MoleculeDrawing, bond: number): string {
  const b = drawing.bonds[bond];
  return `${atomName(drawing, b.begin)}–${atomName(drawing, b.end)}`;
}
