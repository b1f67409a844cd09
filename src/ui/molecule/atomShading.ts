/**
 * Atoms shaded by their attribution while bonds are coloured by attribution, always by the same method as the
 * bonds: gradient x input and integrated gradients have a per-atom form (on the atom embeddings); occlusion and MA
 * ablation act on bonds only, so with them the atoms stay unshaded (never silently another method). Same diverging
 * PuOr scale, with the atoms' own ±max|value|, since atom and bond values differ in size.
 */
import type { AttributionMethod, MoleculeAttribution } from '../../engine/api';
import { createAttributionColorScale, roundingNoise, type AttributionColorScale } from '../attributionColorScale';
import type { AtomShade } from './MoleculeView';

export type AtomMethod = keyof MoleculeAttribution['atoms'];

/** The per-atom form of a bond method, or null when it has none. */
export const atomMethodFor = (method: AttributionMethod): AtomMethod | null =>
  method === 'gradInput' || method === 'integratedGradients' ? method : null;

const cache = new WeakMap<Float32Array, AttributionColorScale>();

export function atomScaleFor(attribution: MoleculeAttribution, method: AtomMethod): AttributionColorScale {
  const values = attribution.atoms[method];
  let scale = cache.get(values);
  if (!scale) cache.set(values, (scale = createAttributionColorScale(values, roundingNoise(attribution.prediction))));
  return scale;
}

export function atomShades(attribution: MoleculeAttribution, method: AttributionMethod): AtomShade[] | null {
  const atomMethod = atomMethodFor(method);
  if (!atomMethod || !attribution.computed.includes(atomMethod)) return null;
  const scale = atomScaleFor(attribution, atomMethod);
  return Array.from(attribution.atoms[atomMethod], (value) => ({ value, color: scale.color(value) }));
}
