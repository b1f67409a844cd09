/**
 * What a checkpoint's recorded scan keeps so that the app needs no scan at load (scan.json, written by
 * scripts/models-report.ts and scripts/record-scans.ts): the split's directed edges (Bonferroni), per layer the
 * molecules with the largest per-graph MA ratio, and the attention-top statistics (per-head median attention and
 * pooled percentiles of the per-edge values, criterion.ts). One eval-mode forward over the split, in batches.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { forwardTidy, type Model } from '../gnn/model';
import { attentionMedians, attentionTopOfEdges, percentiles } from '../ma/attentionTop';
import { ATTENTION_PERCENTILES } from '../ma/criterion';
import { perEdgeRatios, perGraphMaxima } from '../ma/edgeRatios';

/** How many of the strongest molecules a layer keeps. */
export const TOP_GRAPHS = 5;

export interface TopGraph {
  /** Row of the split. */
  index: number;
  /** Its largest edge ratio in this layer (m_n). */
  ratio: number;
  /** Its largest attention-top value in this layer. */
  attentionTop: number;
}

export interface LayerRecord {
  topGraphs: TopGraph[];
  /** Graphs ranked by attention-top value (the same fields), for the attention-top criterion. */
  topGraphsByAttention: TopGraph[];
  attentionMedians: number[];
  /** At ATTENTION_PERCENTILES. */
  attentionQuantiles: number[];
}

export interface SplitRecord {
  edges: number;
  layers: LayerRecord[];
  /** With `keepEdges`: per layer, every directed edge's attention-top value, in split order. */
  edgeAttentionTop?: Float64Array[];
}

function topBy(values: Float64Array, other: Float64Array, key: 'ratio' | 'attentionTop'): TopGraph[] {
  const order = [...values.keys()].filter((g) => !Number.isNaN(values[g])).sort((a, b) => values[b] - values[a]);
  return order.slice(0, TOP_GRAPHS).map((index) => {
    const [mine, theirs] = [values[index], other[index]];
    return key === 'ratio'
      ? { index, ratio: mine, attentionTop: theirs }
      : { index, ratio: theirs, attentionTop: mine };
  });
}

export async function recordSplit(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  { batchSize = 256, keepEdges = false } = {},
): Promise<SplitRecord> {
  const { layers: numLayers, hidden, heads } = model.config;
  const virtualPerAtom = model.config.globalNode ? 2 : 0;
  const ratios: Float64Array[][] = Array.from({ length: numLayers }, () => []);
  const attention: Float32Array[][] = Array.from({ length: numLayers }, () => []);
  const graphOfEdge: number[] = [];
  for (let start = 0; start < graphs.length; start += batchSize) {
    const batch = batchGraphs(graphs.slice(start, start + batchSize), spec);
    const result = forwardTidy(model, batch, { capture: true });
    try {
      for (let l = 0; l < numLayers; l++) {
        const values = (await result.captures[l].edgeScore.data()) as Float32Array;
        ratios[l].push(
          perEdgeRatios({ values, numEdges: batch.numEdges + virtualPerAtom * batch.numNodes, dim: hidden }),
        );
        attention[l].push((await result.captures[l].attention.data()) as Float32Array);
      }
    } finally {
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
    }
    for (let e = 0; e < batch.numEdges; e++) graphOfEdge.push(start + batch.graphOfEdge[e]);
    // A global-node model's virtual edges follow the batch's bonds, two per atom (as in scan.ts).
    for (let atom = 0; atom < (virtualPerAtom ? batch.numNodes : 0); atom++)
      graphOfEdge.push(start + batch.graphOfNode[atom], start + batch.graphOfNode[atom]);
  }
  const graphIndex = Int32Array.from(graphOfEdge);
  const concat = <T extends Float32Array | Float64Array>(parts: T[], make: new (n: number) => T) => {
    const out = new make(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const edgeAttentionTop: Float64Array[] = [];
  const layers = Array.from({ length: numLayers }, (_, l): LayerRecord => {
    const weights = concat(attention[l], Float32Array);
    const medians = attentionMedians(weights, heads);
    const edgeTop = attentionTopOfEdges(weights, heads, medians);
    const graphRatio = perGraphMaxima(concat(ratios[l], Float64Array), graphIndex, graphs.length);
    const graphTop = perGraphMaxima(edgeTop, graphIndex, graphs.length);
    if (keepEdges) edgeAttentionTop.push(edgeTop);
    return {
      topGraphs: topBy(graphRatio, graphTop, 'ratio'),
      topGraphsByAttention: topBy(graphTop, graphRatio, 'attentionTop'),
      attentionMedians: medians,
      attentionQuantiles: percentiles(edgeTop, ATTENTION_PERCENTILES),
    };
  });
  return { edges: graphOfEdge.length, layers, ...(keepEdges && { edgeAttentionTop }) };
}
