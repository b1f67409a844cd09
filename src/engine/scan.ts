/**
 * A dataset scan (docs/METHOD.md §7-8): run a model over a split in eval mode, in batches (eval-mode outputs do not
 * depend on batching, so this equals the paper's batch-size-1 logging), keep every layer's edge scores, and
 * summarise each layer: MA fractions, per-graph maxima, Gamma fit with KS and log-likelihood (against its own fit
 * and, given one, the base model's), and heatmaps and rates by bond type.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs, type GraphBatch } from '../data/graphBatch';
import { randomBondTypesPerGraph } from '../gnn/ablation';
import { GLOBAL_EDGE_TYPES } from '../gnn/config';
import { forwardLayer, startForward, type ForwardRun, type Model } from '../gnn/model';
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
  referenceFits?: ReferenceFits | Promise<ReferenceFits> | ((layer: number) => Promise<GammaParams | undefined>);
  histogramBins?: number;
  /** Called as the forward goes, with layers done (over all batches) and the number of layers. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Layers whose statistics (Gamma fit, KS, ...) are done, and the number of layers: once when the forward ends and
   * after each layer finished after that (a scan starts each layer's statistics as soon as its forward is done).
   */
  onStatistics?: (done: number, total: number) => void;
  /** Checked before every batch of every layer; true stops the scan with a ScanCancelled error. */
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
  /** Once `signal` aborts, a job not yet started is dropped and its promise rejects. */
  summarize(job: LayerJob, signal?: AbortSignal): Promise<LayerSummary>;
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

/** The forward, each layer's statistics started as soon as that layer is done (startScan). */
export async function scanSplit(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  options: ScanOptions = {},
): Promise<ScanResult> {
  return startScan(model, graphs, spec, options).result;
}

/** A scan under way (startScan). */
export interface ScanRun {
  /** Settles when the forward is done: the backend is free for the next one. */
  forwarded: Promise<SplitCaptures>;
  /** One per layer, settling when that layer's statistics are. */
  layers: Promise<LayerSummary>[];
  result: Promise<ScanResult>;
}

/**
 * Starts a scan: the forward runs layer by layer over all batches (forwardSplit), and each layer's statistics go to
 * the summarizer as soon as its captures are complete, so they overlap the next layers' forward. The captures' edge
 * scores may be handed to workers (transferred): do not read them afterwards.
 */
export function startScan(model: Model, graphs: Graph[], spec: FeatureSpec, options: ScanOptions = {}): ScanRun {
  const { summarizer = summarizeHere } = options;
  const numLayers = model.config.layers;
  const settle = Array.from({ length: numLayers }, () => deferred<LayerSummary>());
  let finished = 0;
  let forwardDone = false;
  const statsStart = performance.now();
  // A forward that stops (cancelled, or failed) drops the layers still waiting for a statistics worker.
  const stopped = new AbortController();
  const forwarded = forwardSplit(model, graphs, spec, {
    ...options,
    onLayer: (layer, captures) => {
      const { resolve, reject } = settle[layer];
      summarizeLayerOf(captures, layer, options, summarizer, stopped.signal).then((summary) => {
        resolve(summary);
        finished++;
        if (forwardDone) options.onStatistics?.(finished, numLayers);
      }, reject);
    },
  });
  forwarded.then(
    () => {
      forwardDone = true;
      options.onStatistics?.(finished, numLayers);
    },
    (error) => {
      stopped.abort();
      settle.forEach(({ reject }) => reject(error));
    },
  );
  const layers = settle.map(({ promise }) => promise);
  layers.forEach((p) => p.catch(() => {})); // reported through `result`
  const result = forwarded.then(async (captures) => {
    const summaries = await Promise.all(layers);
    return scanResult(captures, summaries, (performance.now() - statsStart) / 1000 - captures.forwardSeconds);
  });
  return { forwarded, layers, result };
}

/**
 * Yields to the event loop: reading tensors only awaits microtasks, so without this a worker's queue (progress
 * messages out, a cancel request or a statistics worker's reply in) waits for the whole forward.
 */
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

/** Runs the model over the graphs in batches, layer by layer, keeping every layer's edge scores. */
export async function forwardSplit(
  model: Model,
  graphs: Graph[],
  spec: FeatureSpec,
  options: Pick<ScanOptions, 'batchSize' | 'onProgress' | 'shouldStop'> & {
    /** Called when a layer's edge scores are complete (the bookkeeping is complete from the start). */
    onLayer?: (layer: number, captures: SplitCaptures) => void;
  } = {},
): Promise<SplitCaptures> {
  const { batchSize = 256 } = options;
  const { layers: numLayers, hidden, heads } = model.config;
  // A model trained with a global node adds two edges per atom to every forward (docs/METHOD.md §10.2).
  const virtualPerAtom = model.config.globalNode ? 2 : 0;
  const numEdges = graphs.reduce((n, g) => n + 2 * g.bondBegin.length + virtualPerAtom * g.numNodes, 0);
  const captures: SplitCaptures = {
    graphs: graphs.length,
    edges: numEdges,
    bondTypeOfEdge: new Int32Array(numEdges),
    graphOfEdge: new Int32Array(numEdges),
    virtualEdge: new Uint8Array(numEdges),
    edgeScores: Array.from({ length: numLayers }, () => new Float32Array(numEdges * hidden)),
    hidden,
    heads,
    forwardSeconds: 0,
  };
  const batches: { start: number; edgeOffset: number; batch: GraphBatch }[] = [];
  let edgeOffset = 0;
  for (let start = 0; start < graphs.length; start += batchSize) {
    const batch = batchGraphs(graphs.slice(start, start + batchSize), spec);
    batches.push({ start, edgeOffset, batch });
    edgeOffset += recordEdges(captures, model, batch, spec.edgeVocab.length, start, edgeOffset);
  }

  const forwardStart = performance.now();
  // Every batch's state (node and edge states, graph tensors) is kept between layers.
  const runs: ForwardRun[] = [];
  const tensorsOf = (run: ForwardRun) => [run.h, run.e, run.e0, run.graph.src, run.graph.dst, run.graph.edgeMask];
  try {
    for (const { batch } of batches) {
      if (options.shouldStop?.()) throw new ScanCancelled();
      tf.tidy(() => {
        const run = startForward(model, batch, { capture: true });
        runs.push(run);
        return tensorsOf(run).filter((t) => t !== null);
      });
    }
    for (let layer = 0; layer < numLayers; layer++) {
      for (let b = 0; b < batches.length; b++) {
        if (options.shouldStop?.()) throw new ScanCancelled();
        const run = runs[b];
        const [h, e] = [run.h, run.e];
        const edgeScore = tf.tidy(() => {
          const capture = forwardLayer(model, run, layer)!;
          return [run.h, run.e, capture.edgeScore];
        })[2];
        for (const t of [h, e]) if (t !== run.h && t !== run.e && t !== run.e0) t.dispose();
        try {
          captures.edgeScores[layer].set(await edgeScore.data(), batches[b].edgeOffset * hidden);
        } finally {
          edgeScore.dispose();
        }
      }
      options.onProgress?.(layer + 1, numLayers);
      captures.forwardSeconds = (performance.now() - forwardStart) / 1000;
      options.onLayer?.(layer, captures);
      await macrotask();
    }
  } finally {
    const kept = new Set(runs.flatMap(tensorsOf));
    tf.dispose([...kept].filter((t) => t !== null));
  }
  return captures;
}

/** Fills the bookkeeping of one batch's edges; returns how many edges (bonds and global-node edges) it has. */
function recordEdges(
  captures: SplitCaptures,
  model: Model,
  batch: GraphBatch,
  edgeWidth: number,
  start: number,
  offset: number,
): number {
  const { graphOfEdge, bondTypeOfEdge, virtualEdge } = captures;
  // the types the model saw: a random-bond-types model replaces them (docs/METHOD.md §10.2)
  const seen = model.config.randomBondTypes
    ? randomBondTypesPerGraph(batch, model.config.dataset, model.config.seed)
    : batch;
  for (let e = 0; e < batch.numEdges; e++) {
    graphOfEdge[offset + e] = start + batch.graphOfEdge[e];
    bondTypeOfEdge[offset + e] = seen.edgeFeatures[e * edgeWidth];
  }
  const bonds = batch.numEdges;
  // the global node's edges: atom a -> global (type 4) at 2a, global -> atom (type 5) at 2a + 1
  const virtualPerAtom = model.config.globalNode ? 2 : 0;
  for (let atom = 0; atom < (virtualPerAtom ? batch.numNodes : 0); atom++) {
    for (const [k, type] of [
      [0, GLOBAL_EDGE_TYPES.toGlobal],
      [1, GLOBAL_EDGE_TYPES.fromGlobal],
    ]) {
      graphOfEdge[offset + bonds + 2 * atom + k] = start + batch.graphOfNode[atom];
      bondTypeOfEdge[offset + bonds + 2 * atom + k] = type;
      virtualEdge[offset + bonds + 2 * atom + k] = 1;
    }
  }
  return bonds + virtualPerAtom * batch.numNodes;
}

/** One layer's statistics, scored against the reference fit of that layer when there is one. */
async function summarizeLayerOf(
  captures: SplitCaptures,
  layer: number,
  options: ScanOptions,
  summarizer: LayerSummarizer,
  signal?: AbortSignal,
): Promise<LayerSummary> {
  const { threshold, histogramBins = 0, referenceFits } = options;
  const { edgeScores, hidden, heads, graphs, edges: numEdges, graphOfEdge, bondTypeOfEdge } = captures;
  const referenceFit =
    typeof referenceFits === 'function' ? await referenceFits(layer) : (await referenceFits)?.[layer];
  return summarizer.summarize(
    {
      acts: { values: edgeScores[layer], numEdges, dim: hidden },
      graphOfEdge,
      numGraphs: graphs,
      options: { threshold, referenceFit, histogramBins, bondTypeOfEdge, heads },
    },
    signal,
  );
}

function scanResult(captures: SplitCaptures, layers: LayerSummary[], statisticsSeconds: number): ScanResult {
  const { graphs, edges, bondTypeOfEdge, graphOfEdge, virtualEdge, forwardSeconds } = captures;
  return { graphs, edges, bondTypeOfEdge, graphOfEdge, virtualEdge, layers, forwardSeconds, statisticsSeconds };
}

/**
 * Every layer's statistics from a forward's captures, `summarizer.concurrency` layers at a time. The captures'
 * edge scores may be handed to workers (transferred): do not read them afterwards.
 */
export async function statisticsOf(captures: SplitCaptures, options: ScanOptions = {}): Promise<ScanResult> {
  const { summarizer = summarizeHere } = options;
  const numLayers = captures.edgeScores.length;
  const statsStart = performance.now();
  const layers: LayerSummary[] = new Array(numLayers);
  let next = 0;
  let finished = 0;
  const runNext = async (): Promise<void> => {
    while (next < numLayers) {
      if (options.shouldStop?.()) throw new ScanCancelled();
      const layer = next++;
      await macrotask();
      layers[layer] = await summarizeLayerOf(captures, layer, options, summarizer);
      options.onStatistics?.(++finished, numLayers);
    }
  };
  options.onStatistics?.(0, numLayers);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(summarizer.concurrency, numLayers)) }, runNext));
  return scanResult(captures, layers, (performance.now() - statsStart) / 1000);
}
