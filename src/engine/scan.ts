/**
 * A dataset scan (docs/METHOD.md §7-8): run a model over a split in eval mode, in batches (eval-mode outputs do not
 * depend on batching, so this equals the paper's batch-size-1 logging), keep every layer's edge scores, and
 * summarise each layer: MA fractions, per-graph maxima, Gamma fit with KS and log-likelihood (against its own fit
 * and, given one, the base model's), and heatmaps and rates by bond type.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { randomBondTypesPerGraph } from '../gnn/ablation';
import { GLOBAL_EDGE_TYPES } from '../gnn/config';
import { forwardTidy, type Model } from '../gnn/model';
import type { GammaParams } from '../ma/gamma';
import type { EdgeActivations } from '../ma/edgeRatios';
import { summarizeLayer, type LayerSummary, type LayerSummaryOptions } from '../ma/layerSummary';

export interface ScanOptions {
  threshold?: number;
  batchSize?: number;
  /**
   * Per layer, the base model's Gamma fit to score this model's distributions against; a promise lets the
   * statistics wait for fits that are still being computed while this model's forward runs.
   */
  referenceFits?: ReferenceFits | Promise<ReferenceFits>;
  histogramBins?: number;
  /** Called after every batch with graphs done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Called before each layer's statistics (Gamma fit, KS, ...) with layers done and total, and once at the end. */
  onStatistics?: (done: number, total: number) => void;
  /** Checked before every batch and every layer's statistics; true stops the scan with a ScanCancelled error. */
  shouldStop?: () => boolean;
  /** Who computes a layer's statistics: in this thread (the default) or a pool of workers (statsPool.ts). */
  summarizer?: LayerSummarizer;
}

export type ReferenceFits = (GammaParams | undefined)[];

/** Everything summarizeLayer needs for one layer, in a form that can be posted to a worker. */
export interface LayerJob {
  acts: EdgeActivations;
  graphOfEdge: Int32Array;
  numGraphs: number;
  options: LayerSummaryOptions;
}

/** Computes layer statistics; `concurrency` jobs may be in flight at once. */
export interface LayerSummarizer {
  concurrency: number;
  /** Worker threads doing the work (0: this thread). */
  readonly workers: number;
  /** Starts the workers ahead of the first job (a worker takes a second or more to load). */
  warm?(): void;
  summarize(job: LayerJob): Promise<LayerSummary>;
}

export const summarizeHere: LayerSummarizer = {
  concurrency: 1,
  workers: 0,
  summarize: async ({ acts, graphOfEdge, numGraphs, options }) => summarizeLayer(acts, graphOfEdge, numGraphs, options),
};

export class ScanCancelled extends Error {
  constructor() {
    super('the scan was cancelled');
    this.name = 'ScanCancelled';
  }
}

export interface ScanResult {
  graphs: number;
  edges: number;
  /** Bond type (first edge-feature column) of every directed edge of the split, in scan order. */
  bondTypeOfEdge: Int32Array;
  /** Graph (row of the scanned graphs) of every directed edge, in scan order. */
  graphOfEdge: Int32Array;
  /**
   * 1 for the edges of a model's own global node (config.globalNode: types 4 and 5, appended after each batch's
   * bonds), else 0; all 0 for other models.
   */
  virtualEdge: Uint8Array;
  layers: LayerSummary[];
  forwardSeconds: number;
  statisticsSeconds: number;
}

/** A split's forward with captures: every layer's edge scores (E x hidden, scan order) and the edges' bookkeeping. */
export interface SplitCaptures extends Omit<ScanResult, 'layers' | 'statisticsSeconds'> {
  edgeScores: Float32Array[];
  hidden: number;
  heads: number;
}

/** The forward, then every layer's statistics (statisticsOf). */
export async function scanSplit(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  options: ScanOptions = {},
): Promise<ScanResult> {
  return statisticsOf(await forwardSplit(model, graphs, spec, options), options);
}

/** Runs the model over the graphs in batches, keeping every layer's edge scores. */
export async function forwardSplit(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  options: Pick<ScanOptions, 'batchSize' | 'onProgress' | 'shouldStop'> = {},
): Promise<SplitCaptures> {
  const { batchSize = 256 } = options;
  const { layers: numLayers, hidden, heads } = model.config;
  // A model trained with a global node adds two edges per atom to every forward (docs/METHOD.md §10.2).
  const virtualPerAtom = model.config.globalNode ? 2 : 0;
  const numEdges = graphs.reduce((n, g) => n + 2 * g.bondBegin.length + virtualPerAtom * g.numNodes, 0);
  const edgeScores = Array.from({ length: numLayers }, () => new Float32Array(numEdges * hidden));
  const graphOfEdge = new Int32Array(numEdges);
  const bondTypeOfEdge = new Int32Array(numEdges);
  const virtualEdge = new Uint8Array(numEdges);
  const edgeWidth = spec.edgeVocab.length;

  const forwardStart = performance.now();
  let edgeOffset = 0;
  for (let start = 0; start < graphs.length; start += batchSize) {
    if (options.shouldStop?.()) throw new ScanCancelled();
    const batch = batchGraphs(graphs.slice(start, start + batchSize), spec);
    const result = forwardTidy(model, batch, { capture: true });
    try {
      for (let layer = 0; layer < numLayers; layer++)
        edgeScores[layer].set(await result.captures[layer].edgeScore.data(), edgeOffset * hidden);
    } finally {
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
    }
    // the types the model saw: a random-bond-types model replaces them (docs/METHOD.md §10.2)
    const seen = model.config.randomBondTypes
      ? randomBondTypesPerGraph(batch, model.config.dataset, model.config.seed)
      : batch;
    for (let e = 0; e < batch.numEdges; e++) {
      graphOfEdge[edgeOffset + e] = start + batch.graphOfEdge[e];
      bondTypeOfEdge[edgeOffset + e] = seen.edgeFeatures[e * edgeWidth];
    }
    edgeOffset += batch.numEdges;
    // the global node's edges: atom a -> global (type 4) at 2a, global -> atom (type 5) at 2a + 1
    for (let atom = 0; atom < (virtualPerAtom ? batch.numNodes : 0); atom++) {
      for (const [k, type] of [
        [0, GLOBAL_EDGE_TYPES.toGlobal],
        [1, GLOBAL_EDGE_TYPES.fromGlobal],
      ]) {
        graphOfEdge[edgeOffset + 2 * atom + k] = start + batch.graphOfNode[atom];
        bondTypeOfEdge[edgeOffset + 2 * atom + k] = type;
        virtualEdge[edgeOffset + 2 * atom + k] = 1;
      }
    }
    edgeOffset += virtualPerAtom * batch.numNodes;
    options.onProgress?.(Math.min(start + batchSize, graphs.length), graphs.length);
  }
  return {
    graphs: graphs.length,
    edges: numEdges,
    bondTypeOfEdge,
    graphOfEdge,
    virtualEdge,
    edgeScores,
    hidden,
    heads,
    forwardSeconds: (performance.now() - forwardStart) / 1000,
  };
}

/**
 * Every layer's statistics from a forward's captures, `summarizer.concurrency` layers at a time. The captures'
 * edge scores may be handed to workers (transferred): do not read them afterwards.
 */
export async function statisticsOf(captures: SplitCaptures, options: ScanOptions = {}): Promise<ScanResult> {
  const { threshold, histogramBins = 0, summarizer = summarizeHere } = options;
  const { edgeScores, hidden, heads, graphs, edges: numEdges, graphOfEdge, bondTypeOfEdge } = captures;
  const numLayers = edgeScores.length;
  const referenceFits = await options.referenceFits;
  const statsStart = performance.now();
  const layers: LayerSummary[] = new Array(numLayers);
  let next = 0;
  let finished = 0;
  const runNext = async (): Promise<void> => {
    while (next < numLayers) {
      if (options.shouldStop?.()) throw new ScanCancelled();
      const layer = next++;
      // A macrotask before each layer lets the progress message and a cancel request through the worker's queue.
      await new Promise((resolve) => setTimeout(resolve, 0));
      layers[layer] = await summarizer.summarize({
        acts: { values: edgeScores[layer], numEdges, dim: hidden },
        graphOfEdge,
        numGraphs: graphs,
        options: { threshold, referenceFit: referenceFits?.[layer], histogramBins, bondTypeOfEdge, heads },
      });
      options.onStatistics?.(++finished, numLayers);
    }
  };
  options.onStatistics?.(0, numLayers);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(summarizer.concurrency, numLayers)) }, runNext));
  const { virtualEdge, forwardSeconds } = captures;
  const statisticsSeconds = (performance.now() - statsStart) / 1000;
  return {
    graphs,
    edges: numEdges,
    bondTypeOfEdge,
    graphOfEdge,
    virtualEdge,
    layers,
    forwardSeconds,
    statisticsSeconds,
  };
}
