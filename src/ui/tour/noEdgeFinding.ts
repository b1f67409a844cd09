/**
 * Findings-tour step: does removing edge features from attention remove the MAs? The v3 code's NoEdge GT
 * (docs/METHOD.md §10.2) beside the edge-featured GT, both trained, on the same molecule: the GT's MAs are measured on its
 * bonds (max|s| / median|s|), the NoEdge GT's on its atoms (max|h| / median|h|, the only tensor the paper logs for
 * it). Listed only when the trained NoEdge checkpoint is served.
 */
import type { ModelEntry } from '../../engine/api';
import { peakRatio } from '../../ma/nodeRatios';
import { encodeUrl, URL_DEFAULTS, type UrlState } from '../../state/urlState';
import { formatRatio } from '../format';
import type { Finding, Measured } from './findings';

/** Over all layers, a compared model's largest ratio on bonds and on atoms; null until its analysis is in. */
export function modelPeaks(s: Measured, id: string): { edge: number; node: number } | null {
  const a = s.compareResults?.byModel[id];
  if (!a || !('nodeRatios' in a)) return null;
  return { edge: peakRatio(a.bondRatios.map(peakRatio)), node: peakRatio(a.nodeRatios.map(peakRatio)) };
}

export function noEdgeFinding(
  dataset: UrlState['datasetName'],
  entries: ModelEntry[],
  moleculeIndex: number,
): Finding[] {
  const [noEdge, gt] = [`ckpt:gt-${dataset}-noedge-trained`, `ckpt:gt-${dataset}-trained`];
  if (!entries.some((e) => e.id === noEdge) || !entries.some((e) => e.id === gt)) return [];
  return [
    {
      claim:
        'Attention with edge features makes the MAs: a GT trained without edge features in attention (NoEdge), ' +
        'measured on its atoms, beside the trained GT.',
      link: encodeUrl({
        ...URL_DEFAULTS,
        datasetName: dataset,
        moleculeIndex,
        modelEntryId: noEdge,
        colorMode: 'node',
        compareModels: [noEdge, gt],
      }),
      scan: false,
      measure: (s) => {
        const [n, g] = [modelPeaks(s, noEdge), modelPeaks(s, gt)];
        if (!n || !g) return null;
        return {
          text:
            `largest ratio over the layers: GT bonds ${formatRatio(g.edge)} (atoms ${formatRatio(g.node)}); ` +
            `NoEdge atoms ${formatRatio(n.node)} (key·query bonds ${formatRatio(n.edge)})`,
          reproduced: n.node < g.edge,
        };
      },
    },
  ];
}
