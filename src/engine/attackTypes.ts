/**
 * Plain data of the robustness attack the attack panel runs (attackRuns.ts, docs/METHOD.md §11) and of the results
 * recorded beside shipped checkpoints (public/models/<id>/attack.json, `npm run cli -- attack`). Everything crosses
 * the worker boundary by structured clone.
 */
import { z } from 'zod';
import type { BundledDatasetName } from '../data/bundledDatasets';
import type { SplitName } from '../data/split';
import type { AttackResult } from '../explain/attack';

export type { AttackResult } from '../explain/attack';

export interface AttackRequest {
  /** One or two model catalogue entry ids (e.g. "ckpt:gt-tox21-trained", "ckpt:gt-tox21-ebt"). */
  models: string[];
  dataset: BundledDatasetName;
  split: SplitName;
  /** Noise levels; default the paper's 0.01, 0.0316, 0.1. */
  sigmas?: number[];
  /** Ascent epochs per σ; default 5 (the paper's limit is 1000, stopping once lr < 1e-6). */
  maxEpochs?: number;
  /** Attack only the first `limit` graphs of the split; default 256. */
  limit?: number;
  seed?: number;
  /** With it, the share of edges with an MA per layer under the random and the optimised noise. */
  maThreshold?: number;
}

export interface AttackRunProgress {
  /** 0-based model and σ being attacked, of how many. */
  model: number;
  models: number;
  modelEntry: string;
  sigmaIndex: number;
  sigmas: number;
  sigma: number;
  /** Ascent epochs done for this σ (0: the random loss is being measured). */
  epoch: number;
  maxEpochs: number;
  /** The last epoch's mean loss under the noise being optimised, and its learning rate (null before epoch 1). */
  loss: number | null;
  lr: number | null;
}

export interface AttackModelResult {
  modelEntry: string;
  label: string;
  results: AttackResult[];
}

export interface AttackRunResult {
  dataset: BundledDatasetName;
  split: SplitName;
  graphs: number;
  maxEpochs: number;
  seed: number;
  /** True when cancelAttack ended the run: the σ it was in is measured after fewer epochs, later ones are left out. */
  cancelled: boolean;
  models: AttackModelResult[];
  backend: string;
  seconds: number;
}

const finite = z
  .number()
  .nullable()
  .transform((x) => x ?? Number.NaN);

/** attack.json as the CLI writes it (JSON null stands for a number that was not finite). */
export const recordedAttackSchema = z.object({
  split: z.string(),
  graphs: z.number().int().nonnegative(),
  maxEpochs: z.number().int().nonnegative(),
  seed: z.number().optional(),
  backend: z.string().optional(),
  seconds: z.number().optional(),
  results: z.array(
    z.object({
      sigma: z.number(),
      lossRandom: finite,
      lossOptimised: finite,
      gain: finite,
      epochs: z.number().int().nonnegative(),
      stopReason: z.enum(['min-lr', 'max-epochs', 'cancelled']),
      finalLr: finite,
      maShare: z.object({ threshold: z.number(), random: z.array(finite), optimised: z.array(finite) }).optional(),
    }),
  ),
});

/** A shipped checkpoint's recorded attack with the catalogue entry it belongs to. */
export interface RecordedAttack {
  entryId: string;
  label: string;
  split: string;
  graphs: number;
  maxEpochs: number;
  results: AttackResult[];
}
