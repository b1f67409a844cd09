/**
 * What MODELS.md's experiment section measures beyond the shared columns (issue 19), on a split:
 * - per layer, the largest node-level ratio over the split (src/ma/nodeRatios.ts: the NoEdge control's MAs are
 *   measured on h_att, docs/METHOD.md §10.2), for NoEdge GT and the edge-featured GT it is compared with;
 * - per layer, for a global-node model, the share of edges above a threshold that are the virtual node's edges, next
 *   to the virtual edges' share of all edges (src/ma/globalShare.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../src/data/graph';
import { batchGraphs } from '../src/data/graphBatch';
import { scanSplit } from '../src/engine/scan';
import { forwardTidy, type Model } from '../src/gnn/model';
import { globalShare, type GlobalShare } from '../src/ma/globalShare';
import { nodeRatios, peakRatio } from '../src/ma/nodeRatios';

export async function nodeRatioMaxima(model: Model, graphs: Graph[], spec: FeatureSpec, batchSize = 256) {
  const maxima = new Array<number>(model.config.layers).fill(NaN);
  for (let start = 0; start < graphs.length; start += batchSize) {
    const batch = batchGraphs(graphs.slice(start, start + batchSize), spec);
    const result = forwardTidy(model, batch, { capture: true });
    try {
      for (const [l, capture] of result.captures.entries()) {
        const values = (await capture.nodeAttn.data()) as Float32Array;
        const peak = peakRatio(nodeRatios(values, model.config.hidden, batch.numNodes));
        if (!(maxima[l] >= peak)) maxima[l] = Number.isNaN(peak) ? maxima[l] : peak;
      }
    } finally {
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
    }
  }
  return maxima;
}

/** Per threshold, per layer: one scan serves every threshold. */
export async function globalShares(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  thresholds: readonly number[],
): Promise<GlobalShare[][]> {
  const scan = await scanSplit(model, graphs, spec);
  return thresholds.map((t) => scan.layers.map((layer) => globalShare(layer.perEdgeRatio, scan.virtualEdge, t)));
}
