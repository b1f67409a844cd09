/**
 * Checkpoints (docs/DESIGN.md): a folder with `model.json` (config, training record, a standard tfjs weights
 * manifest) and `weights.bin`; `optimizer.bin` too when training can be resumed. Weight names are the PyTorch
 * reference's state_dict names; Linear weights are stored [in, out] (PyTorch's transposed). This module turns
 * models into bytes and back; reading and writing files is the caller's business (Node CLI or browser fetch).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types';
import { z } from 'zod';
import { modelConfigSchema, validateConfig, type ModelConfig } from './config';
import type { Model } from './model';
import { paramSpecs, type Params } from './params';
import type { TrainingState } from './train';

export const CHECKPOINT_FORMAT = 'ma-explorer-checkpoint';

const manifestSchema = z.array(
  z.object({
    paths: z.array(z.string()),
    weights: z.array(
      z.object({
        name: z.string(),
        shape: z.array(z.number().int().min(0)),
        dtype: z.enum(['float32', 'int32']),
        /** Shipped checkpoints store float32 weights as float16 (float16Weights.ts). */
        quantization: z.object({ dtype: z.literal('float16') }).optional(),
      }),
    ),
  }),
);

/** How a checkpoint was made; free-form beyond these fields (metrics, per-epoch history, MA statistics). */
const trainingRecordSchema = z
  .object({
    variant: z.enum(['base', 'trained', 'ebt']),
    epochs: z.number().int().min(0),
    wallSeconds: z.number().min(0),
    backend: z.string(),
    metrics: z.record(z.string(), z.record(z.string(), z.number().nullable())),
  })
  .loose();

export const modelJsonSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  id: z.string().optional(),
  config: modelConfigSchema,
  training: trainingRecordSchema,
  weightsManifest: manifestSchema,
  optimizerManifest: manifestSchema.optional(),
  trainingState: z.unknown().optional(),
});

export type ModelJson = z.infer<typeof modelJsonSchema>;
export type TrainingRecord = z.infer<typeof trainingRecordSchema>;

export interface EncodedCheckpoint {
  modelJson: ModelJson;
  weights: ArrayBuffer;
  optimizer?: ArrayBuffer;
}

export async function encodeCheckpoint(
  model: Model,
  training: TrainingRecord,
  resumable?: { state: TrainingState; optimizerWeights: NamedTensor[] },
): Promise<EncodedCheckpoint> {
  const encoded = await tf.io.encodeWeights(Object.fromEntries(model.params));
  const modelJson: ModelJson = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    config: model.config,
    training,
    weightsManifest: [{ paths: ['weights.bin'], weights: encoded.specs as ModelJson['weightsManifest'][0]['weights'] }],
  };
  if (!resumable) return { modelJson, weights: encoded.data };
  const optimizer = await tf.io.encodeWeights(resumable.optimizerWeights);
  modelJson.optimizerManifest = [
    { paths: ['optimizer.bin'], weights: optimizer.specs as ModelJson['weightsManifest'][0]['weights'] },
  ];
  modelJson.trainingState = resumable.state;
  return { modelJson, weights: encoded.data, optimizer: optimizer.data };
}

/** Validates model.json and the weights against the config's parameter list; errors name what is wrong. */
export function parseModelJson(json: unknown, where = 'model.json'): ModelJson {
  const parsed = modelJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'the file'}: ${plainIssue(i.message)}`);
    const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
    throw new Error(`${where} is not a valid checkpoint: ${issues.slice(0, 3).join('; ')}${more}`);
  }
  validateConfig(parsed.data.config);
  return parsed.data;
}

/** zod's "Invalid input: expected object, received undefined" said as a person would: "missing (an object)". */
function plainIssue(message: string): string {
  return message
    .replace(/^Invalid input: expected (\w+), received undefined$/, 'missing (expected $1)')
    .replace(/^Invalid input: /, '');
}

export function decodeCheckpoint(modelJson: ModelJson, weights: ArrayBuffer): Model {
  const config: ModelConfig = modelJson.config;
  const specs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const expected = paramSpecs(config);
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const spec of expected) {
    const stored = byName.get(spec.name);
    if (!stored) throw new Error(`checkpoint lacks weight "${spec.name}"`);
    if (stored.shape.join() !== spec.shape.join())
      throw new Error(`weight "${spec.name}" has shape [${stored.shape}], the config needs [${spec.shape}]`);
  }
  if (specs.some((s) => s.dtype !== 'float32')) throw new Error('model weights must be float32');
  const bytes = specs.reduce((n, s) => n + (s.quantization ? 2 : 4) * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== bytes)
    throw new Error(`weights.bin has ${weights.byteLength} bytes, the manifest needs ${bytes}`);
  const tensors = tf.io.decodeWeights(weights, specs);
  try {
    refuseNonFinite(expected.map((spec) => [spec.name, tensors[spec.name]] as const));
  } catch (error) {
    tf.dispose(Object.values(tensors));
    throw error;
  }
  const params: Params = new Map();
  for (const spec of expected) {
    const tensor = tensors[spec.name];
    params.set(spec.name, tf.variable(tensor, spec.trainable, `ckpt${checkpointCount}/${spec.name}`));
  }
  checkpointCount++;
  tf.dispose(Object.values(tensors));
  return { config, params };
}

let checkpointCount = 0;

/** Trained weights stay within a few hundred; past this a forward pass overflows float32. */
const MAX_WEIGHT = 1e8;

/**
 * A NaN or infinite weight makes every prediction NaN (or, in a readout, a plausible wrong number), and a huge one
 * overflows in the forward pass, so such a checkpoint is refused, naming the first weight and element at fault.
 */
function refuseNonFinite(weights: readonly (readonly [string, tf.Tensor])[]): void {
  for (const [name, tensor] of weights) {
    const values = tensor.dataSync();
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (Math.abs(value) <= MAX_WEIGHT) continue;
      if (Number.isFinite(value))
        throw new Error(
          `weight "${name}" holds ${value.toExponential(2)} at element ${i}; weights past ±1e8 overflow float32 ` +
            'in a forward pass, so this cannot be a trained model',
        );
      const bad = values.filter((v) => !Number.isFinite(v)).length;
      throw new Error(
        `weight "${name}" holds ${value} at element ${i}` +
          (bad > 1 ? ` (and ${bad - 1} more values that are not finite)` : '') +
          '; a checkpoint must hold finite numbers only',
      );
    }
  }
}

export function decodeOptimizerWeights(modelJson: ModelJson, optimizer: ArrayBuffer): NamedTensor[] {
  const specs = (modelJson.optimizerManifest ?? []).flatMap((g) => g.weights);
  const tensors = tf.io.decodeWeights(optimizer, specs);
  return specs.map((s) => ({ name: s.name, tensor: tensors[s.name] }));
}
