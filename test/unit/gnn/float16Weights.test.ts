/**
 * Float16 checkpoint storage: rounding equals numpy's (scripts/fixtures/make_float16_fixture.py), tfjs widens the
 * stored values back to numpy's float32 values, a tensor beyond float16's range stays float32, and a quantized
 * checkpoint decodes to a model of the same shape.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, parseModelJson } from '../../../src/gnn/checkpoint';
import { quantizeWeightsToFloat16, type WeightSpec } from '../../../src/gnn/float16Weights';
import { createModel } from '../../../src/gnn/model';
import { preset } from '../../../src/gnn/config';
import { disposeParams } from '../../../src/gnn/params';
import { useBackend } from '../helpers/backends';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gnn/float16.json', import.meta.url), 'utf8')) as {
  float32: number[];
  float16Bits: number[];
  widened: number[];
};

describe('quantizeWeightsToFloat16', () => {
  const values = Float32Array.from(fixture.float32);
  const specs: WeightSpec[] = [
    { name: 'a', shape: [20], dtype: 'float32' },
    { name: 'b', shape: [values.length - 20], dtype: 'float32' },
  ];

  it('rounds like numpy (ties to even, subnormals, the edge of the range)', () => {
    const { data, specs: out } = quantizeWeightsToFloat16(specs, values.buffer.slice(0));
    expect(data.byteLength).toBe(2 * values.length);
    expect(Array.from(new Uint16Array(data))).toEqual(fixture.float16Bits);
    expect(out.every((s) => s.quantization?.dtype === 'float16' && s.dtype === 'float32')).toBe(true);
  });

  it('decodes through tf.io.decodeWeights to numpy’s widened values', async () => {
    await useBackend('cpu');
    const { data, specs: out } = quantizeWeightsToFloat16(specs, values.buffer.slice(0));
    const tensors = tf.io.decodeWeights(data, out);
    const decoded = [...tensors.a.dataSync(), ...tensors.b.dataSync()];
    tf.dispose(Object.values(tensors));
    expect(decoded.map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(
      fixture.widened.map((v) => (Object.is(v, -0) ? 0 : v)),
    );
  });

  it('keeps a tensor with a value beyond float16 as float32, and the mixed manifest decodes exactly', async () => {
    await useBackend('cpu');
    // 'b' sits between two float16 tensors and has an odd length, so 'c' starts at an odd 2-byte offset.
    const mixedSpecs: WeightSpec[] = [
      { name: 'a', shape: [3], dtype: 'float32' },
      { name: 'b', shape: [3], dtype: 'float32' },
      { name: 'c', shape: [2], dtype: 'float32' },
    ];
    const raw = Float32Array.from([0.1, -2, 3.5, 1.1, 69078.25, -70000.5, 65504, -0.3]);
    const { data, specs: out, keptFloat32 } = quantizeWeightsToFloat16(mixedSpecs, raw.buffer.slice(0));
    expect(keptFloat32).toEqual(['b']);
    expect(out.map((s) => s.quantization?.dtype ?? s.dtype)).toEqual(['float16', 'float32', 'float16']);
    expect(data.byteLength).toBe(2 * 3 + 4 * 3 + 2 * 2);
    const tensors = tf.io.decodeWeights(data, out);
    const b = Array.from(tensors.b.dataSync());
    const a = Array.from(tensors.a.dataSync());
    const c = Array.from(tensors.c.dataSync());
    tf.dispose(Object.values(tensors));
    expect(b).toEqual([Math.fround(1.1), 69078.25, -70000.5]);
    // float16 neighbours of 0.1, 3.5, 65504 and -0.3 (spacing 2^-14, 2^-9, 32 and 2^-12 there).
    expect(a).toEqual([0.0999755859375, -2, 3.5]);
    expect(c).toEqual([65504, -0.300048828125]);
  });

  it('refuses a byte count that disagrees with the manifest', () => {
    const big = Float32Array.from([1, 70000]);
    expect(() => quantizeWeightsToFloat16([{ name: 'x', shape: [3], dtype: 'float32' }], big.buffer)).toThrow(
      /needs 12/,
    );
  });

  it('a quantized checkpoint loads, with every weight within float16 rounding of the original', async () => {
    await useBackend('cpu');
    const model = createModel(preset('small-gt-zinc'));
    const encoded = await encodeCheckpoint(model, {
      variant: 'base',
      epochs: 0,
      wallSeconds: 0,
      backend: 'cpu',
      metrics: {},
    });
    const specs = encoded.modelJson.weightsManifest[0].weights;
    const half = quantizeWeightsToFloat16(specs, encoded.weights);
    const json = parseModelJson({
      ...encoded.modelJson,
      weightsManifest: [{ paths: ['weights.bin'], weights: half.specs }],
    });
    const loaded = decodeCheckpoint(json, half.data);
    for (const [name, variable] of model.params) {
      const original = variable.dataSync();
      const stored = loaded.params.get(name)!.dataSync();
      for (let i = 0; i < original.length; i++)
        expect(Math.abs(stored[i] - original[i]), name).toBeLessThanOrEqual(
          Math.abs(original[i]) * 2 ** -11 + 2 ** -25,
        );
    }
    disposeParams(model.params);
    disposeParams(loaded.params);
  });
});
