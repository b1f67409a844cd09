/**
 * Per-bond numbers from one molecule's forward captures (docs/METHOD.md §8.1). A bond k has two directed edges, 2k and
 * 2k+1; its MA ratio in a layer is the larger of their ratios max|s| / median|s| (numpy median). Edges that a
 * global-node ablation appends come after the input's and are not bonds of the drawing.
 */
import { attentionSpread, type AttentionSpread } from '../ma/attentionSpread';
import { bondRatios } from '../ma/bondRatios';
import { nodeRatios } from '../ma/nodeRatios';
import { edgeMedians, elementRatios, perEdgeRatios, type EdgeActivations } from '../ma/edgeRatios';
import type { DirectedEdgeDetail } from './explorerTypes';
import type { LayerCaptureData } from './models';

/** [bond] ratios of one layer: the first 2 * numBonds rows of its edge scores. */
export function bondRatiosOfLayer(layer: LayerCaptureData, numBonds: number, hidden: number): Float64Array {
  return bondRatios({ values: layer.edgeScore, numEdges: layer.edgeScore.length / hidden, dim: hidden }, numBonds);
}

/** [atom] node ratios of one layer: the first numAtoms rows of its attention output h_att [N, hidden]. */
export function nodeRatiosOfLayer(layer: LayerCaptureData, numAtoms: number, hidden: number): Float64Array {
  return nodeRatios(layer.nodeAttn, hidden, numAtoms);
}

/** The spread of one layer's attention over the bonds into each atom (edge 2k runs begin -> end, 2k+1 back). */
export function attentionSpreadOfLayer(
  layer: LayerCaptureData,
  bonds: { bondBegin: ArrayLike<number>; bondEnd: ArrayLike<number> },
  heads: number,
): AttentionSpread {
  const dst = Array.from({ length: 2 * bonds.bondBegin.length }, (_, e) =>
    e % 2 === 0 ? bonds.bondEnd[e >> 1] : bonds.bondBegin[e >> 1],
  );
  return attentionSpread(layer.attention.subarray(0, dst.length * heads), heads, dst);
}

/** [bond * heads + h] attention weights of one layer: per head, the larger of the bond's two directed edges. */
export function bondAttentionOfLayer(layer: LayerCaptureData, numBonds: number, heads: number): Float64Array {
  const a = layer.attention;
  return Float64Array.from({ length: numBonds * heads }, (_, i) => {
    const [k, h] = [Math.floor(i / heads), i % heads];
    return Math.max(a[2 * k * heads + h], a[(2 * k + 1) * heads + h]);
  });
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
