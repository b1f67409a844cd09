/**
 * public/models/index.json: the checkpoints the app serves, one entry per checkpoint (the model picker reads it).
 * Each entry repeats the essentials of its model.json so the picker needs no second request.
 */
import { z } from 'zod';
import { modelConfigSchema } from './config';

export const VARIANTS = ['base', 'trained', 'ebt'] as const;

export const modelIndexEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  model: z.enum(['gt', 'san', 'graphit']),
  dataset: z.enum(['zinc', 'tox21', 'proteins']),
  variant: z.enum(VARIANTS),
  /** Folder under public/models holding model.json and weights.bin. */
  path: z.string(),
  config: modelConfigSchema,
  epochs: z.number().int().min(0),
  wallSeconds: z.number().min(0),
  /** Per split: loss and the dataset's metric (mae, rocAuc or accuracy). */
  metrics: z.record(z.string(), z.record(z.string(), z.number().nullable())),
  weightsBytes: z.number().int().min(0),
});

export const modelIndexSchema = z.object({
  format: z.literal('ma-explorer-models'),
  version: z.literal(1),
  models: z.array(modelIndexEntrySchema),
});

export type ModelIndexEntry = z.infer<typeof modelIndexEntrySchema>;
export type ModelIndex = z.infer<typeof modelIndexSchema>;

export function parseModelIndex(json: unknown): ModelIndex {
  const parsed = modelIndexSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `models/index.json is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
