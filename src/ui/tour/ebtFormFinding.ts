/**
 * Findings-tour steps: the paper's own EBT code for SAN and GraphiT (docs/METHOD.md §5.2) overwrites its attention
 * weights, so every atom takes the plain mean of its neighbours; beside the intended form (§5.1) on the same
 * molecule: the largest MA ratio, how evenly each atom's attention is spread (1 = uniform), and the recorded test
 * metric. One step per architecture whose two EBT checkpoints are both served.
 */
import type { ModelEntry } from '../../engine/api';
import { peakRatio } from '../../ma/nodeRatios';
import { encodeUrl, URL_DEFAULTS, type UrlState } from '../../state/urlState';
import { formatRatio } from '../format';
import type { Finding, Measured } from './findings';

const NAMES = { san: 'SAN', graphit: 'GraphiT' } as const;

/** Mean over layers of the attention evenness of a compared model; null until its analysis is in. */
function evennessOf(s: Measured, id: string): { evenness: number; peak: number } | null {
  const a = s.compareResults?.byModel[id];
  if (!a || !('attentionSpread' in a)) return null;
  const even = a.attentionSpread.map((l) => l.evenness).filter(Number.isFinite);
  return {
    evenness: even.length ? even.reduce((x, y) => x + y, 0) / even.length : NaN,
    peak: peakRatio(a.bondRatios.map(peakRatio)),
  };
}

const metricText = (entry: ModelEntry | undefined) => {
  const [key, value] = Object.entries(entry?.testMetrics ?? {})[0] ?? [];
  return key === undefined ? 'n/a' : `${key} ${value.toPrecision(3)}`;
};

export function ebtFormFindings(
  dataset: UrlState['datasetName'],
  entries: ModelEntry[],
  moleculeIndex: number,
): Finding[] {
  return (['san', 'graphit'] as const).flatMap((kind): Finding[] => {
    const intended = entries.find((e) => e.id === `ckpt:${kind}-${dataset}-ebt`);
    const paper = entries.find((e) => e.id === `ckpt:${kind}-${dataset}-ebt-paper`);
    if (!intended || !paper) return [];
    return [
      {
        claim:
          `${NAMES[kind]} + EBT as the paper’s code ran it (its attention weights overwritten: a uniform mean ` +
          'per atom) beside the intended form.',
        link: encodeUrl({
          ...URL_DEFAULTS,
          datasetName: dataset,
          moleculeIndex,
          modelEntryId: intended.id,
          compareModels: [intended.id, paper.id],
        }),
        scan: false,
        measure: (s) => {
          const [i, p] = [evennessOf(s, intended.id), evennessOf(s, paper.id)];
          if (!i || !p) return null;
          const even = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
          return {
            text:
              `largest ratio over the layers: intended ${formatRatio(i.peak)}, paper form ${formatRatio(p.peak)}; ` +
              `attention evenness (1 = uniform): intended ${even(i.evenness)}, paper form ${even(p.evenness)}; ` +
              `test ${metricText(intended)} vs ${metricText(paper)}`,
            reproduced: p.evenness > 0.999 && !(i.evenness > 0.999),
          };
        },
      },
    ];
  });
}
