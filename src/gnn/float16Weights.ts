/**
 * Float16 storage for shipped checkpoints: halves weights.bin (27 float32 checkpoints would not fit the 40 MB
 * budget). The manifest says so in tfjs's own way (`quantization: {dtype: 'float16'}` on a float32 weight), so
 * `tf.io.decodeWeights` (and any tfjs loader) widens the values back to float32 on load.
 */
import { Float16Array } from '@petamoriken/float16';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: 'float16' };
}

const sizeOf = (spec: WeightSpec) => spec.shape.reduce((a, b) => a * b, 1);

/** Rounds every float32 weight to the nearest float16 (ties to even); throws if a weight is beyond float16's range. */
export function quantizeWeightsToFloat16(
  specs: readonly WeightSpec[],
  data: ArrayBuffer,
): { specs: WeightSpec[]; data: ArrayBuffer } {
  const total = specs.reduce((n, s) => n + sizeOf(s), 0);
  if (specs.some((s) => s.dtype !== 'float32' || s.quantization))
    throw new Error('only plain float32 weights can be stored as float16');
  if (data.byteLength !== 4 * total)
    throw new Error(`weights have ${data.byteLength} bytes, the manifest needs ${4 * total}`);
  const values = new Float32Array(data);
  const half = new Float16Array(values);
  const overflow = half.findIndex((v, i) => !Number.isFinite(v) && Number.isFinite(values[i]));
  if (overflow >= 0) throw new Error(`weight value ${values[overflow]} is beyond float16's range (±65504)`);
  return {
    specs: specs.map((s) => ({ ...s, quantization: { dtype: 'float16' } })),
    data: half.buffer.slice(0),
  };
}
