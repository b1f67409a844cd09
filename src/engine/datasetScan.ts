/**
 * The dataset scan the analysis panels show (docs/METHOD.md §8.2-8.4, §10.1): a model over (the first graphs of) a split
 * with scanSplit, next to its base (untrained) model of the same architecture, whose Gamma fits score the model's
 * distributions and whose per-graph maxima give the band. The forwards and fits are kept per (model, dataset,
 * split, limit); what depends on the threshold (MA shares, rates by bond type, which graphs carry an MA on which
 * bond type) is cheap and derived per request, so a new threshold does not re-run the model.
 */
import type { LoadedDataset } from '../data/bundleRead';
import type { Graph } from '../data/graph';
import { fractionMassive, isMassive } from '../ma/edgeRatios';
import type { GammaParams } from '../ma/gamma';
import type { LayerSummary } from '../ma/layerSummary';
import { globalShare } from '../ma/globalShare';
import { GLOBAL_EDGE_TYPES } from '../gnn/config';
import {
  analysisFromRecord,
  baseAnalysisOf,
  distributionData,
  finiteOrNull,
  fitNumbers,
  referenceFitsOf,
  type BaseAnalysis,
  type RecordedBaseAnalysis,
} from './baseAnalysis';
import type { DatasetLibrary } from './datasetLibrary';
import type {
  BaseScanData,
  BondTypeInfo,
  DatasetScanLayer,
  DatasetScanProgress,
  DatasetScanRequest,
  DatasetScanResult,
} from './datasetScanTypes';
import { scanRequestKey } from './datasetScanTypes';
import type { ModelEntry } from './explorerTypes';
import type { ModelCatalog } from './modelCatalog';
import type { ModelRegistry } from './models';
import { startScan, summarizeHere, type LayerSummarizer, type ScanOptions, type ScanResult } from './scan';
import { curvatureByLayer, curvatureInScanOrder, SplitCurvatures } from './scanCurvature';
import type { BackendName } from '../gnn/backend';

/** Bins of the -log10 ratio histograms (the paper draws 1000 on a full page; a panel needs fewer). */
export const HISTOGRAM_BINS = 100;
/** Masks hold one bit per bond type. */
const MASK_BITS = 32;
const KEEP_SCANS = 4;
const KEEP_RESULTS = 8;

/** The base model an entry is compared against: itself when it is one, else a base of the same architecture. */
export function baseEntryFor(entry: ModelEntry, entries: readonly ModelEntry[]): ModelEntry | null {
  if (entry.state === 'base') return entry;
  const same = (e: ModelEntry) =>
    e.state === 'base' &&
    e.model === entry.model &&
    (e.family ?? e.model) === (entry.family ?? entry.model) &&
    e.dataset === entry.dataset &&
    e.layers === entry.layers &&
    e.heads === entry.heads &&
    e.hidden === entry.hidden;
  return entries.find((e) => same(e) && e.id.startsWith('ckpt:')) ?? entries.find(same) ?? null;
}

/** Graph of every directed edge in scan order (scanSplit keeps each graph's 2 * bonds edges together, in order). */
export function graphOfEdges(graphs: readonly Graph[]): Int32Array {
  const out = new Int32Array(graphs.reduce((n, g) => n + 2 * g.bondBegin.length, 0));
  let at = 0;
  graphs.forEach((g, i) => {
    out.fill(i, at, at + 2 * g.bondBegin.length);
    at += 2 * g.bondBegin.length;
  });
  return out;
}

/** Names of a global node's edge types (docs/METHOD.md §10.2), used when the scanned model has one. */
export const GLOBAL_EDGE_NAMES: Record<number, string> = {
  [GLOBAL_EDGE_TYPES.toGlobal]: 'atom→global',
  [GLOBAL_EDGE_TYPES.fromGlobal]: 'global→atom',
};

/**
 * Bond types present (ascending), with names from the dataset's vocabulary (or, with a global node, its edges'
 * names for types 4 and 5) and their edge counts.
 */
export function bondTypesOf(bondTypeOfEdge: Int32Array, names: readonly string[], globalNode = false): BondTypeInfo[] {
  const counts = new Map<number, number>();
  for (const t of bondTypeOfEdge) counts.set(t, (counts.get(t) ?? 0) + 1);
  const nameOf = (type: number) => (globalNode ? GLOBAL_EDGE_NAMES[type] : undefined) ?? names[type] ?? String(type);
  return [...counts.keys()]
    .sort((p, q) => p - q)
    .map((type) => ({ type, name: nameOf(type), edges: counts.get(type)! }));
}

/** The threshold-dependent numbers of one layer: MA shares, rates by bond type and each graph's types with an MA. */
export function massiveByBondType(
  summary: Pick<LayerSummary, 'perEdgeRatio' | 'perGraphMax'>,
  edges: { graphOf: Int32Array; typeIndexOf: Int32Array; edgesOfType: readonly number[] },
  threshold: number,
) {
  const numTypes = edges.edgesOfType.length;
  const numGraphs = summary.perGraphMax.length;
  const massiveEdgesByType = new Int32Array(numTypes);
  const graphsByType = new Int32Array(numTypes);
  const lastGraph = new Int32Array(numTypes).fill(-1);
  const typeMaskOfGraph = new Uint32Array(numGraphs);
  summary.perEdgeRatio.forEach((ratio, e) => {
    if (!isMassive(ratio, threshold)) return;
    const [t, g] = [edges.typeIndexOf[e], edges.graphOf[e]];
    massiveEdgesByType[t]++;
    if (lastGraph[t] !== g) graphsByType[t]++; // a graph's edges are contiguous
    lastGraph[t] = g;
    if (t < MASK_BITS) typeMaskOfGraph[g] = (typeMaskOfGraph[g] | (1 << t)) >>> 0;
  });
  return {
    massiveEdgesByType,
    graphsByType,
    typeMaskOfGraph,
    rateByType: Float64Array.from(edges.edgesOfType, (n, t) => massiveEdgesByType[t] / n),
    fractionEdgesMassive: fractionMassive(summary.perEdgeRatio, threshold),
    fractionGraphsMassive: fractionMassive(summary.perGraphMax, threshold),
  };
}

interface KeptScan {
  entry: ModelEntry;
  scan: ScanResult;
}

interface KeptScanRun {
  forwarded: Promise<void>;
  /** Each layer's Gamma fit, as soon as that layer's statistics are done (undefined when the fit failed). */
  fit: (layer: number) => Promise<GammaParams | undefined>;
  scan: Promise<KeptScan>;
}

export class DatasetScanner {
  private scans = new Map<string, KeptScanRun>();
  private baseRecords = new Map<string, Promise<RecordedBaseAnalysis | null>>();
  private results = new Map<string, DatasetScanResult>();
  private curvatures = new SplitCurvatures();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly catalog: ModelCatalog,
    private readonly library: DatasetLibrary,
    /** Who fits the layers: this thread by default, or the engine's pool of statistics workers. */
    private readonly summarizer: LayerSummarizer = summarizeHere,
  ) {}

  async scan(
    request: DatasetScanRequest,
    backend: BackendName,
    onProgress?: (progress: DatasetScanProgress) => void,
    shouldStop?: () => boolean,
  ): Promise<DatasetScanResult> {
    checkRequest(request);
    const key = scanRequestKey(request);
    const kept = this.results.get(key);
    if (kept) return kept;
    const started = performance.now();
    this.summarizer.warm?.();
    const data = await this.library.load(request.dataset);
    const graphs = data.splits[request.split].slice(0, request.limit ?? Infinity);
    const entries = await this.catalog.entries(request.dataset);
    const entry = entries.find((e) => e.id === request.modelEntry);
    if (!entry) throw new Error(`no model "${request.modelEntry}" for ${request.dataset}`);
    const baseEntry = baseEntryFor(entry, entries);
    const needsBase = baseEntry !== null && baseEntry.id !== entry.id;
    const recorded = needsBase && !request.liveBase ? await this.recordedBase(baseEntry, request, graphs.length) : null;
    const said = recorded ? { baseRecorded: true } : {};
    const progress = (phase: DatasetScanProgress['phase']) => ({
      onProgress: (done: number, total: number) => onProgress?.({ phase, stage: 'forward', done, total, ...said }),
      onStatistics: (done: number, total: number) => onProgress?.({ phase, stage: 'statistics', done, total, ...said }),
      shouldStop,
    });
    // Each layer is fitted (in the statistics workers) as soon as its forward is done, the base model's while the
    // next layers and the model's forward run; each of the model's fits waits only for the base fit of its layer.
    const base =
      needsBase && !recorded
        ? this.keptScan(baseEntry, request, graphs, data, null, { ...progress('base'), onStatistics: undefined })
        : null;
    if (base) await base.forwarded;
    const recordedFits = recorded && referenceFitsOf(recorded.layers);
    const reference = base
      ? { id: baseEntry!.id, fit: base.fit }
      : recordedFits && { id: baseEntry!.id, fit: async (layer: number) => recordedFits[layer] };
    const own = await this.keptScan(entry, request, graphs, data, reference, progress('model')).scan;
    const baseAnalysis = recorded ?? (base ? baseAnalysisOf((await base.scan).scan) : null);
    const baseOf = baseEntry && (baseAnalysis ?? baseAnalysisOf(own.scan)); // a base model is its own base
    const result = this.derive(
      request,
      key,
      data,
      own,
      baseOf && { ...baseOf, modelEntry: baseEntry!.id, label: baseEntry!.label },
      graphs.length,
    );
    result.backend = backend;
    result.statisticsWorkers = this.summarizer.workers;
    result.baseRecorded = recorded !== null;
    result.seconds = (performance.now() - started) / 1000;
    this.results.set(key, result);
    if (this.results.size > KEEP_RESULTS) this.results.delete(this.results.keys().next().value!);
    return result;
  }

  /**
   * The base checkpoint's recorded analysis of the requested split, when it covers exactly these graphs (the whole
   * split) with the panels' histogram; null otherwise (the base is then run).
   */
  private async recordedBase(
    baseEntry: ModelEntry,
    request: DatasetScanRequest,
    numGraphs: number,
  ): Promise<BaseAnalysis | null> {
    const key = JSON.stringify([baseEntry.id, request.dataset, request.split]);
    let analysis = this.baseRecords.get(key);
    if (!analysis) {
      // read once per base model and split: the catalogue reads every recorded scan of the dataset
      analysis = this.catalog.recordedScans(request.dataset).then(
        (scans) => {
          const record = scans.find((s) => s.entryId === baseEntry.id)?.scan;
          return record?.split === request.split ? (record.baseAnalysis ?? null) : null;
        },
        () => null,
      );
      this.baseRecords.set(key, analysis);
    }
    const record = await analysis;
    if (!record || record.graphs !== numGraphs || record.histogramBins !== HISTOGRAM_BINS) return null;
    return analysisFromRecord(record);
  }

  /**
   * A model's scan of these graphs, kept: `forwarded` settles when its forward is done (the engine runs one forward
   * at a time), `scan` when its statistics are. With a reference, each layer is also scored against the reference
   * model's fit of that layer.
   */
  private keptScan(
    entry: ModelEntry,
    request: DatasetScanRequest,
    graphs: Graph[],
    data: LoadedDataset,
    reference: { id: string; fit: (layer: number) => Promise<GammaParams | undefined> } | null,
    options: Pick<ScanOptions, 'onProgress' | 'onStatistics' | 'shouldStop'>,
  ): KeptScanRun {
    const key = JSON.stringify([entry.id, request.dataset, request.split, graphs.length, reference?.id ?? null]);
    let kept = this.scans.get(key);
    if (!kept) {
      const run = this.catalog.open(entry.id).then((modelId) =>
        startScan(this.registry.model(modelId), graphs, data.spec, {
          ...options,
          referenceFits: reference?.fit,
          histogramBins: HISTOGRAM_BINS,
          threshold: request.threshold,
          summarizer: this.summarizer,
        }),
      );
      const scan = run.then(async ({ result }) => ({ entry, scan: await result }));
      // `forwarded` only says the backend is free again: a failed forward is reported through `scan`
      kept = {
        forwarded: run.then(({ forwarded }) => forwarded).then(noop, noop),
        fit: (layer) =>
          run
            .then(({ layers }) => layers[layer])
            .then((l) => (l.distribution.fitConverged ? l.distribution.gamma : undefined)),
        scan,
      };
      scan.catch(() => this.scans.delete(key));
      this.scans.set(key, kept);
      if (this.scans.size > KEEP_SCANS) this.scans.delete(this.scans.keys().next().value!);
    }
    return kept;
  }

  private derive(
    request: DatasetScanRequest,
    key: string,
    data: LoadedDataset,
    own: KeptScan,
    base: BaseScanData | null,
    numGraphs: number,
  ): DatasetScanResult {
    const { scan } = own;
    const split = data.splits[request.split];
    const hasGlobalNode = scan.virtualEdge.some((v) => v !== 0);
    const bondTypes = bondTypesOf(scan.bondTypeOfEdge, data.manifest.vocabularies.edge[0]?.values ?? [], hasGlobalNode);
    const indexOfType = new Map(bondTypes.map((t, i) => [t.type, i]));
    const bondCurvature = this.curvatures.of(`${request.dataset}/${request.split}`, split, numGraphs);
    const curvature = curvatureByLayer(
      curvatureInScanOrder(bondCurvature, scan.virtualEdge),
      scan.layers.map((l) => l.perEdgeRatio),
      request.threshold,
    );
    const edges = {
      // scanSplit's own graph of every edge: with a global node, a batch's virtual edges follow its bonds
      graphOf: scan.graphOfEdge,
      typeIndexOf: Int32Array.from(scan.bondTypeOfEdge, (t) => indexOfType.get(t)!),
      edgesOfType: bondTypes.map((t) => t.edges),
    };
    const layers: DatasetScanLayer[] = scan.layers.map((summary, l) => ({
      ...distributionData(summary),
      curvature: curvature.layers[l],
      globalShare: hasGlobalNode ? globalShare(summary.perEdgeRatio, scan.virtualEdge, request.threshold) : null,
      againstBase: summary.distribution.againstReference ? fitNumbers(summary.distribution.againstReference) : null,
      ...massiveByBondType(summary, edges, request.threshold),
      maxGraphRatio: finiteOrNull(summary.maxItemRatio),
      perGraphMax: summary.perGraphMax,
      curve: summary.curve,
    }));
    return {
      key,
      modelEntry: own.entry.id,
      modelLabel: own.entry.label,
      dataset: request.dataset,
      split: request.split,
      threshold: request.threshold,
      graphs: numGraphs,
      splitSize: split.length,
      edges: scan.edges,
      bondTypes,
      curvatureBins: curvature.bins,
      layers,
      base,
      isBase: own.entry.state === 'base',
      backend: 'cpu',
      seconds: 0,
    };
  }
}

const noop = () => {};

function checkRequest({ threshold, limit }: DatasetScanRequest): void {
  if (!(Number.isFinite(threshold) && threshold >= 1))
    throw new RangeError(`the MA threshold must be a number of at least 1 (got ${threshold})`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
    throw new RangeError(`the number of molecules to scan must be a whole number of at least 1 (got ${limit})`);
}
