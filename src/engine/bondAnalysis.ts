/**
 * Per-bond numbers from one molecule's forward captures (METHOD §8.1). A bond k has two directed edges, 2k and
 * 2k+1; its MA ratio in a layer is the larger of their ratios max|s| / median|s| (numpy median). Edges that a
 * global-node ablation appends come after the input's and are not bonds of the drawing.
 */
import { edgeMedians, elementRatios, perEdgeRatios, type EdgeActivations } from '../ma/edgeRatios';
import type { DirectedEdgeDetail } from './explorerTypes';
import type { LayerCaptureData } from './models';

/** The larger of two ratios, skipping NaN (0/0) as the per-graph maxima do; NaN only when both are. */
export function maxSkippingNaN(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return Math.max(a, b);
}

/** [bond] ratios of one layer: the first 2 * numBonds rows of its edge scores. */
export function bondRatiosOfLayer(layer: LayerCaptureData, numBonds: number, hidden: number): Float64Array {
  const numEdges = 2 * numBonds;
  const acts: EdgeActivations = { values: layer.edgeScore.subarray(0, numEdges * hidden), numEdges, dim: hidden };
  const edgeRatios = perEdgeRatios(acts, 'numpy');
  return Float64Array.from({ length: numBonds }, (_, k) => maxSkippingNaN(edgeRatios[2 * k], edgeRatios[2 * k + 1]));
}

/** One directed edge of one layer: its scores, element ratios and attention weight per head. */
export function directedEdgeDetail(
  layer: LayerCaptureData,
  edge: number,
  endpoints: { src: number; dst: number },
  hidden: number,
  heads: number,
): DirectedEdgeDetail {
  const scores = layer.edgeScore.slice(edge * hidden, (edge + 1) * hidden);
  const acts: EdgeActivations = { values: scores, numEdges: 1, dim: hidden };
  const medians = edgeMedians(acts, 'numpy');
  return {
    edge,
    ...endpoints,
    ratio: perEdgeRatios(acts, 'numpy', medians)[0],
    median: medians[0],
    scores,
    elementRatios: elementRatios(acts, medians),
    attention: layer.attention.slice(edge * heads, (edge + 1) * heads),
  };
}
