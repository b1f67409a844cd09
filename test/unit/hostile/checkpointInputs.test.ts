/** Checkpoints with weights no trained model has: refused by name, nothing kept, no tensor left behind. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/engine/node';
import { encodeCheckpoint, type ModelJson } from '../../../src/gnn/checkpoint';
import { preset } from '../../../src/gnn/config';
import { createModel } from '../../../src/gnn/model';
import { disposeParams } from '../../../src/gnn/params';
import { ModelRegistry } from '../../../src/engine/models';

let modelJson: ModelJson;
let weights: ArrayBuffer;

beforeAll(async () => {
  await createNodeEngine().init();
  const model = createModel(preset('small-gt-zinc'));
  const encoded = await encodeCheckpoint(model, {
    variant: 'base',
    epochs: 0,
    wallSeconds: 0,
    backend: 'wasm',
    metrics: {},
  });
  disposeParams(model.params);
  [modelJson, weights] = [encoded.modelJson, encoded.weights];
});

/** The weights with element `at` of weight `name` set to `value`. */
function withValue(name: string, at: number, value: number): ArrayBuffer {
  const specs = modelJson.weightsManifest[0].weights;
  let offset = 0;
  for (const spec of specs) {
    if (spec.name === name) break;
    offset += spec.shape.reduce((a, b) => a * b, 1);
  }
  const values = new Float32Array(weights.slice(0));
  values[offset + at] = value;
  return values.buffer;
}

describe('non-finite weights', () => {
  it.each([
    ['MLP_layer.FC_layers.2.weight', 0, Infinity, /weight "MLP_layer.FC_layers.2.weight" holds Infinity at element 0/],
    ['layers.0.attention.Q.weight', 5, NaN, /weight "layers.0.attention.Q.weight" holds NaN at element 5/],
    ['embedding_e.weight', 1, -Infinity, /weight "embedding_e.weight" holds -Infinity at element 1/],
    ['layers.1.O_h.bias', 2, 3e38, /weight "layers.1.O_h.bias" holds 3.00e\+38 at element 2/],
  ])('refuses %s = %s by name', (name, at, value, message) => {
    const registry = new ModelRegistry();
    const before = tf.memory().numTensors;
    expect(() => registry.load(modelJson, withValue(name, at, value))).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('still loads the untouched checkpoint', () => {
    const registry = new ModelRegistry();
    const id = registry.load(modelJson, weights);
    registry.dispose(id);
  });
});
