/**
 * Geometry of the -log10 ratio histogram panel (docs/METHOD.md §8.3): histograms as densities, so a base and a trained
 * model with different sample sizes and bins overlay, and the fitted Gamma density on the same axis.
 */
import type { LayerDistributionData, ScanHistogram } from '../../engine/api';
import { gammaLogPdf, type GammaParams } from '../../ma/gamma';

export interface DensityBin {
  x0: number;
  x1: number;
  density: number;
}

/** count / (size * width) per bin: integrates to 1 over the sample's range. */
export function densityBins({ edges, counts, size }: ScanHistogram): DensityBin[] {
  return Array.from(counts, (count, i) => {
    const width = edges[i + 1] - edges[i];
    return { x0: edges[i], x1: edges[i + 1], density: size > 0 && width > 0 ? count / (size * width) : 0 };
  });
}

/** The density one value in one bin stands for: the lowest non-zero step a histogram can draw. */
export function oneValueDensity({ edges, size }: ScanHistogram): number {
  const width = edges.length > 1 ? (edges[edges.length - 1] - edges[0]) / (edges.length - 1) : 1;
  return size > 0 && width > 0 ? 1 / (size * width) : Infinity;
}

/** [x, pdf(x)] at `points` evenly spaced x; points outside the support are left out. */
export function gammaDensity(params: GammaParams, [low, high]: [number, number], points = 240): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= points; i++) {
    const x = low + ((high - low) * i) / points;
    const y = Math.exp(gammaLogPdf(x, params));
    if (Number.isFinite(y) && y > 0) out.push([x, y]);
  }
  return out;
}

/** The x range that covers every drawn histogram and the threshold line. */
export function histogramDomain(layers: LayerDistributionData[], thresholdX: number): [number, number] {
  let [low, high] = [thresholdX, thresholdX];
  for (const { histogram } of layers)
    if (histogram.edges.length > 1) {
      low = Math.min(low, histogram.edges[0]);
      high = Math.max(high, histogram.edges[histogram.edges.length - 1]);
    }
  const pad = (high - low) * 0.03 || 0.5;
  return [low - pad, high + pad];
}
