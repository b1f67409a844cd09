import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { seededRandom, useBackend } from './helpers/backends';

describe('row gather on wasm (our kernel) against cpu (tfjs)', () => {
  it.each([
    [
      [5, 3],
      [0, 4, 4, 2],
    ],
    [
      [7, 2, 3],
      [6, 0, 1, 1, 5],
    ],
    [[4], [3, 3, 0]],
    [[3, 2], []],
  ])('x of shape %j gathered at %j', async (shape, indices) => {
    const random = seededRandom(shape.length * 17 + indices.length);
    const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random(-1, 1));
    const gatherOn = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      return tf.tidy(() => tf.gather(tf.tensor(values, shape), tf.tensor1d(indices, 'int32')).arraySync());
    };
    expect(await gatherOn('wasm')).toEqual(await gatherOn('cpu'));
  });

  it('still handles other axes (through the stock kernel) and int32 values', async () => {
    await useBackend('wasm');
    const columns = tf.tidy(() =>
      tf.gather(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor1d([2, 0], 'int32'), 1).arraySync(),
    );
    expect(columns).toEqual([
      [3, 1],
      [6, 4],
    ]);
    const ints = tf.tidy(() => tf.gather(tf.tensor1d([7, 8, 9], 'int32'), tf.tensor1d([2, 2, 0], 'int32')).arraySync());
    expect(ints).toEqual([9, 9, 7]);
  });

  it('throws on an index outside the rows instead of returning zeros', async () => {
    await useBackend('wasm');
    tf.tidy(() => {
      expect(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32'))).toThrow(
        /index 3 at position 1 is outside \[0, 3\)/,
      );
    });
  });
});
