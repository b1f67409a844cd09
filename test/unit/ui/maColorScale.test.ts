import { interpolateViridis, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { formatRatio, formatTick, formatValue } from '../../../src/ui/format';
import { createMaColorScale, maColorScaleFor, NO_RATIO_COLOR } from '../../../src/ui/maColorScale';

describe('the MA colour scale', () => {
  const scale = createMaColorScale(1000);

  it('spans 1 to ten times the threshold on a log axis, the threshold at three quarters', () => {
    expect(scale.domain).toEqual([1, 10_000]);
    expect(scale.position(1)).toBe(0);
    expect(scale.position(1000)).toBeCloseTo(0.75);
    expect(scale.position(10)).toBeCloseTo(0.25);
    expect(scale.ticks).toEqual([1, 10, 100, 1000, 10_000]);
  });

  it('maps ratios to viridis, clamps outside the domain, greys 0/0 and tops +Infinity', () => {
    expect(scale.color(1)).toBe(interpolateViridis(0));
    expect(scale.color(10_000)).toBe(interpolateViridis(1));
    expect(scale.color(1e9)).toBe(interpolateViridis(1));
    expect(scale.color(Infinity)).toBe(interpolateViridis(1));
    expect(scale.color(NaN)).toBe(NO_RATIO_COLOR);
    const [mid, want] = [rgb(scale.color(100)), rgb(interpolateViridis(0.5))];
    expect(Math.max(Math.abs(mid.r - want.r), Math.abs(mid.g - want.g), Math.abs(mid.b - want.b))).toBeLessThan(3);
  });

  it('is shared: the same threshold gives the same object', () => {
    expect(maColorScaleFor(1000)).toBe(maColorScaleFor(1000));
    expect(maColorScaleFor(3000).domain).toEqual([1, 30_000]);
  });
});

describe('number formats', () => {
  it('writes ratios for people', () => {
    // One format everywhere: four significant digits (the tooltip and the inspector once differed: 2,465 vs 2,470).
    expect(formatRatio(13.7881)).toBe('13.79');
    expect(formatRatio(1234.5)).toBe('1,235');
    expect(formatRatio(2465.4)).toBe('2,465');
    expect(formatRatio(NaN)).toBe('n/a (0/0)');
    expect(formatRatio(Infinity)).toBe('∞');
    expect(formatRatio(2.5e7)).toBe('2.5e+7');
    expect(formatTick(1000)).toBe('1k');
    expect(formatTick(0.01)).toBe('0.01');
    expect(formatValue(-0.14123)).toBe('−0.141'); // d3-format writes a true minus sign
    expect(formatValue(NaN)).toBe('—');
  });
});
