/**
 * Atoms shaded by their attribution while bonds are coloured by attribution: the engine's per-atom gradient x
 * input (for that method) or integrated gradients (for the others, which have no per-atom form), on the same
 * diverging PuOr scale with the atoms' own ±max|value|, since atom and bond values differ in size.
 */
import type { AttributionMethod, MoleculeAttribution } from '../../engine/api';
import { createAttributionColorScale, roundingNoise, type AttributionColorScale } from '../attributionColorScale';
import type { AtomShade } from './MoleculeView';

export type AtomMethod = keyof MoleculeAttribution['atoms'];

export const atomMethodFor = (method: AttributionMethod): AtomMethod =>
  method === 'gradInput' ? 'gradInput' : 'integratedGradients';

const cache = new WeakMap<Float32Array, AttributionColorScale>();

export function atomScaleFor(attribution: MoleculeAttribution, method: AttributionMethod): AttributionColorScale {
  const values = attribution.atoms[atomMethodFor(method)];
  let scale = cache.get(values);
  if (!scale) cache.set(values, (scale = createAttributionColorScale(values, roundingNoise(attribution.prediction))));
  return scale;
}

export function atomShades(attribution: MoleculeAttribution, method: AttributionMethod): AtomShade[] {
  const scale = atomScaleFor(attribution, method);
  return Array.from(attribution.atoms[atomMethodFor(method)], (value) => ({ value, color: scale.color(value) }));
}
