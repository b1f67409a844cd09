import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, seededRandom, useBackend } from './helpers/backends';

/** The textbook definition, deliberately the slow way round: for each segment, scan all rows. */
function naiveSegmentSum(x: number[], ids: number[], rowSize: number, numSegments: number): number[] {
  const out = new Array<number>(numSegments * rowSize).fill(0);
  for (let s = 0; s < numSegments; s++)
    for (let e = 0; e < ids.length; e++)
      if (ids[e] === s) for (let f = 0; f < rowSize; f++) out[s * rowSize + f] += x[e * rowSize + f];
  return out;
}

describe.each(NODE_BACKENDS)('UnsortedSegmentSum on %s', (backend) => {
  let tensorsBefore = 0;
  beforeEach(async () => {
    await useBackend(backend);
    tensorsBefore = tf.memory().numTensors;
  });
  afterEach(() => expect(tf.memory().numTensors).toBe(tensorsBefore));

  const shapes: [rows: number, feature: number[], segments: number][] = [
    [1, [], 1],
    [7, [3], 4],
    [50, [2, 4], 9],
    [300, [64], 120],
    [40, [5], 100], // more segments than rows: many empty segments
  ];

  it.each(shapes)('equals the naive sum for E=%i, features %j, %i segments', async (rows, feature, segments) => {
    const random = seededRandom(rows * 31 + segments);
    const rowSize = feature.reduce((a, b) => a * b, 1);
    const x = Array.from({ length: rows * rowSize }, () => random(-2, 2));
    const ids = Array.from({ length: rows }, () => Math.floor(random(0, segments)));
    const out = tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor(x, [rows, ...feature]), tf.tensor1d(ids, 'int32'), segments),
    );
    expect(out.shape).toEqual([segments, ...feature]);
    const got = await out.data();
    out.dispose();
    const want = naiveSegmentSum(x, ids, rowSize, segments);
    want.forEach((value, i) => expect(got[i]).toBeCloseTo(value, 4));
  });

  it('gives zeros for E = 0', async () => {
    const out = tf.tidy(() => tf.unsortedSegmentSum(tf.zeros([0, 3]), tf.tensor1d([], 'int32'), 5));
    expect(out.shape).toEqual([5, 3]);
    expect(Array.from(await out.data())).toEqual(new Array(15).fill(0));
    out.dispose();
  });

  it('sums int32 values exactly', async () => {
    const out = tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([2, 0, 2, 2], 'int32'), 3),
    );
    expect(out.dtype).toBe('int32');
    expect(Array.from(await out.data())).toEqual([2, 0, 8]);
    out.dispose();
  });

  it.each([
    [[0, 3, 1], 3, /segment id 3 at position 1 is outside \[0, 3\)/],
    [[0, -1], 3, /segment id -1 at position 1/],
  ])('rejects ids %j with %i segments', (ids, segments, message) => {
    tf.tidy(() => {
      const x = tf.ones([ids.length, 2]);
      expect(() => tf.unsortedSegmentSum(x, tf.tensor1d(ids, 'int32'), segments)).toThrow(message);
    });
  });

  it('gradient of sum(c * segsum(exp(gather(x, src)), dst)) matches central finite differences', async () => {
    const random = seededRandom(7);
    const [numNodes, numEdges, width] = [6, 14, 3];
    const src = tf.tensor1d(
      Array.from({ length: numEdges }, () => Math.floor(random(0, numNodes))),
      'int32',
    );
    const dst = tf.tensor1d(
      Array.from({ length: numEdges }, () => Math.floor(random(0, numNodes))),
      'int32',
    );
    const weights = tf.tensor2d(
      Array.from({ length: numNodes * width }, () => random(-1, 1)),
      [numNodes, width],
    );
    const f = (x: tf.Tensor) =>
      tf.sum(tf.mul(weights, tf.unsortedSegmentSum(tf.exp(tf.gather(x, src)), dst, numNodes))) as tf.Scalar;
    const x0 = Array.from({ length: numNodes * width }, () => random(-1, 1));
    const xTensor = tf.tensor2d(x0, [numNodes, width]);
    const gradTensor = tf.grad(f)(xTensor);
    const analytic = await gradTensor.data();
    const h = 1e-2;
    for (let i = 0; i < x0.length; i++) {
      const at = (delta: number) =>
        tf.tidy(
          () =>
            f(
              tf.tensor2d(
                x0.map((v, j) => (j === i ? v + delta : v)),
                [numNodes, width],
              ),
            ).dataSync()[0],
        );
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(Math.abs(analytic[i] - numeric)).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)));
    }
    // The gradient is not trivially zero: some node is a source of some edge.
    expect(Math.max(...Array.from(analytic, Math.abs))).toBeGreaterThan(0.1);
    tf.dispose([src, dst, weights, xTensor, gradTensor]);
  });
});

describe('kernel registration', () => {
  it('puts our kernels in place: segment sum on cpu and wasm, row gather on wasm', async () => {
    const { isProjectKernel } = await import('../../src/gnn/kernels');
    await useBackend('cpu');
    expect(isProjectKernel('UnsortedSegmentSum', 'cpu')).toBe(true);
    expect(isProjectKernel('UnsortedSegmentSum', 'wasm')).toBe(true);
    expect(isProjectKernel('GatherV2', 'wasm')).toBe(true);
    expect(isProjectKernel('GatherV2', 'cpu')).toBe(false);
  });
});
