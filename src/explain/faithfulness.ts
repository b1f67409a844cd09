/**
 * How faithful a set of "important" bonds S is, with PyTorch Geometric's definitions
 * (torch_geometric.explain.metric.fidelity, explanation type "model"):
 *   regression: fidelity+ = |f(G) - f(G without S)|,  fidelity- = |f(G) - f(S only)|
 *   binary:     fidelity+ = 1 - [class(G without S) = class(G)], fidelity- = 1 - [class(S only) = class(G)],
 *               class = logit > 0
 * and DIG's sparsity = 1 - |S| / |bonds|. "Without S" removes S's bonds (both directed edges); "S only" removes
 * every other bond; atoms always stay. The three graphs run as one batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { DATASET_INPUTS } from '../gnn/config';
import { forward, type Model } from '../gnn/model';

export interface Faithfulness {
  k: number;
  fidelityPlus: number;
  fidelityMinus: number;
  sparsity: number;
}

/** The k bonds with the largest |score| (ties: the lower index first). */
export function topKBonds(scores: ArrayLike<number>, k: number): number[] {
  return Array.from(scores, (s, i) => [Math.abs(s), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, Math.max(0, k))
    .map(([, i]) => i);
}

export async function faithfulness(
  model: Model,
  graph: Graph,
  spec: FeatureSpec,
  bonds: number[],
  target = 0,
): Promise<Faithfulness> {
  const K = graph.bondBegin.length;
  const chosen = new Set(bonds);
  const others = Array.from({ length: K }, (_, k) => k).filter((k) => !chosen.has(k));
  // copy 0: G; copy 1: G without S; copy 2: S only (bond k of copy c is batch bond c * K + k)
  const removeBonds = [...[...chosen].map((k) => K + k), ...others.map((k) => 2 * K + k)];
  const output = tf.tidy(
    () => forward(model, batchGraphs([graph, graph, graph], spec), { ablation: { removeBonds } }).output,
  );
  let values: Float32Array;
  try {
    values = (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
  const width = DATASET_INPUTS[model.config.dataset].numTargets;
  const [full, without, only] = [0, 1, 2].map((c) => values[c * width + target]);
  const regression = DATASET_INPUTS[model.config.dataset].task === 'regression';
  const changed = (other: number) => (regression ? Math.abs(full - other) : full > 0 === other > 0 ? 0 : 1);
  return {
    k: chosen.size,
    fidelityPlus: changed(without),
    fidelityMinus: changed(only),
    sparsity: K ? 1 - chosen.size / K : Number.NaN,
  };
}
