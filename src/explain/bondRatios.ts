/** Per-bond MA ratio of one molecule: max over layers and over the bond's two directed edges of max|s| / median|s|. */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { forwardTidy, type Model } from '../gnn/model';
import { bondRatios, maxSkippingNaN } from '../ma/bondRatios';

/** NaN ratios (an all-zero edge) count as "no ratio" and never win the maximum. */
export async function bondMaRatios(model: Model, graph: Graph, spec: FeatureSpec): Promise<Float64Array> {
  const result = forwardTidy(model, batchGraphs([graph], spec), { capture: true });
  const numBonds = graph.bondBegin.length;
  const best = new Float64Array(numBonds).fill(Number.NaN);
  try {
    for (const capture of result.captures) {
      const [numEdges, dim] = capture.edgeScore.shape;
      const values = (await capture.edgeScore.data()) as Float32Array;
      bondRatios({ values, numEdges, dim }, numBonds).forEach((r, k) => (best[k] = maxSkippingNaN(best[k], r)));
    }
  } finally {
    tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
  }
  return best;
}
