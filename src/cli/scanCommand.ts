/**
 * `npm run cli -- scan --model DIR|FILE.pt [--model-kind K --heads H --ebt-form intended|paper] --dataset D --split S [--threshold T] [--base DIR] [--limit N] --json OUT`
 *   `[--criterion ratio|base-tail|attention-top] [--alpha A] [--bonferroni] [--percentile P]`
 *
 * Runs a checkpoint over a split and writes, per layer, the summary numbers of docs/METHOD.md §8.4 (share of edges and of
 * graphs with a ratio above the threshold, largest per-graph maximum), the Gamma fit with KS and mean
 * log-likelihood (against its own fit and, with --base, against the base checkpoint's fit of the same layer),
 * MA rates and heatmaps by bond type; per layer the enrichment of MA edges over Balanced Forman curvature bins,
 * E(c) = P(c | MA) / P(c) with MA = ratio > T (docs/METHOD.md §14; `curvature` holds the bins and their edge counts);
 * and per graph its maximum ratio in each layer and over all layers.
 * Thresholds compare strictly (ratio > T). `criterion` gives, per layer, the cut-off and the shares of edges and
 * graphs the chosen MA criterion flags (criterionReport.ts). NaN and Infinity are written as null.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { createNodeEngine } from '../engine/node';
import { scanSplit, type ScanResult } from '../engine/scan';
import { fractionMassive } from '../ma/edgeRatios';
import { curvatureEnrichment, DEFAULT_CURVATURE_BINS, type CurvatureBin } from '../ma/curvatureEnrichment';
import { curvatureOfDirectedEdges } from '../data/curvature';
import type { LayerSummary } from '../ma/layerSummary';
import { loadCheckpointFolder } from './checkpointFiles';
import { checkpointOnSplit } from './checkpointOnSplit';
import { MODEL_ARGUMENT_OPTIONS } from './modelArgument';
import { finiteOrNull, numbersToJson } from './json';
import { disposeParams } from '../gnn/params';
import { UsageError } from './usage';
import { decimal, oneOf, readOptions, wholeNumber } from './options';
import { DATASETS } from '../gnn/config';
import { SPLIT_NAMES } from '../data/split';
import { criterionReport, parseCriterion } from './criterionReport';

const FLAGS = {
  model: { type: 'string' },
  dataset: { type: 'string' },
  split: { type: 'string', default: 'test' },
  threshold: { type: 'string', default: '1000' },
  criterion: { type: 'string', default: 'ratio' },
  alpha: { type: 'string' },
  bonferroni: { type: 'boolean' },
  percentile: { type: 'string' },
  base: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'string' },
  ...MODEL_ARGUMENT_OPTIONS,
} as const;

const OPTIONS = z.object({
  model: z.string().optional(),
  dataset: oneOf(DATASETS).optional(),
  split: oneOf(SPLIT_NAMES),
  threshold: decimal(0, 1e12, { exclusiveMin: true }),
  criterion: z.string(),
  alpha: z.string().optional(),
  bonferroni: z.boolean().optional(),
  percentile: z.string().optional(),
  base: z.string().optional(),
  limit: wholeNumber(1, 10_000_000).optional(),
  json: z.string().optional(),
  'model-kind': z.string().optional(),
  heads: z.string().optional(),
  'ebt-form': z.string().optional(),
});

export async function scanCommand(argv: string[]): Promise<unknown> {
  const values = readOptions('scan', argv, FLAGS, OPTIONS);
  if (!values.model || !values.dataset)
    throw new UsageError('scan needs --model DIR --dataset D [--split S] --json OUT');
  const threshold = values.threshold;
  const criterion = parseCriterion({ ...values, threshold: String(threshold) });
  const backend = (await createNodeEngine().info()).name;
  const { model, modelJson, data, graphs } = await checkpointOnSplit({
    model: values.model,
    dataset: values.dataset,
    split: values.split,
    limit: values.limit,
    'model-kind': values['model-kind'],
    heads: values.heads,
    'ebt-form': values['ebt-form'],
  });

  let referenceFits;
  if (values.base) {
    const base = await loadCheckpointFolder(values.base);
    const baseScan = await scanSplit(base.model, graphs, data.spec, { threshold });
    referenceFits = baseScan.layers.map((l) => (l.distribution.fitConverged ? l.distribution.gamma : undefined));
    disposeParams(base.model.params);
  }
  const result = await scanSplit(model, graphs, data.spec, {
    threshold,
    referenceFits,
    onProgress: (done, total) => process.stderr.write(`\rscanned ${done} / ${total} graphs`),
  });
  process.stderr.write('\n');
  const criterionResult = await criterionReport(criterion, model, graphs, data.spec, result, referenceFits);
  // curvature of the molecules' bonds; a model's own global-node edges are left out of the enrichment
  const curvature = curvatureOfDirectedEdges(graphs);
  const bondRows = (ratios: Float64Array) => ratios.filter((_, e) => !result.virtualEdge[e]);
  const enrichment = result.layers.map((l) => curvatureEnrichment(curvature, bondRows(l.perEdgeRatio), threshold));
  const report = {
    model: {
      dir: values.model,
      config: model.config,
      variant: modelJson.training.variant,
      epochs: modelJson.training.epochs,
    },
    base: values.base ?? null,
    dataset: values.dataset,
    split: values.split,
    threshold,
    criterion: criterionResult,
    backend,
    graphs: result.graphs,
    edges: result.edges,
    seconds: { forward: result.forwardSeconds, statistics: result.statisticsSeconds },
    curvature: {
      definition: 'Balanced Forman (Topping et al. 2022), per bond, on both directed edges',
      bins: DEFAULT_CURVATURE_BINS,
      edgesByBin: (enrichment[0] ?? []).map((b) => b.edges),
    },
    layers: result.layers.map((layer, i) => ({
      ...layerReport(layer, i),
      curvatureEnrichment: enrichmentReport(enrichment[i]),
    })),
    perGraph: perGraphReport(result),
  };
  disposeParams(model.params);
  if (values.json) await writeFile(values.json, JSON.stringify(report));
  return {
    written: values.json ?? null,
    ...summaryLine(report.layers),
    criterion: criterionResult.kind,
    criterionCutoffByLayer: criterionResult.layers.map((l) => l.cutoff),
    criterionFractionByLayer: criterionResult.layers.map((l) => l.fractionEdgesMassive),
  };
}

function layerReport(layer: LayerSummary, index: number) {
  const { distribution: d } = layer;
  return {
    layer: index,
    fractionEdgesMassive: finiteOrNull(layer.fractionEdgesMassive),
    fractionItemsMassive: finiteOrNull(layer.fractionItemsMassive),
    maxItemRatio: finiteOrNull(layer.maxItemRatio),
    fractionEdgesAbove: Object.fromEntries(
      [100, 1000, 10000].map((t) => [t, finiteOrNull(fractionMassive(layer.perEdgeRatio, t))]),
    ),
    gamma: { a: finiteOrNull(d.gamma.a), loc: finiteOrNull(d.gamma.loc), scale: finiteOrNull(d.gamma.scale) },
    fitConverged: d.fitConverged,
    ks: finiteOrNull(d.own.ks),
    logLikelihood: finiteOrNull(d.own.logLikelihood),
    againstBase: d.againstReference
      ? { ks: finiteOrNull(d.againstReference.ks), logLikelihood: finiteOrNull(d.againstReference.logLikelihood) }
      : null,
    rateByBondType: (layer.rateByBondType ?? []).map((r) => ({
      bondType: r.bondType,
      edges: r.edges,
      rate: finiteOrNull(r.rate),
    })),
    heatmaps: layer.heatmaps && {
      heads: layer.heatmaps.heads,
      headDim: layer.heatmaps.headDim,
      panels: layer.heatmaps.panels.map((p) => ({
        bondType: p.bondType,
        edges: p.edges,
        share: finiteOrNull(p.share),
        percentMassive: numbersToJson(p.percentMassive),
      })),
    },
  };
}

function enrichmentReport(bins: CurvatureBin[]) {
  return bins.map((b) => ({
    lo: b.lo,
    hi: b.hi,
    edges: b.edges,
    massive: b.massive,
    enrichment: finiteOrNull(b.enrichment),
  }));
}

function perGraphReport(result: ScanResult) {
  const maxOverLayers = Array.from({ length: result.graphs }, (_, g) => {
    const defined = result.layers.map((layer) => layer.perGraphMax[g]).filter((m) => !Number.isNaN(m));
    return defined.length ? Math.max(...defined) : Number.NaN;
  });
  return {
    maxRatio: numbersToJson(maxOverLayers),
    maxRatioByLayer: result.layers.map((l) => numbersToJson(l.perGraphMax)),
  };
}

function summaryLine(layers: ReturnType<typeof layerReport>[]) {
  return {
    maxRatioByLayer: layers.map((l) => l.maxItemRatio),
    fractionEdgesMassiveByLayer: layers.map((l) => l.fractionEdgesMassive),
    ksByLayer: layers.map((l) => l.ks),
  };
}
