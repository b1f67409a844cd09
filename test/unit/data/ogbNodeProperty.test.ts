/** OGB node-property raw files (streamed, plain or .gz) and neighbour sampling with the paper's fanouts. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { NamedBlob } from '../../../src/data/lineStream';
import { buildAdjacency, blockEdgeFeatures, PAPER_FANOUTS, sampleBlocks } from '../../../src/data/neighborSampler';
import { isOgbNodePropertyLayout, loadOgbNodeProperty } from '../../../src/data/ogbNodeProperty';
import { seededUniform } from '../../../src/data/random';

const blob = (name: string, lines: string[], gz = true): NamedBlob => {
  const body = lines.join('\n') + '\n';
  return { name: gz ? `${name}.gz` : name, blob: new Blob([gz ? gzipSync(body) : body]) };
};

// A ring of 30 nodes plus chords from node 0 to every even node: node 0 has many neighbours.
const numNodes = 30;
const edges: [number, number][] = [];
for (let v = 0; v < numNodes; v++) edges.push([v, (v + 1) % numNodes]);
for (let v = 4; v < numNodes; v += 2) edges.push([0, v]);

function files(extra: { edgeLines?: string[]; plain?: boolean } = {}): NamedBlob[] {
  const gz = !extra.plain;
  return [
    blob('raw/edge.csv', extra.edgeLines ?? edges.map(([u, v]) => `${u},${v}`), gz),
    blob(
      'raw/edge-feat.csv',
      edges.map((_, k) => Array.from({ length: 8 }, (_, c) => ((k + c) % 10) / 10).join(',')),
      gz,
    ),
    blob(
      'raw/node_species.csv',
      Array.from({ length: numNodes }, (_, v) => String(v % 2 ? 9606 : 3702)),
      gz,
    ),
    blob(
      'raw/node-label.csv',
      Array.from({ length: numNodes }, (_, v) => Array.from({ length: 112 }, (_, t) => (v + t) % 2).join(',')),
      gz,
    ),
    blob('split/species/train.csv', ['0', '1', '2'], gz),
    blob('split/species/valid.csv', ['3'], gz),
    blob('split/species/test.csv', ['4', '5', '99'], gz),
  ];
}

describe('loadOgbNodeProperty', () => {
  it('reads the gzip layout: edges, features, species, labels and splits', async () => {
    expect(isOgbNodePropertyLayout(files().map((f) => f.name))).toBe(true);
    const graph = await loadOgbNodeProperty(files());
    expect([graph.numNodes, graph.numEdges, graph.edgeFeatureWidth, graph.numLabels]).toEqual([
      30,
      edges.length,
      8,
      112,
    ]);
    expect(graph.species).toEqual([3702, 9606]);
    expect(Array.from(graph.nodeSpecies.subarray(0, 3))).toEqual([0, 1, 0]);
    expect(graph.edgeFeatures[1 * 8 + 2]).toBe(300);
    expect(Array.from(graph.split.test)).toEqual([4, 5]);
    expect(graph.skipped).toEqual([{ file: 'split/species/test.csv.gz', line: 3, reason: 'node 99 does not exist' }]);
  });

  it('reads plain files too, and skips bad edge lines with their numbers', async () => {
    const graph = await loadOgbNodeProperty(files({ plain: true, edgeLines: ['0,1', '1,x', '2,77', '2,3'] }));
    expect(graph.numEdges).toBe(2);
    expect(graph.skipped.slice(0, 2)).toEqual([
      { file: 'raw/edge.csv', line: 2, reason: 'should hold 2 numbers' },
      { file: 'raw/edge.csv', line: 3, reason: 'edge 2-77 names a node outside 0..29' },
    ]);
  });

  it('says a truncated gzip is truncated', async () => {
    const broken = files();
    const big = gzipSync(
      edges
        .map(([u, v]) => `${u},${v}`)
        .join('\n')
        .repeat(50),
    );
    broken[0] = { name: 'raw/edge.csv.gz', blob: new Blob([big.subarray(0, big.length / 2)]) };
    await expect(loadOgbNodeProperty(broken)).rejects.toThrow(/raw\/edge.csv.gz is truncated/);
  });

  it('refuses a graph over the edge limit', async () => {
    await expect(loadOgbNodeProperty(files(), { maxEdges: 10 })).rejects.toThrow(/more than 10 edges/);
  });
});

describe('sampleBlocks', () => {
  it('samples input-to-output with fanouts [5, 10, 15, 1], dst nodes first, without replacement', async () => {
    const graph = await loadOgbNodeProperty(files());
    const adjacency = buildAdjacency(graph);
    const blocks = sampleBlocks(adjacency, [0, 7], PAPER_FANOUTS, seededUniform(3));
    expect(blocks).toHaveLength(4);
    expect(Array.from(blocks[3].srcNodes.subarray(0, 2))).toEqual([0, 7]);
    blocks.forEach((block, layer) => {
      const fanout = PAPER_FANOUTS[layer];
      if (layer > 0)
        expect(Array.from(blocks[layer - 1].srcNodes.subarray(0, blocks[layer - 1].numDst))).toEqual(
          Array.from(block.srcNodes),
        );
      for (let j = 0; j < block.numDst; j++) {
        const v = block.srcNodes[j];
        const picked = Array.from(block.edgeDst).flatMap((d, e) => (d === j ? [block.srcNodes[block.edgeSrc[e]]] : []));
        const degree = adjacency.offset[v + 1] - adjacency.offset[v];
        expect(picked.length).toBe(Math.min(fanout, degree));
        expect(new Set(picked).size).toBe(picked.length);
        for (const u of picked)
          expect(Array.from(adjacency.neighbours.subarray(adjacency.offset[v], adjacency.offset[v + 1]))).toContain(u);
      }
    });
    expect(blockEdgeFeatures(graph, blocks[3])).toHaveLength(blocks[3].edgeIds.length * 8);
    const again = sampleBlocks(adjacency, [0, 7], PAPER_FANOUTS, seededUniform(3));
    expect(Array.from(again[0].srcNodes)).toEqual(Array.from(blocks[0].srcNodes));
  });
});
