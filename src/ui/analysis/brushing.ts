/**
 * Brushing the analysis panels: which rows of the split a heatmap cell or a ratio range on the maxima chart
 * stands for, and the filter chip's words. Scanned graph g is row g of the split (a scan covers its first rows).
 */
import type { DatasetScanResult } from '../../engine/api';
import { maxSkippingNaN } from '../../ma/bondRatios';
import type { MoleculeFilter } from '../../state/slices/analysisSlice';
import type { LayerChoice } from '../../state/store';
import { formatRatio } from '../format';

/** Rows with at least one edge of bond type `typeIndex` (into scan.bondTypes) above the threshold in `layer`. */
export function rowsWithMaOnType(scan: DatasetScanResult, layer: number, typeIndex: number): Int32Array {
  const masks = scan.layers[layer].typeMaskOfGraph;
  const bit = (1 << typeIndex) >>> 0;
  return Int32Array.from({ length: masks.length }, (_, g) => g).filter((g) => (masks[g] & bit) !== 0);
}

/** m_n of every scanned graph in a layer, or its maximum over the layers (NaN skipped). */
export function perGraphMaxOf(scan: DatasetScanResult, layer: LayerChoice): Float64Array {
  if (layer !== 'max') return scan.layers[layer].perGraphMax;
  const out = new Float64Array(scan.graphs).fill(NaN);
  for (const l of scan.layers) l.perGraphMax.forEach((m, g) => (out[g] = maxSkippingNaN(out[g], m)));
  return out;
}

/** Rows whose largest ratio (in `layer`, or over all layers) lies in [low, high]. */
export function rowsWithMaxInRange(scan: DatasetScanResult, layer: LayerChoice, low: number, high: number) {
  const maxima = perGraphMaxOf(scan, layer);
  return Int32Array.from({ length: maxima.length }, (_, g) => g).filter((g) => maxima[g] >= low && maxima[g] <= high);
}

const layerWords = (layer: LayerChoice) => (layer === 'max' ? 'any layer' : `layer ${layer + 1}`);

/** "bond", or "edge" for a global node's atom→global and global→atom edges. */
export const edgeNoun = (typeName: string) => (typeName.includes('→') ? 'edge' : 'bond');

export function typeFilter(scan: DatasetScanResult, layer: number, typeIndex: number): MoleculeFilter {
  const name = scan.bondTypes[typeIndex].name.toLowerCase();
  return {
    dataset: scan.dataset,
    split: scan.split,
    label: `MA on a ${name} ${edgeNoun(name)} in ${layerWords(layer)}`,
    indices: rowsWithMaOnType(scan, layer, typeIndex),
  };
}

export function rangeFilter(scan: DatasetScanResult, layer: LayerChoice, low: number, high: number): MoleculeFilter {
  return {
    dataset: scan.dataset,
    split: scan.split,
    label: `largest ratio in ${layerWords(layer)} between ${formatRatio(low)} and ${formatRatio(high)}`,
    indices: rowsWithMaxInRange(scan, layer, low, high),
    range: { layer, low, high },
  };
}

/** The rows of `visible` (the search's result) that the filter keeps. */
export function applyMoleculeFilter(visible: Int32Array, filter: MoleculeFilter | null): Int32Array {
  if (!filter) return visible;
  const keep = new Set(filter.indices);
  return visible.filter((i) => keep.has(i));
}
