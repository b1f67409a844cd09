/** The diverging attribution scale and the bond paint that uses it. */
import { bondMaView } from '../../../src/state/criterionView';
import { DEFAULT_CRITERION } from '../../../src/ma/criterion';
import { interpolatePuOr } from 'd3';
import { describe, expect, it } from 'vitest';
import {
  attributionScaleFor,
  createAttributionColorScale,
  NO_ATTRIBUTION_COLOR,
} from '../../../src/ui/attributionColorScale';
import { formatSigned } from '../../../src/ui/format';
import { createMaColorScale } from '../../../src/ui/maColorScale';
import { ablatedBonds, bondPaints } from '../../../src/ui/molecule/bondPaint';
import { fakeAnalysis, fakeAttribution } from '../ui-state/helpers';

describe('the attribution colour scale', () => {
  it('is centred at zero with a symmetric domain ±max|value|: purple below, orange above', () => {
    const scale = createAttributionColorScale(Float32Array.from([0.5, -2, 1, NaN]));
    expect(scale.extent).toBe(2);
    expect(scale.color(0)).toBe(interpolatePuOr(0.5));
    expect(scale.color(-2)).toBe(interpolatePuOr(0));
    expect(scale.color(2)).toBe(interpolatePuOr(1));
    expect(scale.color(9)).toBe(interpolatePuOr(1)); // clamped
    expect(scale.color(NaN)).toBe(NO_ATTRIBUTION_COLOR);
    expect(scale.position(-2)).toBe(0);
    expect(scale.position(1)).toBe(0.75);
    expect(scale.ticks).toEqual([-2, -1, 0, 1, 2]);
  });

  it('treats values within rounding noise as zero, and all-zero values as a flat scale', () => {
    const noisy = createAttributionColorScale(Float32Array.from([7e-9, -3e-9]), 1e-6);
    expect(noisy.extent).toBe(0);
    expect(noisy.color(7e-9)).toBe(interpolatePuOr(0.5));
    expect(createAttributionColorScale(new Float32Array(3)).ticks).toEqual([0]);
  });

  it('is shared per method array', () => {
    const attribution = fakeAttribution({ kind: 'dataset', dataset: 'zinc', split: 'test', index: 2 }, 1000);
    expect(attributionScaleFor(attribution, 'occlusion')).toBe(attributionScaleFor(attribution, 'occlusion'));
    expect(attributionScaleFor(attribution, 'occlusion')).not.toBe(attributionScaleFor(attribution, 'gradInput'));
  });

  it('formats signed values for people', () => {
    expect([0.0131, -2.4e-5, 0, NaN, 1.5].map(formatSigned)).toEqual(['+0.0131', '−2.4e-5', '0', '—', '+1.5']);
  });
});

describe('bond paint', () => {
  const analysis = {
    ...fakeAnalysis([[10, 2000, 30]]),
    ablation: { removeBonds: [2], features: [{ mode: 'zero' as const, threshold: 3, edges: [2, 3] }] },
  };
  const ratios = analysis.bondRatios[0];
  const maColors = createMaColorScale(1000);
  const view = bondMaView(analysis, 0, DEFAULT_CRITERION, null);

  it('marks removed and MA-ablated bonds from the analysis’s own ablation', () => {
    expect(ablatedBonds(analysis.ablation)).toEqual({ removed: new Set([2]), maAblated: new Set([1]) });
    expect(ablatedBonds(undefined)).toEqual({ removed: new Set(), maAblated: new Set() });
  });

  it('colours by MA ratio, or by attribution once it has arrived; a removed bond has no ratio and no colour', () => {
    const byRatio = bondPaints({ analysis, view, ratios, maColors, attribution: null });
    expect(byRatio.map((p) => [p.color, p.ratio, p.attribution, p.massive, p.removed, p.maAblated])).toEqual([
      [maColors.color(10), 10, null, false, false, false],
      [maColors.color(2000), 2000, null, true, false, true],
      [null, null, null, false, true, false],
    ]);
    const values = Float32Array.from([1, -1, NaN]);
    const colors = createAttributionColorScale(values);
    const byAttribution = bondPaints({ analysis, view, ratios, maColors, attribution: { values, colors } });
    expect(byAttribution.map((p) => [p.color, p.attribution])).toEqual([
      [interpolatePuOr(1), 1],
      [interpolatePuOr(0), -1],
      [null, NaN],
    ]);
    expect(colors.color(NaN)).toBe(NO_ATTRIBUTION_COLOR);
    const waiting = bondPaints({ analysis, view, ratios, maColors, attribution: { values: null, colors: null } });
    expect(waiting.map((p) => [p.color, p.attribution])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });
});
