/**
 * Molecule -> Graph with one of the two molecular featurisations, and their FeatureSpecs:
 * - 'ogb': OGB's 9 atom and 3 bond categorical columns (TOX21, and any molecule);
 * - 'zinc': the ZINC benchmark's 28 atom types and Kekulé bond types 1-3 (ZINC models).
 */
import { OGB_ATOM_VOCAB, OGB_BOND_VOCAB, ogbFeatures } from '../chem/ogbFeaturizer';
import type { Molecule } from '../chem/molecule';
import { zincEncode } from '../chem/zincFeaturizer';
import { ZINC_ATOM_VOCAB, ZINC_BOND_VOCAB } from '../chem/zincTypes';
import type { FeatureSpec, Graph } from './graph';

export type Featurizer = 'ogb' | 'zinc';
export const FEATURIZERS: readonly Featurizer[] = ['ogb', 'zinc'];

export function featurizerSpec(featurizer: Featurizer, numTargets: number): FeatureSpec {
  return featurizer === 'ogb'
    ? { nodeVocab: [...OGB_ATOM_VOCAB], edgeVocab: [...OGB_BOND_VOCAB], nodeValueWidth: 0, numTargets }
    : { nodeVocab: [ZINC_ATOM_VOCAB], edgeVocab: [ZINC_BOND_VOCAB], nodeValueWidth: 0, numTargets };
}

/** Targets with NaN for a missing value, and the matching mask. */
export function targetArrays(values: readonly (number | null)[]): Pick<Graph, 'target' | 'targetMask'> {
  return {
    target: Float32Array.from(values, (v) => (v === null ? NaN : v)),
    targetMask: Uint8Array.from(values, (v) => (v === null ? 0 : 1)),
  };
}

/** A graph of the molecule; the ZINC encoding throws MoleculeParseError for atoms outside its 28 types. */
export function moleculeGraph(molecule: Molecule, featurizer: Featurizer, targets: readonly (number | null)[]): Graph {
  const bondBegin = Int32Array.from(molecule.bonds, (b) => b.begin);
  const bondEnd = Int32Array.from(molecule.bonds, (b) => b.end);
  if (featurizer === 'ogb') {
    const { nodeFeatures, bondFeatures } = ogbFeatures(molecule);
    return { numNodes: molecule.atoms.length, bondBegin, bondEnd, nodeFeatures, bondFeatures, ...noValues(targets) };
  }
  const zinc = zincEncode(molecule);
  return {
    numNodes: molecule.atoms.length,
    bondBegin,
    bondEnd,
    nodeFeatures: zinc.atomTypes,
    bondFeatures: zinc.bondTypes,
    ...noValues(targets),
  };
}

function noValues(targets: readonly (number | null)[]) {
  return { nodeValues: new Float32Array(0), ...targetArrays(targets) };
}
