/**
 * The one colour scale for MA ratios: log scale from 1 (max = median) to ten times the threshold, viridis
 * (colour-blind-safe, perceptually uniform). Built once per threshold and shared by the molecule view, the legend
 * and the inspector's charts, so they always agree.
 */
import { interpolateViridis, scaleSequentialLog } from 'd3';

export const NO_RATIO_COLOR = '#b8bcc6';

export interface MaColorScale {
  /** Colour of a ratio; NaN (0/0) is grey, +Infinity the top colour. */
  color: (ratio: number) => string;
  /** [1, 10 * threshold]: ratios outside are clamped. */
  domain: [number, number];
  threshold: number;
  /** Position 0..1 of a ratio along the legend. */
  position: (ratio: number) => number;
  /** Powers of ten inside the domain, for axes and legends. */
  ticks: number[];
}

export function createMaColorScale(threshold: number): MaColorScale {
  const domain: [number, number] = [1, Math.max(10, threshold * 10)];
  const scale = scaleSequentialLog(interpolateViridis).domain(domain).clamp(true);
  const position = (ratio: number) => {
    const r = Math.min(Math.max(ratio, domain[0]), domain[1]);
    return Math.log(r / domain[0]) / Math.log(domain[1] / domain[0]);
  };
  const ticks: number[] = [];
  for (let t = 1; t <= domain[1] * 1.0001; t *= 10) ticks.push(t);
  return {
    color: (ratio) => (Number.isNaN(ratio) ? NO_RATIO_COLOR : scale(ratio === Infinity ? domain[1] : ratio)),
    domain,
    threshold,
    position,
    ticks,
  };
}

let cached: MaColorScale | null = null;

/** The shared scale for a threshold: every caller with the same threshold gets the same object. */
export function maColorScaleFor(threshold: number): MaColorScale {
  if (cached?.threshold !== threshold) cached = createMaColorScale(threshold);
  return cached;
}
