/**
 * The findings tour: each step one claim of the paper, one link that sets the view to show it on the shipped
 * models (molecules chosen from the recorded scans, not hard-coded), and a measurement read live from what the
 * view computed, with whether our models reproduce the claim. Pure: the tour component renders these.
 */
import type { ModelEntry, RecordedScan } from '../../engine/api';
import { baseScanOf, chooseFirstView, strongestByLayer } from '../../engine/recordedScans';
import { DEFAULT_CRITERION } from '../../ma/criterion';
import type { AppState } from '../../state/store';
import { encodeUrl, URL_DEFAULTS, type UrlState } from '../../state/urlState';
import { formatRatio } from '../format';
import { globalNodeFinding } from './globalNodeFinding';
import { ebtFormFindings } from './ebtFormFinding';
import { noEdgeFinding } from './noEdgeFinding';

/** What the measurements read: the dataset scan, the compare panes, the shown analysis. */
export type Measured = Pick<AppState, 'scanResult' | 'compareResults' | 'analysisResult'>;

export interface Finding {
  claim: string;
  /** The hash (without '#') of the view that shows it. */
  link: string;
  /** Run the dataset scan once the view is set (the claim is about the whole split). */
  scan: boolean;
  /** The live measurement and whether it agrees, or null while it is being computed. */
  measure: (s: Measured) => { text: string; reproduced: boolean } | null;
}

const link = (state: Partial<UrlState>) => encodeUrl({ ...URL_DEFAULTS, ...state });

const peak = (values: Float64Array | undefined) =>
  values ? Array.from(values).reduce((m, v) => (v > m ? v : m), 0) : NaN;

/** Layer `l`'s largest bond ratio under each compared model, once all panes have their analysis. */
function paneMaxima(s: Measured, layer: number): Record<string, number> | null {
  const byModel = s.compareResults?.byModel;
  if (!byModel) return null;
  const out: Record<string, number> = {};
  for (const [id, a] of Object.entries(byModel)) {
    if (!a || !('bondRatios' in a)) return null;
    out[id] = peak(a.bondRatios[layer]);
  }
  return out;
}

export function buildFindings(dataset: string, scans: RecordedScan[], entries: ModelEntry[] = []): Finding[] {
  const id = (model: string, variant: string) => `ckpt:${model}-${dataset}-${variant}`;
  const baseTail = { ...DEFAULT_CRITERION, kind: 'base-tail' as const };
  const gt = scans.find((s) => s.entryId === id('gt', 'trained'));
  const gtView = gt
    ? strongestByLayer(gt, baseScanOf(scans, gt), baseTail)
        .filter((c) => c !== null)
        .sort((a, b) => b.value / b.cutoff - a.value / a.cutoff)[0]
    : undefined;
  const first = chooseFirstView(scans, DEFAULT_CRITERION);
  const gtLayer = gtView?.layer ?? 0;
  const compare = (models: string[]) =>
    link({
      datasetName: dataset as UrlState['datasetName'],
      moleculeIndex: gtView?.moleculeIndex ?? 0,
      modelEntryId: id('gt', 'trained'),
      layer: gtLayer,
      criterionKind: 'base-tail',
      compareModels: models,
    });
  const firstView = (extra: Partial<UrlState>) =>
    link({
      datasetName: dataset as UrlState['datasetName'],
      moleculeIndex: first?.moleculeIndex ?? 0,
      modelEntryId: first?.entryId ?? id('graphit', 'trained'),
      layer: first?.layer ?? 0,
      ...extra,
    });
  return [
    {
      claim:
        'Untrained models’ −log10 ratios follow a Gamma law; trained ones move away from it (KS against the base fit).',
      link: link({
        datasetName: dataset as UrlState['datasetName'],
        modelEntryId: id('gt', 'trained'),
        layer: gtLayer,
        openPanels: ['analysis'],
      }),
      scan: true,
      measure: (s) => {
        const layers = s.scanResult.value?.layers;
        if (!layers || s.scanResult.value?.modelEntry !== id('gt', 'trained')) return null;
        const own = layers.map((l) => l.own.ks ?? NaN);
        const base = layers.map((l) => l.againstBase?.ks ?? NaN);
        const farther = base.filter((b, l) => b > own[l]).length;
        return {
          text: `KS own fit ${formatRatio(Math.max(...own))} at most; against the base fit up to ${formatRatio(Math.max(...base))}, larger in ${farther} of ${layers.length} layers`,
          reproduced: farther > layers.length / 2,
        };
      },
    },
    {
      claim: 'Training grows MAs: the same molecule under the untrained and the trained GT.',
      link: compare([id('gt', 'base'), id('gt', 'trained')]),
      scan: false,
      measure: (s) => {
        const m = paneMaxima(s, gtLayer);
        if (!m) return null;
        const [b, t] = [m[id('gt', 'base')], m[id('gt', 'trained')]];
        return {
          text: `largest ratio in layer ${gtLayer + 1}: base ${formatRatio(b)}, trained ${formatRatio(t)}`,
          reproduced: t > b,
        };
      },
    },
    {
      claim: 'An explicit bias term (EBT) damps them: trained GT and GT + EBT on the same molecule.',
      link: compare([id('gt', 'trained'), id('gt', 'ebt')]),
      scan: false,
      measure: (s) => {
        const m = paneMaxima(s, gtLayer);
        if (!m) return null;
        const [t, e] = [m[id('gt', 'trained')], m[id('gt', 'ebt')]];
        return {
          text: `largest ratio in layer ${gtLayer + 1}: trained ${formatRatio(t)}, EBT ${formatRatio(e)}`,
          reproduced: e < t,
        };
      },
    },
    {
      claim: 'MAs sit on common bonds (single, double), not on the rare triple bonds.',
      link: firstView({ openPanels: ['analysis'] }),
      scan: true,
      measure: (s) => {
        const r = s.scanResult.value;
        const layer = first?.layer ?? 0;
        if (!r || r.modelEntry !== (first?.entryId ?? '')) return null;
        const rate = (name: string) => {
          const i = r.bondTypes.findIndex((t) => t.name.toUpperCase() === name);
          return i < 0 ? NaN : r.layers[layer].rateByType[i];
        };
        const [single, double, triple] = [rate('SINGLE'), rate('DOUBLE'), rate('TRIPLE')];
        const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(0)}%`);
        return {
          text: `edges with an MA in layer ${layer + 1}: single ${pct(single)}, double ${pct(double)}, triple ${pct(triple)}`,
          reproduced: triple < Math.min(single, double),
        };
      },
    },
    {
      claim: 'Zeroing the MAs moves the prediction; the colours show where each bond’s ratio went.',
      link: firstView({ ablations: [{ kind: 'ma-all' }], colorMode: 'change' }),
      scan: false,
      measure: (s) => {
        const a = s.analysisResult.value;
        if (!a?.ablation || !a.unablatedPrediction) return null;
        const [after, before] = [a.prediction.raw[0], a.unablatedPrediction.raw[0]];
        return {
          text: `prediction ${before.toFixed(3)} → ${after.toFixed(3)}`,
          reproduced: Math.abs(after - before) > 1e-3,
        };
      },
    },
    {
      claim:
        'A global node draws MAs away from the bonds (the paper retrained with it; ours is added to trained models).',
      link: firstView({ ablations: [{ kind: 'global-node' }], colorMode: 'change' }),
      scan: false,
      measure: (s) => {
        const a = s.analysisResult.value;
        const layer = first?.layer ?? 0;
        if (!a?.ablation?.globalNode || !a.unablatedBondRatios) return null;
        const [after, before] = [peak(a.bondRatios[layer]), peak(a.unablatedBondRatios[layer])];
        return {
          text: `largest bond ratio in layer ${layer + 1}: ${formatRatio(before)} → ${formatRatio(after)} with the global node`,
          reproduced: after < before,
        };
      },
    },
    // Controls in their own files, listed when their checkpoints are served.
    ...globalNodeFinding(
      dataset,
      scans,
      entries.map((e) => e.id),
    ),
    ...noEdgeFinding(dataset as UrlState['datasetName'], entries, gtView?.moleculeIndex ?? 0),
    ...ebtFormFindings(dataset as UrlState['datasetName'], entries, gtView?.moleculeIndex ?? 0),
  ];
}
