/** The wasm Identity that shares its input's buffer: clones stay valid whichever is disposed first, nothing leaks. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProjectKernel } from '../../src/gnn/kernels';
import { useBackend } from './helpers/backends';

describe('Identity on wasm', () => {
  beforeAll(() => useBackend('wasm'));

  it('is ours', () => expect(isProjectKernel('Identity', 'wasm')).toBe(true));

  it('clones without copying, and either side survives the other’s disposal', async () => {
    const buffersBefore = tf.memory().numDataBuffers;
    const tensorsBefore = tf.memory().numTensors;
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const y = tf.clone(x);
    expect(tf.memory().numDataBuffers - buffersBefore).toBe(1); // one buffer for both
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    const z = tf.clone(y);
    z.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(tf.memory().numDataBuffers).toBe(buffersBefore);
  });

  it('keeps gradients right through saved tensors', async () => {
    const x = tf.tensor1d([1, -2, 3]);
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(v, v)))(x);
    expect(Array.from(await grad.data())).toEqual([2, -4, 6]);
    tf.dispose([x, grad]);
  });
});
