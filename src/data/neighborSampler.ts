/**
 * Neighbour sampling on one big graph (ogbn-proteins), as DGL's NeighborSampler([5, 10, 15, 1]) does for the
 * paper (docs/METHOD.md §9.3): fanouts are listed input -> output, so sampling starts at the seeds with the last fanout.
 * Each node takes at most `fanout` distinct neighbours uniformly without replacement (all of them when it has
 * fewer). In every block the dst nodes are the first `numDst` src nodes (DGL's convention).
 */
import type { NodePropertyGraph } from './ogbNodeProperty';

export const PAPER_FANOUTS = [5, 10, 15, 1] as const;

export interface Block {
  /** Global node ids; the first numDst of them are the block's dst nodes. */
  srcNodes: Int32Array;
  numDst: number;
  /** Per sampled edge: local src index, local dst index, and the undirected edge id in the graph. */
  edgeSrc: Int32Array;
  edgeDst: Int32Array;
  edgeIds: Int32Array;
}

export interface Adjacency {
  /** CSR: neighbours of node v are neighbours[offset[v] .. offset[v+1]), edge ids alongside. */
  offset: Int32Array;
  neighbours: Int32Array;
  edgeIds: Int32Array;
}

/** Both directions of every undirected edge (the paper's graph stores both). */
export function buildAdjacency(graph: Pick<NodePropertyGraph, 'numNodes' | 'edgeSrc' | 'edgeDst'>): Adjacency {
  const offset = new Int32Array(graph.numNodes + 1);
  for (let k = 0; k < graph.edgeSrc.length; k++) {
    offset[graph.edgeSrc[k] + 1]++;
    offset[graph.edgeDst[k] + 1]++;
  }
  for (let v = 0; v < graph.numNodes; v++) offset[v + 1] += offset[v];
  const fill = offset.slice(0, graph.numNodes);
  const neighbours = new Int32Array(2 * graph.edgeSrc.length);
  const edgeIds = new Int32Array(2 * graph.edgeSrc.length);
  for (let k = 0; k < graph.edgeSrc.length; k++) {
    const [u, v] = [graph.edgeSrc[k], graph.edgeDst[k]];
    neighbours[fill[u]] = v;
    edgeIds[fill[u]++] = k;
    neighbours[fill[v]] = u;
    edgeIds[fill[v]++] = k;
  }
  return { offset, neighbours, edgeIds };
}

/** Blocks from input to output (blocks[0] uses fanouts[0]); the last block's dst nodes are the seeds. */
export function sampleBlocks(
  adjacency: Adjacency,
  seeds: readonly number[],
  fanouts: readonly number[],
  random: () => number,
): Block[] {
  const blocks: Block[] = [];
  let dst = [...new Set(seeds)];
  for (let layer = fanouts.length - 1; layer >= 0; layer--) {
    const block = sampleOne(adjacency, dst, fanouts[layer], random);
    blocks.unshift(block);
    dst = Array.from(block.srcNodes);
  }
  return blocks;
}

function sampleOne(adjacency: Adjacency, dst: number[], fanout: number, random: () => number): Block {
  const src = [...dst];
  const local = new Map(dst.map((v, i) => [v, i]));
  const [edgeSrc, edgeDst, edgeIds]: number[][] = [[], [], []];
  dst.forEach((v, j) => {
    const [start, end] = [adjacency.offset[v], adjacency.offset[v + 1]];
    for (const slot of pickWithoutReplacement(end - start, fanout, random)) {
      const u = adjacency.neighbours[start + slot];
      let i = local.get(u);
      if (i === undefined) {
        i = src.length;
        local.set(u, i);
        src.push(u);
      }
      edgeSrc.push(i);
      edgeDst.push(j);
      edgeIds.push(adjacency.edgeIds[start + slot]);
    }
  });
  return {
    srcNodes: Int32Array.from(src),
    numDst: dst.length,
    edgeSrc: Int32Array.from(edgeSrc),
    edgeDst: Int32Array.from(edgeDst),
    edgeIds: Int32Array.from(edgeIds),
  };
}

/** k distinct indices of 0..n-1 (all of them when n <= k), by a partial Fisher-Yates shuffle. */
function pickWithoutReplacement(n: number, k: number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= k) return all;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, k);
}

/** Edge features of a block's sampled edges as floats in [0, 1]: [edges * width]. */
export function blockEdgeFeatures(graph: NodePropertyGraph, block: Block): Float32Array {
  const width = graph.edgeFeatureWidth;
  const out = new Float32Array(block.edgeIds.length * width);
  block.edgeIds.forEach((edge, e) => {
    for (let c = 0; c < width; c++) out[e * width + c] = graph.edgeFeatures[edge * width + c] / 1000;
  });
  return out;
}
