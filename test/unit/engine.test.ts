import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { runAttentionProbe } from '../../src/gnn/attentionProbe';
import { seededRandom, useBackend } from './helpers/backends';

describe('engine in Node', () => {
  it('starts on wasm and its attention probe matches a hand-computed two-edge case', async () => {
    const engine = createNodeEngine();
    const info = await engine.info();
    expect(info.name).toBe('wasm');
    expect(info.host).toBe('node');
    expect(info.tfjsVersion).toBe('4.22.0');

    // One head, d = 1: node 2 receives from nodes 0 and 1; nodes 0 and 1 receive nothing.
    // score = k_src * q_dst / sqrt(1); weights exp(clamp(.)): edge 0 -> exp(2*1)=e^2, edge 1 -> exp(clamp(10*1)) = e^5.
    const input = {
      numNodes: 3,
      heads: 1,
      headDim: 1,
      src: Int32Array.from([0, 1]),
      dst: Int32Array.from([2, 2]),
      q: Float32Array.from([0, 0, 1]),
      k: Float32Array.from([2, 10, 0]),
      v: Float32Array.from([1, 3, 0]),
    };
    const first = await engine.attentionProbe(input);
    const [w0, w1] = [Math.exp(2), Math.exp(5)];
    expect(first.output[0]).toBe(0);
    expect(first.output[1]).toBe(0);
    expect(first.output[2]).toBeCloseTo((w0 * 1 + w1 * 3) / (w0 + w1 + 1e-6), 5);
    const second = await engine.attentionProbe(input);
    expect(second.numTensors).toBe(first.numTensors);
  });

  it('gives the same probe output on wasm and cpu for a random graph', async () => {
    const random = seededRandom(99);
    const [numNodes, heads, headDim, numEdges] = [20, 4, 8, 60];
    const size = numNodes * heads * headDim;
    const input = {
      numNodes,
      heads,
      headDim,
      src: Int32Array.from({ length: numEdges }, () => Math.floor(random(0, numNodes))),
      dst: Int32Array.from({ length: numEdges }, () => Math.floor(random(0, numNodes))),
      q: Float32Array.from({ length: size }, () => random(-2, 2)),
      k: Float32Array.from({ length: size }, () => random(-2, 2)),
      v: Float32Array.from({ length: size }, () => random(-1, 1)),
    };
    await useBackend('wasm');
    const { output: onWasm } = await runAttentionProbe(input);
    await useBackend('cpu');
    const { output: onCpu } = await runAttentionProbe(input);
    onCpu.forEach((value, i) => expect(onWasm[i]).toBeCloseTo(value, 5));
  });
});
