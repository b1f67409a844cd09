/**
 * Float16 storage for shipped checkpoints: halves weights.bin (27 float32 checkpoints would not fit the 40 MB
 * budget). The manifest says so in tfjs's own way (`quantization: {dtype: 'float16'}` on a float32 weight), so
 * `tf.io.decodeWeights` (and any tfjs loader) widens the values back to float32 on load. A tensor holding a value
 * beyond float16's range (a BatchNorm's running variance can pass 65504 late in a long schedule) stays float32:
 * the manifest then mixes both, which tfjs reads tensor by tensor.
 */
import { Float16Array } from '@petamoriken/float16';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: 'float16' };
}

const sizeOf = (spec: WeightSpec) => spec.shape.reduce((a, b) => a * b, 1);

/**
 * Rounds every float32 weight to the nearest float16 (ties to even), except the tensors with a finite value beyond
 * float16's range (±65504), which are kept as float32 and named in `keptFloat32`.
 */
export function quantizeWeightsToFloat16(
  specs: readonly WeightSpec[],
  data: ArrayBuffer,
): { specs: WeightSpec[]; data: ArrayBuffer; keptFloat32: string[] } {
  const total = specs.reduce((n, s) => n + sizeOf(s), 0);
  if (specs.some((s) => s.dtype !== 'float32' || s.quantization))
    throw new Error('only plain float32 weights can be stored as float16');
  if (data.byteLength !== 4 * total)
    throw new Error(`weights have ${data.byteLength} bytes, the manifest needs ${4 * total}`);
  const values = new Float32Array(data);
  const parts: Uint8Array[] = [];
  const outSpecs: WeightSpec[] = [];
  const keptFloat32: string[] = [];
  let offset = 0;
  for (const spec of specs) {
    const tensor = values.subarray(offset, offset + sizeOf(spec));
    offset += tensor.length;
    const half = new Float16Array(tensor);
    const overflows = half.some((v, i) => !Number.isFinite(v) && Number.isFinite(tensor[i]));
    if (overflows) {
      keptFloat32.push(spec.name);
      outSpecs.push({ ...spec });
      parts.push(new Uint8Array(Float32Array.from(tensor).buffer));
    } else {
      outSpecs.push({ ...spec, quantization: { dtype: 'float16' } });
      parts.push(new Uint8Array(half.buffer));
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { specs: outSpecs, data: out.buffer, keptFloat32 };
}
