/**
 * The one colour scale for MA ratios (and attention-top values): log scale, by default from 1 (max = median) to ten
 * times the threshold; the molecule view spans the values present instead (spanOf), so the strongest bond of a
 * molecule stands out even far below the threshold, which stays marked. Viridis
 * (colour-blind-safe, perceptually uniform). Built once per threshold and shared by the molecule view, the legend
 * and the inspector's charts, so they always agree.
 */
import { interpolateViridis, scaleSequentialLog } from 'd3';

export const NO_RATIO_COLOR = '#b8bcc6';

export interface MaColorScale {
  /** Colour of a ratio; NaN (0/0) is grey, +Infinity the top colour. */
  color: (ratio: number) => string;
  /** [1, 10 * threshold] or the span given: values outside are clamped. */
  domain: [number, number];
  /** The cut-off marked on the legend (NaN: none, e.g. per-layer cut-offs over "max"). */
  threshold: number;
  /** Position 0..1 of a ratio along the legend. */
  position: (ratio: number) => number;
  /** Powers of ten inside the domain, for axes and legends. */
  ticks: number[];
}

export function createMaColorScale(threshold: number, span?: [number, number]): MaColorScale {
  const domain: [number, number] = span ?? [1, Math.max(10, threshold * 10)];
  const scale = scaleSequentialLog(interpolateViridis).domain(domain).clamp(true);
  const position = (ratio: number) => {
    const r = Math.min(Math.max(ratio, domain[0]), domain[1]);
    return Math.log(r / domain[0]) / Math.log(domain[1] / domain[0]);
  };
  const ticks: number[] = [];
  for (let t = Math.pow(10, Math.ceil(Math.log10(domain[0]) - 1e-9)); t <= domain[1] * 1.0001; t *= 10) ticks.push(t);
  if (ticks.length < 2) ticks.splice(0, ticks.length, ...domain.map((d) => Number(d.toPrecision(2))));
  return {
    color: (ratio) => (Number.isNaN(ratio) ? NO_RATIO_COLOR : scale(ratio === Infinity ? domain[1] : ratio)),
    domain,
    threshold,
    position,
    ticks,
  };
}

/**
 * A log span covering the finite positive values and the cut-off (when finite), padded a little, at least a decade
 * wide, and never below `floor` (1 for ratios: max/median is at least 1).
 */
export function spanOf(values: ArrayLike<number>, cutoff: number, floor = 1): [number, number] {
  const finite = Array.from(values).filter((v) => Number.isFinite(v) && v > 0);
  if (Number.isFinite(cutoff) && cutoff > 0) finite.push(cutoff);
  if (finite.length === 0) return [floor, floor * 10];
  let lo = Math.max(floor, Math.min(...finite) / 1.15);
  let hi = Math.max(...finite) * 1.15;
  if (hi / lo < 10) {
    const mid = Math.sqrt(hi * lo);
    [lo, hi] = [Math.max(floor, mid / Math.sqrt(10)), Math.max(floor, mid / Math.sqrt(10)) * 10];
  }
  return [lo, hi];
}

const cache = new Map<string, MaColorScale>();

/** The shared scale for a threshold (and span): every caller with the same ones gets the same object. */
export function maColorScaleFor(threshold: number, span?: [number, number]): MaColorScale {
  const key = JSON.stringify([threshold, span ?? null]);
  let scale = cache.get(key);
  if (!scale) {
    if (cache.size > 32) cache.clear();
    scale = createMaColorScale(threshold, span);
    cache.set(key, scale);
  }
  return scale;
}
