/**
 * The "base versus trained" figure (docs/METHOD.md §8.2): per layer, the per-graph maxima m_n sorted ascending (one line
 * per layer of the trained model), against a flat band from the smallest to the largest m_n of the base model over
 * all its layers and items. The paper computes these r_e with torch.median, hence the 'lower' median by default
 * where the curves are built from activations (see perEdgeRatios).
 */

/** Only the first items go into a curve (docs/METHOD.md §8.2 step 2). */
export const MAX_CURVE_ITEMS = 60_000;

/** m_n of the first `maxItems` items, NaN (items without any defined ratio) left out, sorted ascending. */
export function sortedItemMaxima(perGraphMax: Float64Array, maxItems = MAX_CURVE_ITEMS): Float64Array {
  const head = perGraphMax.subarray(0, Math.min(maxItems, perGraphMax.length));
  const kept = head.filter((m) => !Number.isNaN(m));
  return kept.sort();
}

export interface Band {
  min: number;
  max: number;
}

/**
 * min..max of m_n over all layers' curves (each already capped and free of NaN); +Infinity stays as it is.
 * NaN bounds when no layer has a value.
 */
export function baseBand(layerCurves: readonly Float64Array[]): Band {
  let min = Infinity;
  let max = -Infinity;
  for (const curve of layerCurves)
    for (let i = 0; i < curve.length; i++) {
      if (curve[i] < min) min = curve[i];
      if (curve[i] > max) max = curve[i];
    }
  return min > max ? { min: NaN, max: NaN } : { min, max };
}
