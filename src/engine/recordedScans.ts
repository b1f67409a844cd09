/**
 * A shipped checkpoint's recorded scan (public/models/<id>/scan.json, scripts/models-report.ts and
 * scripts/record-scans.ts), read with zod, and what the app derives from it without scanning: the criterion
 * reference of a model (its base model's Gamma fits and its own attention statistics) and, per model and layer,
 * the molecule that the active criterion flags most strongly (the default view and the "strongest molecule" way
 * out). Scans of older releases lack the per-molecule fields: they simply offer no molecule.
 */
import { z } from 'zod';
import {
  baseTailRatioThreshold,
  effectiveAlpha,
  attentionCutoff,
  type CriterionReference,
  type MaCriterion,
} from '../ma/criterion';
import type { ModelEntry } from './explorerTypes';

const gamma = z.object({ a: z.number(), loc: z.number(), scale: z.number() });
const topGraph = z.object({ index: z.number().int().min(0), ratio: z.number(), attentionTop: z.number() });
const layer = z.object({
  maxItemRatio: z.number().nullable(),
  fractionEdgesMassive: z.number(),
  gamma: gamma.nullable().optional(),
  ks: z.number().nullable().optional(),
  ksAgainstBase: z.number().nullable().optional(),
  topGraphs: z.array(topGraph).optional(),
  topGraphsByAttention: z.array(topGraph).optional(),
  attentionMedians: z.array(z.number()).optional(),
  attentionQuantiles: z.array(z.number()).optional(),
});
/** JSON writes NaN as null. */
const numberOrNaN = z
  .number()
  .nullable()
  .transform((x) => x ?? NaN);
/**
 * A base checkpoint's dataset analysis of the whole split (what the analysis panels show of a base model and score
 * the trained ones against), so that the app need not run the base for it: baseAnalysis.ts.
 */
export const baseAnalysisSchema = z.object({
  graphs: z.number().int().positive(),
  histogramBins: z.number().int().min(0),
  band: z.object({ min: z.number().nullable(), max: z.number().nullable() }),
  layers: z.array(
    z.object({
      histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()), size: z.number() }),
      gamma: z.object({ a: numberOrNaN, loc: numberOrNaN, scale: numberOrNaN }),
      fitConverged: z.boolean(),
      own: z.object({ logLikelihood: z.number().nullable(), ks: z.number().nullable() }),
    }),
  ),
});
export const recordedScanSchema = z.object({
  split: z.string(),
  edges: z.number().int().positive().optional(),
  layers: z.array(layer),
  baseAnalysis: baseAnalysisSchema.optional(),
});
export type RecordedScanData = z.infer<typeof recordedScanSchema>;

/** A checkpoint's scan with the catalogue entry it belongs to. */
export interface RecordedScan {
  entryId: string;
  model: ModelEntry['model'];
  state: ModelEntry['state'];
  family?: ModelEntry['family'];
  experiment?: ModelEntry['experiment'];
  scan: RecordedScanData;
}

/** The criterion reference of a model from its own scan and its base checkpoint's (fits). */
export function referenceFromRecorded(own: RecordedScanData, base: RecordedScanData | null): CriterionReference {
  return {
    source: `recorded scan of the ${own.split} split`,
    edges: own.edges ?? NaN,
    layers: own.layers.map((l, i) => ({
      baseFit: base?.layers[i]?.gamma ?? null,
      attentionMedians: l.attentionMedians ?? null,
      attentionQuantiles: l.attentionQuantiles ?? null,
    })),
  };
}

/** The base checkpoint's scan for a model's scan (same architecture family and dataset), if shipped. */
export const baseScanOf = (scans: RecordedScan[], of: RecordedScan) =>
  scans.find((s) => s.state === 'base' && (s.family ?? s.model) === (of.family ?? of.model))?.scan ?? null;

export interface ViewChoice {
  entryId: string;
  /** 0-based layer. */
  layer: number;
  /** Row of the recorded split. */
  moleculeIndex: number;
  /** The molecule's value and the criterion's cut-off in that layer (value > cutoff). */
  value: number;
  cutoff: number;
}

/**
 * Per layer of one model, the recorded molecule the criterion flags most strongly, with how far above the cut-off
 * it lies (value / cutoff). Null for layers where nothing recorded is flagged.
 */
export function strongestByLayer(
  scan: RecordedScan,
  base: RecordedScanData | null,
  criterion: MaCriterion,
): (ViewChoice | null)[] {
  const reference = referenceFromRecorded(scan.scan, base);
  return scan.scan.layers.map((l, layer) => {
    const byAttention = criterion.kind === 'attention-top';
    const top = (byAttention ? l.topGraphsByAttention : l.topGraphs)?.[0];
    if (!top) return null;
    const ref = reference.layers[layer];
    const cutoff =
      criterion.kind === 'ratio'
        ? criterion.threshold
        : criterion.kind === 'base-tail'
          ? baseTailRatioThreshold(ref.baseFit, effectiveAlpha(criterion, reference.edges))
          : attentionCutoff(ref, criterion.percentile);
    const value = byAttention ? top.attentionTop : top.ratio;
    if (!(value > cutoff)) return null;
    return { entryId: scan.entryId, layer, moleculeIndex: top.index, value, cutoff };
  });
}

const margin = (c: ViewChoice) => c.value / c.cutoff;

/**
 * The first view: among the trained checkpoints of the grid (the paper's point is what training grows; its controls
 * such as NoEdge or the global node are not a first view), the model, layer and
 * molecule where the criterion flags a bond by the widest margin. Null when no recorded molecule is flagged.
 */
export function chooseFirstView(scans: RecordedScan[], criterion: MaCriterion): ViewChoice | null {
  let best: ViewChoice | null = null;
  for (const scan of scans.filter((s) => s.state === 'trained' && !s.experiment))
    for (const choice of strongestByLayer(scan, baseScanOf(scans, scan), criterion))
      if (choice && (!best || margin(choice) > margin(best))) best = choice;
  return best;
}
