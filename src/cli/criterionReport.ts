/**
 * `scan --criterion`: per layer, the active criterion's cut-off and the share of edges and graphs it flags
 * (src/ma/criterion.ts, the same definition the app uses). base-tail needs --base (the base checkpoint's fits);
 * attention-top takes its medians and percentiles from the scanned split itself.
 */
import type { FeatureSpec, Graph } from '../data/graph';
import { recordSplit } from '../engine/splitRecord';
import type { ScanResult } from '../engine/scan';
import type { Model } from '../gnn/model';
import type { GammaParams } from '../ma/gamma';
import { CRITERION_KINDS, DEFAULT_CRITERION, layerCutoffs, type MaCriterion } from '../ma/criterion';
import { finiteOrNull } from './json';
import { UsageError } from './usage';

export function parseCriterion(values: {
  criterion?: string;
  threshold?: string;
  alpha?: string;
  bonferroni?: boolean;
  percentile?: string;
}): MaCriterion {
  const kind = (values.criterion ?? 'ratio') as MaCriterion['kind'];
  if (!CRITERION_KINDS.includes(kind))
    throw new UsageError(`--criterion must be ${CRITERION_KINDS.join(', ')} (got ${values.criterion})`);
  const alpha = Number(values.alpha ?? DEFAULT_CRITERION.alpha);
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1 (got ${values.alpha})`);
  const percentile = Number(values.percentile ?? DEFAULT_CRITERION.percentile);
  if (![90, 95, 99, 99.9].includes(percentile))
    throw new UsageError(`--percentile must be 90, 95, 99 or 99.9 (got ${values.percentile})`);
  return {
    kind,
    threshold: Number(values.threshold ?? DEFAULT_CRITERION.threshold),
    alpha,
    bonferroni: values.bonferroni ?? false,
    percentile,
  };
}

export async function criterionReport(
  criterion: MaCriterion,
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  scan: ScanResult,
  baseFits: (GammaParams | undefined)[] | undefined,
) {
  if (criterion.kind === 'base-tail' && !baseFits)
    throw new UsageError('--criterion base-tail needs --base DIR (the untrained base checkpoint to fit)');
  const record =
    criterion.kind === 'attention-top' ? await recordSplit(model, graphs, spec, { keepEdges: true }) : null;
  const reference = {
    source: 'this scan',
    edges: scan.edges,
    layers: scan.layers.map((_, l) => ({
      baseFit: baseFits?.[l] ?? null,
      attentionMedians: record?.layers[l].attentionMedians ?? null,
      attentionQuantiles: record?.layers[l].attentionQuantiles ?? null,
    })),
  };
  const cutoffs = layerCutoffs(criterion, scan.layers.length, reference);
  const graphOf = scan.graphOfEdge;
  return {
    ...criterion,
    layers: scan.layers.map((layer, l) => {
      const values = record ? record.edgeAttentionTop![l] : layer.perEdgeRatio;
      const graphs = new Set<number>();
      let flagged = 0;
      values.forEach((v, e) => {
        if (!(v > cutoffs[l])) return;
        flagged++;
        graphs.add(graphOf[e]);
      });
      return {
        layer: l,
        cutoff: finiteOrNull(cutoffs[l]),
        fractionEdgesMassive: flagged / values.length,
        fractionGraphsMassive: graphs.size / scan.graphs,
      };
    }),
  };
}
