/**
 * Per-epoch MA statistics of a model under training (record.maHistory of a checkpoint): a scan of a fixed set of
 * test graphs, summarised per layer by the largest per-graph ratio, the shares of edges above 100 and 1000, the
 * share of graphs with an MA and the KS statistic of the ratio distribution against its own Gamma fit. The CLI's
 * `train --scan-every` and the app's training panel both use it. It only observes: nothing is selected on it.
 */
import type { FeatureSpec, Graph } from '../data/graph';
import type { Model } from '../gnn/model';
import { fractionMassive } from '../ma/edgeRatios';
import { scanSplit, type ScanResult } from './scan';

export interface MaLayerEpochStats {
  /** Largest per-graph maximum ratio m_n; null when no graph has a defined ratio. */
  maxRatio: number | null;
  /** Share of edges with r_e > 100 and > 1000. */
  above100: number;
  above1000: number;
  /** Share of graphs with m_n > 1000. */
  graphsWithMa: number;
  ks: number | null;
}

export interface MaEpochStats {
  epoch: number;
  layers: MaLayerEpochStats[];
}

/** JSON has no NaN or Infinity: such numbers are stored as null. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** One epoch's record from a finished scan (threshold 1000, the scan's default). */
export function maEpochStatsOfScan(scan: ScanResult, epoch: number): MaEpochStats {
  return {
    epoch,
    layers: scan.layers.map((l) => ({
      maxRatio: finiteOrNull(l.maxItemRatio),
      above100: fractionMassive(l.perEdgeRatio, 100),
      above1000: l.fractionEdgesMassive,
      graphsWithMa: l.fractionItemsMassive,
      ks: finiteOrNull(l.distribution.own.ks),
    })),
  };
}

export async function maEpochStats(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  epoch: number,
): Promise<MaEpochStats> {
  return maEpochStatsOfScan(await scanSplit(model, graphs, spec), epoch);
}
