/**
 * A molblock (V2000) built from a ZINC benchmark graph itself, keeping node order, so atom i that RDKit lays out
 * and draws is node i of the model. Charges come from the atom type (`M  CHG`); an atom whose type names its H
 * count gets the valence field set to bond orders + H, which tells RDKit that exact H count. Other atoms get
 * RDKit's implicit H from the Kekulé bond orders (an aromatic [nH], typed plain 'N', gets its H that way).
 */
import { ZINC_ATOM_TYPES, zincTypeParts } from './zincTypes';

export interface ZincGraphLike {
  /** Type index per node. */
  atomTypes: ArrayLike<number>;
  bondBegin: ArrayLike<number>;
  bondEnd: ArrayLike<number>;
  /** 1-3 per bond. */
  bondTypes: ArrayLike<number>;
}

export function zincMolblock(graph: ZincGraphLike, title = ''): string {
  const numAtoms = graph.atomTypes.length;
  const numBonds = graph.bondBegin.length;
  if (numAtoms > 999 || numBonds > 999) throw new Error('a V2000 molblock holds at most 999 atoms and bonds');
  const bondOrderSum = new Array<number>(numAtoms).fill(0);
  for (let k = 0; k < numBonds; k++) {
    bondOrderSum[graph.bondBegin[k]] += graph.bondTypes[k];
    bondOrderSum[graph.bondEnd[k]] += graph.bondTypes[k];
  }
  const lines = [title.replace(/[\r\n]/g, ' ').slice(0, 80), '     MA-Explorer', ''];
  lines.push(`${pad(numAtoms, 3)}${pad(numBonds, 3)}  0  0  0  0  0  0  0  0999 V2000`);
  const charges: string[] = [];
  for (let i = 0; i < numAtoms; i++) {
    const type = ZINC_ATOM_TYPES[graph.atomTypes[i]];
    if (type === undefined) throw new Error(`node ${i} has atom type ${graph.atomTypes[i]}, outside 0..27`);
    const { element, hydrogens, charge } = zincTypeParts(type);
    const valence = hydrogens > 0 ? bondOrderSum[i] + hydrogens : 0;
    lines.push(`    0.0000    0.0000    0.0000 ${element.padEnd(3)} 0  0  0  0  0${pad(valence, 3)}  0  0  0  0  0  0`);
    if (charge !== 0) charges.push(`${pad(i + 1, 4)}${pad(charge, 4)}`);
  }
  for (let k = 0; k < numBonds; k++)
    lines.push(`${pad(graph.bondBegin[k] + 1, 3)}${pad(graph.bondEnd[k] + 1, 3)}${pad(graph.bondTypes[k], 3)}  0`);
  for (let start = 0; start < charges.length; start += 8) {
    const chunk = charges.slice(start, start + 8);
    lines.push(`M  CHG${pad(chunk.length, 3)}${chunk.join('')}`);
  }
  lines.push('M  END');
  return lines.join('\n') + '\n';
}

function pad(value: number, width: number): string {
  return String(value).padStart(width);
}
