import { describe, expect, it } from 'vitest';
import type { FeatureSpec, Graph } from '../../src/data/graph';
import { batchGraphs } from '../../src/data/graphBatch';

const spec: FeatureSpec = { nodeVocab: [28], edgeVocab: [4], nodeValueWidth: 0, numTargets: 1 };

function graph(numNodes: number, bonds: [number, number, number][], atoms: number[], y: number): Graph {
  return {
    numNodes,
    bondBegin: Int32Array.from(bonds.map((b) => b[0])),
    bondEnd: Int32Array.from(bonds.map((b) => b[1])),
    nodeFeatures: Int32Array.from(atoms),
    bondFeatures: Int32Array.from(bonds.map((b) => b[2])),
    nodeValues: new Float32Array(0),
    target: Float32Array.of(y),
    targetMask: Uint8Array.of(1),
  };
}

// Ethanol-like chain, a lone atom (no bonds) and a triangle.
const graphs = [
  graph(
    3,
    [
      [0, 1, 1],
      [1, 2, 1],
    ],
    [0, 0, 1],
    0.5,
  ),
  graph(1, [], [3], -1),
  graph(
    3,
    [
      [0, 1, 2],
      [1, 2, 1],
      [0, 2, 3],
    ],
    [0, 2, 0],
    2,
  ),
];

describe('batchGraphs', () => {
  const batch = batchGraphs(graphs, spec);

  it('packs graphs block-diagonally with offsets', () => {
    expect([batch.numGraphs, batch.numNodes, batch.numBonds, batch.numEdges]).toEqual([3, 7, 5, 10]);
    expect(Array.from(batch.nodeOffset)).toEqual([0, 3, 4, 7]);
    expect(Array.from(batch.bondOffset)).toEqual([0, 2, 2, 5]);
    expect(Array.from(batch.graphOfNode)).toEqual([0, 0, 0, 1, 2, 2, 2]);
    expect(Array.from(batch.nodeFeatures)).toEqual([0, 0, 1, 3, 0, 2, 0]);
    expect(Array.from(batch.targets)).toEqual([0.5, -1, 2]);
  });

  it('turns bond k into edges 2k (begin->end) and 2k+1 (end->begin) carrying the bond features', () => {
    expect(Array.from(batch.src)).toEqual([0, 1, 1, 2, 4, 5, 5, 6, 4, 6]);
    expect(Array.from(batch.dst)).toEqual([1, 0, 2, 1, 5, 4, 6, 5, 6, 4]);
    expect(Array.from(batch.bondOfEdge)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(Array.from(batch.edgeFeatures)).toEqual([1, 1, 1, 1, 2, 2, 1, 1, 3, 3]);
  });

  it("keeps every graph's edges inside its own node range", () => {
    for (let e = 0; e < batch.numEdges; e++) {
      const g = batch.graphOfEdge[e];
      for (const node of [batch.src[e], batch.dst[e]]) {
        expect(node).toBeGreaterThanOrEqual(batch.nodeOffset[g]);
        expect(node).toBeLessThan(batch.nodeOffset[g + 1]);
        expect(batch.graphOfNode[node]).toBe(g);
      }
    }
  });

  it('handles an empty list', () => {
    const empty = batchGraphs([], spec);
    expect([empty.numGraphs, empty.numNodes, empty.numEdges]).toEqual([0, 0, 0]);
  });

  it.each([
    ['a bond endpoint outside the graph', graph(2, [[0, 2, 1]], [0, 0], 0), /bond 0 joins 0 and 2, outside 0..1/],
    ['a self-loop', graph(2, [[1, 1, 1]], [0, 0], 0), /joins atom 1 to itself/],
    [
      'an atom type outside the vocabulary',
      graph(2, [[0, 1, 1]], [0, 28], 0),
      /node 1 feature 0 is 28, outside \[0, 28\)/,
    ],
    ['a negative bond type', graph(2, [[0, 1, -1]], [0, 0], 0), /bond 0 feature 0 is -1/],
    ['a short feature array', graph(2, [[0, 1, 1]], [0], 0), /node features have 1 entries, expected 2/],
  ])('rejects %s, naming the graph', (_what, bad, message) => {
    expect(() => batchGraphs([graphs[0], bad], spec)).toThrow(message);
    expect(() => batchGraphs([graphs[0], bad], spec)).toThrow(/graph 1 of the batch/);
  });
});
