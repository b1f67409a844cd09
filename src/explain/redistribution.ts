/**
 * Where attribution goes when the massive activations are ablated (the paper's v3 claim, docs/METHOD.md §10.2):
 * over a split, the share of total |attribution| held by each bond type, before and after zeroing (or
 * median-replacing) every massive feature of every edge at every layer; and the Spearman correlation between a
 * bond's MA ratio and |attribution|, per molecule (averaged) and pooled over all bonds; and each method's mean
 * fidelity and sparsity at its top-k bonds.
 */
import type { FeatureSpec, Graph } from '../data/graph';
import type { Model } from '../gnn/model';
import { attributeMolecule, type Attribution } from './attribution';
import { bondMaRatios } from './bondRatios';
import { faithfulness, topKBonds } from './faithfulness';
import { spearman } from './spearman';

export const METHODS = ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'] as const;
export type Method = (typeof METHODS)[number];

export interface RedistributionOptions {
  /** Bonds per explanation for fidelity and sparsity (default 3). */
  topK?: number;
  threshold?: number;
  mode?: 'zero' | 'median';
  steps?: number;
  target?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BondTypeShares {
  bondType: number;
  bonds: number;
  /** Share (0..1) of the split's total |attribution| on bonds of this type, per method. */
  before: Record<Method, number>;
  /** The same with every massive feature ablated; MA ablation has nothing left to ablate there (null). */
  after: Record<Method, number | null>;
}

export interface RedistributionTable {
  molecules: number;
  threshold: number;
  mode: 'zero' | 'median';
  rows: BondTypeShares[];
  /** Spearman(MA ratio, |attribution|): mean over molecules where defined, and over all bonds pooled. */
  spearman: Record<Method, { perMoleculeMean: number; molecules: number; pooled: number }>;
  /** Mean fidelity+, fidelity- and sparsity of each method's top-k bonds (faithfulness.ts), unablated model. */
  faithfulness: Record<Method, { k: number; fidelityPlus: number; fidelityMinus: number; sparsity: number }>;
}

export async function redistribution(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  options: RedistributionOptions = {},
): Promise<RedistributionTable> {
  const threshold = options.threshold ?? 1000;
  const mode = options.mode ?? 'zero';
  const edgeWidth = spec.edgeVocab.length;
  const sums = new Map<number, { bonds: number; before: number[]; after: number[] }>();
  const perMolecule: number[][] = METHODS.map(() => []);
  const pooledRatios: number[] = [];
  const pooled: number[][] = METHODS.map(() => []);
  const common = { threshold, mode, steps: options.steps, target: options.target };
  const ablateAll = { features: [{ mode, threshold }] };
  const topK = options.topK ?? 3;
  const fidelity = METHODS.map(() => ({ plus: 0, minus: 0, sparsity: 0 }));

  for (let i = 0; i < graphs.length; i++) {
    const graph = graphs[i];
    const before = await attributeMolecule(model, graph, spec, common);
    const after = await attributeMolecule(model, graph, spec, { ...common, baseAblation: ablateAll });
    const ratios = await bondMaRatios(model, graph, spec);
    for (let k = 0; k < graph.bondBegin.length; k++) {
      const type = graph.bondFeatures[k * edgeWidth];
      const row = sums.get(type) ?? { bonds: 0, before: METHODS.map(() => 0), after: METHODS.map(() => 0) };
      row.bonds++;
      METHODS.forEach((m, j) => {
        row.before[j] += Math.abs(before[m][k]);
        row.after[j] += Math.abs(after[m][k]);
      });
      sums.set(type, row);
    }
    collectSpearman(before, ratios, perMolecule, pooled, pooledRatios);
    for (const [j, m] of METHODS.entries()) {
      const f = await faithfulness(model, graph, spec, topKBonds(before[m], topK), options.target);
      fidelity[j].plus += f.fidelityPlus;
      fidelity[j].minus += f.fidelityMinus;
      fidelity[j].sparsity += f.sparsity;
    }
    options.onProgress?.(i + 1, graphs.length);
  }

  const totals = (key: 'before' | 'after') =>
    METHODS.map((_, j) => [...sums.values()].reduce((t, r) => t + r[key][j], 0));
  const [totalBefore, totalAfter] = [totals('before'), totals('after')];
  const rows = [...sums.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([bondType, row]) => ({
      bondType,
      bonds: row.bonds,
      before: Object.fromEntries(METHODS.map((m, j) => [m, row.before[j] / totalBefore[j]])) as Record<Method, number>,
      after: Object.fromEntries(
        METHODS.map((m, j) => [m, m === 'maAblation' ? null : row.after[j] / totalAfter[j]]),
      ) as Record<Method, number | null>,
    }));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  return {
    molecules: graphs.length,
    threshold,
    mode,
    rows,
    spearman: Object.fromEntries(
      METHODS.map((m, j) => [
        m,
        {
          perMoleculeMean: mean(perMolecule[j]),
          molecules: perMolecule[j].length,
          pooled: spearman(pooledRatios, pooled[j]),
        },
      ]),
    ) as RedistributionTable['spearman'],
    faithfulness: Object.fromEntries(
      METHODS.map((m, j) => {
        const n = Math.max(graphs.length, 1);
        return [
          m,
          {
            k: topK,
            fidelityPlus: fidelity[j].plus / n,
            fidelityMinus: fidelity[j].minus / n,
            sparsity: fidelity[j].sparsity / n,
          },
        ];
      }),
    ) as RedistributionTable['faithfulness'],
  };
}

/** Bonds without a defined ratio are left out; a molecule counts when its correlation is defined. */
function collectSpearman(
  attribution: Attribution,
  ratios: Float64Array,
  perMolecule: number[][],
  pooled: number[][],
  pooledRatios: number[],
) {
  const bonds = Array.from(ratios.keys()).filter((k) => Number.isFinite(ratios[k]));
  const moleculeRatios = bonds.map((k) => ratios[k]);
  pooledRatios.push(...moleculeRatios);
  METHODS.forEach((m, j) => {
    const magnitudes = bonds.map((k) => Math.abs(attribution[m][k]));
    pooled[j].push(...magnitudes);
    const rho = spearman(moleculeRatios, magnitudes);
    if (!Number.isNaN(rho)) perMolecule[j].push(rho);
  });
}
