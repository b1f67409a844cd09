/**
 * The findings tour's global-node step (docs/METHOD.md §10.2): "Where do MAs go when a global node exists?" The
 * paper retrained GT on ZINC with a virtual node on every molecule; its MAs "reallocate to less informative
 * edges". The step opens the dataset analysis of that checkpoint and measures, over the scanned split, the share
 * of MA edges on the virtual node's edges (types 4, 5) against the share of edges that are virtual, and the MA
 * rate on bonds next to the recorded one of the same GT trained without the node. No step when the dataset has no
 * such checkpoint in its model index.
 */
import type { DatasetScanResult, RecordedScan } from '../../engine/api';
import { DEFAULT_THRESHOLD } from '../../ma/edgeRatios';
import { encodeUrl, URL_DEFAULTS } from '../../state/urlState';
import { formatShare } from '../analysis/analysisFormat';
import type { Finding } from './findings';

export const GLOBAL_TRAINED = 'ckpt:gt-zinc-global-trained';
const WITHOUT_NODE = 'ckpt:gt-zinc-trained';

/** Pooled over layers: MA edges on virtual edges / all MA edges, the virtual edges' share, the bonds' MA rate. */
export function pooledGlobalShare(scan: DatasetScanResult) {
  const layers = scan.layers.map((l) => l.globalShare).filter((s) => s !== null);
  if (layers.length === 0) return null;
  const massive = layers.reduce((n, s) => n + s.massive, 0);
  const virtual = layers.reduce((n, s) => n + s.massiveVirtual, 0);
  const edgeShare = layers[0].edgeShare;
  const bondEdges = scan.edges * (1 - edgeShare) * layers.length;
  return {
    share: massive ? virtual / massive : NaN,
    edgeShare,
    massive,
    bondRate: bondEdges ? (massive - virtual) / bondEdges : NaN,
  };
}

/** The MA rate on bonds of the model without the node, from its recorded scan (ratio > 1000, mean over layers). */
function recordedBondRate(scans: RecordedScan[]): number {
  const layers = scans.find((s) => s.entryId === WITHOUT_NODE)?.scan.layers;
  return layers?.length ? layers.reduce((n, l) => n + l.fractionEdgesMassive, 0) / layers.length : NaN;
}

export function globalNodeFinding(
  dataset: string,
  scans: RecordedScan[],
  entryIds: readonly string[],
  globalId = GLOBAL_TRAINED,
): Finding[] {
  if (dataset !== 'zinc' || !entryIds.includes(globalId)) return [];
  const without = recordedBondRate(scans);
  return [
    {
      claim:
        'Where do MAs go when a global node exists? GT retrained with a virtual node: MAs move to its uninformative edges (atom→global, global→atom).',
      link: encodeUrl({ ...URL_DEFAULTS, datasetName: 'zinc', modelEntryId: globalId, openPanels: ['analysis'] }),
      scan: true,
      measure: (s) => {
        const r = s.scanResult.value;
        if (!r || r.modelEntry !== globalId) return null;
        const pooled = pooledGlobalShare(r);
        if (!pooled) return { text: 'this model has no global node in the scan', reproduced: false };
        if (pooled.massive === 0) return { text: `no edge has ratio > ${r.threshold} in any layer`, reproduced: false };
        const compared =
          r.threshold === DEFAULT_THRESHOLD && !Number.isNaN(without)
            ? `; bonds with an MA: ${formatShare(pooled.bondRate)} here, ${formatShare(without)} in GT trained without the node (recorded)`
            : '';
        return {
          text: `${formatShare(pooled.share)} of MA edges (all layers) are the global node’s edges, which are ${formatShare(pooled.edgeShare)} of all edges${compared}`,
          reproduced: pooled.share > pooled.edgeShare,
        };
      },
    },
  ];
}
