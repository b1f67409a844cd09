/** Which layer the analysis panels show for the view's layer choice. */
import type { DatasetScanResult } from '../../engine/api';
import type { LayerChoice } from '../../state/store';

/** The chosen layer, or for "max" the layer with the largest per-graph ratio (the first when none has one). */
export function panelLayer(scan: DatasetScanResult, layer: LayerChoice): number {
  if (layer !== 'max') return Math.min(layer, scan.layers.length - 1);
  let best = 0;
  scan.layers.forEach((l, i) => {
    if ((l.maxGraphRatio ?? -Infinity) > (scan.layers[best].maxGraphRatio ?? -Infinity)) best = i;
  });
  return best;
}
