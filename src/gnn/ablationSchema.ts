/** zod schema for an Ablation coming from outside (CLI --ablate JSON, URL state), with messages in plain words. */
import { z } from 'zod';
import type { Ablation } from './ablation';

const index = z.number().int().min(0);

export const ablationSchema = z
  .object({
    removeBonds: z.array(index).optional(),
    features: z
      .array(
        z
          .object({
            mode: z.enum(['zero', 'median']),
            layers: z.array(index).optional(),
            edges: z.array(index).optional(),
            dims: z.array(index).optional(),
            threshold: z.number().positive().optional(),
          })
          .strict(),
      )
      .optional(),
    randomizeBondTypes: z.object({ seed: z.number().int() }).strict().optional(),
    globalNode: z.boolean().optional(),
  })
  .strict();

export function parseAblation(json: unknown): Ablation {
  const parsed = ablationSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'ablation'}: ${i.message}`);
    throw new Error(`invalid ablation: ${issues.join('; ')}`);
  }
  return parsed.data;
}
