/**
 * The explorer's attributions: src/explain/attribution.ts run on the molecule as ablated. attributeMolecule
 * batches copies of the graph (K+1 for occlusion, `steps` for integrated gradients) and applies its
 * `baseAblation` with the single graph's indices, so bond- and edge-indexed ablations would reach the first copy
 * only. The graph-changing ablations are therefore applied to the graph itself here (bond types randomised as
 * the forward does, removed bonds dropped: zero attention weight and no edge give the same output), and only
 * feature ablations of all edges go through `baseAblation`. A feature ablation of chosen edges and the global
 * node cannot be attributed this way; the message says so.
 */
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { attributeMolecule } from '../explain/attribution';
import { prepareBatch, type Ablation } from '../gnn/ablation';
import type { DatasetName } from '../gnn/config';
import type { Model } from '../gnn/model';
import {
  ATTRIBUTION_METHODS,
  ATTRIBUTION_PART_OF,
  type AttributionMethod,
  type AttributionPart,
  type MoleculeAttribution,
} from './explorerTypes';

/** An ablation the attribution cannot honour; the message is for the person. */
export class AttributionUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributionUnavailable';
  }
}

export interface AttributionInput {
  graph: Graph;
  /** Bond j of `graph` is bond kept[j] of the molecule. */
  kept: Int32Array;
  baseAblation: Ablation | undefined;
}

/** The graph (and the remaining ablation) that attributeMolecule should see for `ablation`. */
export function attributionInput(
  graph: Graph,
  spec: FeatureSpec,
  dataset: DatasetName,
  ablation: Ablation = {},
): AttributionInput {
  if (ablation.globalNode)
    throw new AttributionUnavailable('Attributions are not available with a global node: undo that ablation first.');
  if (ablation.features?.some((f) => f.edges !== undefined))
    throw new AttributionUnavailable(
      'Attributions are not available while one bond’s massive features are ablated: undo that ablation first.',
    );
  let current = graph;
  if (ablation.randomizeBondTypes) current = randomizedGraph(graph, spec, dataset, ablation.randomizeBondTypes.seed);
  const numBonds = graph.bondBegin.length;
  const removed = new Set(ablation.removeBonds ?? []);
  for (const bond of removed)
    if (!Number.isInteger(bond) || bond < 0 || bond >= numBonds)
      throw new RangeError(
        numBonds === 0
          ? `cannot remove bond ${bond}: the molecule has no bonds`
          : `cannot remove bond ${bond}: the molecule has bonds 0..${numBonds - 1}`,
      );
  const kept = Int32Array.from({ length: numBonds }, (_, k) => k).filter((k) => !removed.has(k));
  if (removed.size > 0) current = keepBonds(current, spec, kept);
  const features = ablation.features ?? [];
  return { graph: current, kept, baseAblation: features.length ? { features } : undefined };
}

/** The bond types the forward reads under `randomizeBondTypes` (same seed, same draw order). */
function randomizedGraph(graph: Graph, spec: FeatureSpec, dataset: DatasetName, seed: number): Graph {
  const { batch } = prepareBatch(batchGraphs([graph], spec), dataset, { randomizeBondTypes: { seed } });
  const width = spec.edgeVocab.length;
  const bondFeatures = Int32Array.from(graph.bondFeatures, (_, i) => {
    const [bond, column] = [Math.floor(i / width), i % width];
    return batch.edgeFeatures[2 * bond * width + column];
  });
  return { ...graph, bondFeatures };
}

function keepBonds(graph: Graph, spec: FeatureSpec, kept: Int32Array): Graph {
  const width = spec.edgeVocab.length;
  const bondFeatures = new Int32Array(kept.length * width);
  kept.forEach((k, j) => bondFeatures.set(graph.bondFeatures.subarray(k * width, (k + 1) * width), j * width));
  return {
    ...graph,
    bondBegin: Int32Array.from(kept, (k) => graph.bondBegin[k]),
    bondEnd: Int32Array.from(kept, (k) => graph.bondEnd[k]),
    bondFeatures,
  };
}

export interface AttributionRun {
  model: Model;
  graph: Graph;
  spec: FeatureSpec;
  dataset: DatasetName;
  ablation?: Ablation;
  threshold: number;
  target: number;
  targetName: string;
  steps: number;
  modelEntry: string;
  parts?: AttributionPart[];
}

/** Runs attributeMolecule and maps its per-bond values back to the molecule's bonds (NaN for removed ones). */
export async function attributeForExplorer(run: AttributionRun): Promise<MoleculeAttribution> {
  const input = attributionInput(run.graph, run.spec, run.dataset, run.ablation);
  const start = performance.now();
  const result = await attributeMolecule(run.model, input.graph, run.spec, {
    target: run.target,
    steps: run.steps,
    threshold: run.threshold,
    mode: 'zero',
    baseAblation: input.baseAblation,
    parts: run.parts,
  });
  const numBonds = run.graph.bondBegin.length;
  const spread = (values: Float32Array) => {
    const out = new Float32Array(numBonds).fill(NaN);
    input.kept.forEach((k, j) => (out[k] = values[j]));
    return out;
  };
  const bonds: Record<AttributionMethod, Float32Array> = {
    occlusion: spread(result.occlusion),
    maAblation: spread(result.maAblation),
    gradInput: spread(result.gradInput),
    integratedGradients: spread(result.integratedGradients),
  };
  return {
    modelEntry: run.modelEntry,
    target: run.target,
    targetName: run.targetName,
    threshold: run.threshold,
    prediction: result.prediction,
    bonds,
    atoms: { gradInput: result.nodeGradInput, integratedGradients: result.nodeIntegratedGradients },
    edgeBaselineGap: result.edgeBaselineGap,
    nodeBaselineGap: result.nodeBaselineGap,
    steps: run.steps,
    ms: performance.now() - start,
    computed: ATTRIBUTION_METHODS.filter((m) => !run.parts || run.parts.includes(ATTRIBUTION_PART_OF[m])),
  };
}
