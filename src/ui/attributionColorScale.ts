/**
 * The one colour scale for signed attributions: diverging, centred at zero, symmetric domain ±max|value| over the
 * molecule, ColorBrewer's PuOr (colour-blind-safe): orange pushes the prediction up, purple down, zero is near
 * white. Built once per attribution array and shared by the molecule view, its legend, the tooltip and the
 * inspector, so they always agree.
 */
import { interpolatePuOr, scaleDiverging } from 'd3';
import type { AttributionMethod, MoleculeAttribution } from '../engine/api';
import { NO_RATIO_COLOR } from './maColorScale';

export const NO_ATTRIBUTION_COLOR = NO_RATIO_COLOR;

export const METHOD_LABELS: Record<AttributionMethod, string> = {
  occlusion: 'occlusion',
  maAblation: 'MA ablation',
  gradInput: 'gradient × input',
  integratedGradients: 'integrated gradients',
};

export const METHOD_HELP: Record<AttributionMethod, string> = {
  occlusion: 'f(molecule) − f(molecule without the bond)',
  maAblation: 'f(molecule) − f(molecule with the bond’s massive features zeroed in every layer)',
  gradInput: 'the bond’s edge embedding times the gradient of the output, summed',
  integratedGradients: 'gradients averaged from a zero edge embedding to the real one, times the embedding',
};

export interface AttributionColorScale {
  /** Colour of a value; NaN (no attribution, e.g. a removed bond) is grey. */
  color: (value: number) => string;
  /** The largest |value|: the domain is [-extent, extent]. 0 when every value is 0. */
  extent: number;
  /** Position 0..1 of a value along the legend. */
  position: (value: number) => number;
  ticks: number[];
}

/**
 * `noise`: the size below which a value is rounding noise (float32 sums in another order), so a method whose
 * every value is below it (MA ablation when nothing is massive) gets an all-zero scale, not noise at full colour.
 */
export function createAttributionColorScale(values: ArrayLike<number>, noise = 0): AttributionColorScale {
  let extent = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) extent = Math.max(extent, Math.abs(values[i]));
  if (extent <= noise) extent = 0;
  const half = extent > 0 ? extent : 1;
  const scale = scaleDiverging(interpolatePuOr).domain([-half, 0, half]).clamp(true);
  return {
    color: (v) => (Number.isNaN(v) ? NO_ATTRIBUTION_COLOR : scale(extent > 0 ? v : 0)),
    extent,
    position: (v) => (Math.min(Math.max(v, -half), half) + half) / (2 * half),
    ticks: extent > 0 ? [-extent, -extent / 2, 0, extent / 2, extent] : [0],
  };
}

const cache = new WeakMap<Float32Array, AttributionColorScale>();

/** Float32 rounding of an output of this size, with room for a few reorderings. */
export const roundingNoise = (prediction: number) => 1e-6 * Math.max(1, Math.abs(prediction));

/** The shared scale of one method's values: the same array always gives the same object. */
export function attributionScaleFor(
  attribution: MoleculeAttribution,
  method: AttributionMethod,
): AttributionColorScale {
  const values = attribution.bonds[method];
  let scale = cache.get(values);
  if (!scale) cache.set(values, (scale = createAttributionColorScale(values, roundingNoise(attribution.prediction))));
  return scale;
}
