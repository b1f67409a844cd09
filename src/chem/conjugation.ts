/**
 * Bond conjugation, which MinimalLib computes during sanitisation but does not expose. This is RDKit's own rule
 * (MolOps::setConjugation in ConjugHybrid.cpp, with countAtomElec from Aromaticity.cpp), transcribed so that the
 * OGB featurisation gets the same flags as Python's RDKit; tests compare it with Debian's RDKit on Tox21.
 *
 * Aromatic bonds are conjugated. Otherwise, for an atom A that is a "conjugation candidate" with 2 or 3
 * neighbours (counting H), every multiple bond of A and every other bond of A to a candidate neighbour with at most
 * 3 neighbours are conjugated. A candidate is a first-row atom, or one with neither 5 nor 6 outer electrons, or a
 * group-16 atom with fewer than 2 neighbours, that has at least one electron to give to a pi system.
 */
import { defaultValence, outerElectrons } from './periodicTable';

export interface ConjugationAtom {
  atomicNumber: number;
  formalCharge: number;
  totalHs: number;
  radicalElectrons: number;
}

export interface ConjugationBond {
  begin: number;
  end: number;
  /** JSON bond order: 1, 2, 3, or an RDKit BondType code (0 unspecified, 4 quadruple, 17 dative...). */
  order: number;
  aromatic: boolean;
}

const DATIVE = 17;

/** Bond's contribution to the valence of `atom` (RDKit's Bond::getValenceContrib). */
function valenceContribution(bond: ConjugationBond, atom: number): number {
  if (bond.aromatic) return 1.5;
  if (bond.order === DATIVE) return atom === bond.end ? 1 : 0;
  return bond.order >= 1 && bond.order <= 6 ? bond.order : 0;
}

export function conjugatedBonds(atoms: readonly ConjugationAtom[], bonds: readonly ConjugationBond[]): boolean[] {
  const bondsOf: number[][] = atoms.map(() => []);
  bonds.forEach((bond, k) => {
    bondsOf[bond.begin].push(k);
    bondsOf[bond.end].push(k);
  });
  const degree = (a: number) => bondsOf[a].length;
  const totalDegree = (a: number) => degree(a) + atoms[a].totalHs;

  // MolOps::countAtomElec: electrons the atom could donate to a pi system.
  const electronsToDonate = (a: number): number => {
    const { atomicNumber, formalCharge, radicalElectrons } = atoms[a];
    const valence = defaultValence(atomicNumber);
    if (valence <= 1) return -1;
    let neighbours = totalDegree(a);
    for (const k of bondsOf[a]) if (Math.round(valenceContribution(bonds[k], a)) === 0) neighbours--;
    if (neighbours > 3) return -1;
    const lonePairElectrons = Math.max(outerElectrons(atomicNumber) - valence - formalCharge, 0);
    return valence - neighbours + lonePairElectrons - radicalElectrons;
  };

  const isCandidate = (a: number): boolean => {
    const z = atoms[a].atomicNumber;
    const outer = outerElectrons(z);
    const shapeOk = z <= 10 || (outer !== 5 && outer !== 6) || (outer === 6 && totalDegree(a) < 2);
    return shapeOk && electronsToDonate(a) > 0;
  };

  const conjugated = bonds.map((bond) => bond.aromatic);
  atoms.forEach((_atom, a) => {
    if (!isCandidate(a)) return;
    if (totalDegree(a) < 2 || totalDegree(a) > 3) return;
    for (const k1 of bondsOf[a]) {
      if (valenceContribution(bonds[k1], a) < 1.5) continue;
      for (const k2 of bondsOf[a]) {
        if (k1 === k2) continue;
        const other = bonds[k2].begin === a ? bonds[k2].end : bonds[k2].begin;
        if (totalDegree(other) > 3) continue;
        if (isCandidate(other)) conjugated[k1] = conjugated[k2] = true;
      }
    }
  });
  return conjugated;
}
