/**
 * The explorer's engine side: datasets, molecule drawings, the model catalogue, and one molecule's analysis
 * (forward with captures, per-bond MA ratios, per-bond details). Keeps the last few analyses so that selecting
 * another bond does not re-run the model.
 */
import type { BundleSource } from '../data/bundleRead';
import type { BundledDatasetName } from '../data/bundledDatasets';
import type { SplitName } from '../data/split';
import { DATASET_INPUTS, type DatasetName } from '../gnn/config';
import { bondRatiosOfLayer, directedEdgeDetail } from './bondAnalysis';
import { DatasetLibrary } from './datasetLibrary';
import type {
  AnalyzeRequest,
  BondDetail,
  MoleculeAnalysis,
  MoleculeRef,
  ModelEntry,
  Prediction,
} from './explorerTypes';
import { ModelCatalog, type CheckpointSource } from './modelCatalog';
import { resolveMolecule, type ResolvedMolecule } from './moleculeInputs';
import type { ForwardData, ModelRegistry } from './models';

export interface ExplorerSources {
  datasets: BundleSource | null;
  checkpoints: CheckpointSource | null;
  /** Starts RDKit (its wasm location differs between the worker and Node). */
  startChemistry: () => Promise<{ version(): string }>;
}

interface StoredAnalysis {
  data: ForwardData;
  resolved: ResolvedMolecule;
  hidden: number;
  heads: number;
}

const KEEP_MOLECULES = 32;
const KEEP_ANALYSES = 8;

export class Explorer {
  readonly library: DatasetLibrary;
  readonly catalog: ModelCatalog;
  private molecules = new Map<string, Promise<ResolvedMolecule>>();
  private analyses = new Map<string, StoredAnalysis>();
  private nextAnalysis = 1;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly sources: ExplorerSources,
  ) {
    this.library = new DatasetLibrary(sources.datasets);
    this.catalog = new ModelCatalog(registry, sources.checkpoints);
  }

  async startChemistry(): Promise<{ rdkitVersion: string }> {
    return { rdkitVersion: (await this.sources.startChemistry()).version() };
  }

  info = (name: BundledDatasetName) => this.library.info(name);
  listing = (name: BundledDatasetName, split: SplitName) => this.library.listing(name, split);
  models = (dataset: DatasetName): Promise<ModelEntry[]> => this.catalog.entries(dataset);

  async drawing(ref: MoleculeRef) {
    return (await this.resolve(ref)).drawing;
  }

  async analyze(request: AnalyzeRequest, backend: MoleculeAnalysis['backend']): Promise<MoleculeAnalysis> {
    const resolved = await this.resolve(request.molecule);
    const modelId = await this.catalog.open(request.modelEntry);
    const config = this.registry.config(modelId);
    if (config.dataset !== resolved.dataset)
      throw new Error(`this model reads ${config.dataset} graphs; the molecule is featurised for ${resolved.dataset}`);
    const start = performance.now();
    const data = await this.registry.forward({
      modelId,
      graphs: [resolved.graph],
      spec: resolved.spec,
      capture: true,
      ablation: request.ablation,
    });
    const forwardMs = performance.now() - start;
    const numBonds = resolved.graph.bondBegin.length;
    const analysisId = `analysis-${this.nextAnalysis++}`;
    this.remember(analysisId, { data, resolved, hidden: config.hidden, heads: config.heads });
    return {
      analysisId,
      modelEntry: request.modelEntry,
      backend,
      prediction: await this.prediction(data, resolved),
      numLayers: data.layers.length,
      heads: config.heads,
      hidden: config.hidden,
      numBonds,
      bondRatios: data.layers.map((layer) => bondRatiosOfLayer(layer, numBonds, config.hidden)),
      forwardMs,
    };
  }

  bondDetail(analysisId: string, bond: number): BondDetail {
    const stored = this.analyses.get(analysisId);
    if (!stored) throw new Error(`analysis ${analysisId} is no longer kept; analyse the molecule again`);
    const { data, resolved, hidden, heads } = stored;
    const { bondBegin, bondEnd } = resolved.graph;
    if (!Number.isInteger(bond) || bond < 0 || bond >= bondBegin.length)
      throw new RangeError(`bond ${bond} is outside 0..${bondBegin.length - 1}`);
    const [a, b] = [bondBegin[bond], bondEnd[bond]];
    return {
      bond,
      heads,
      headDim: hidden / heads,
      layers: data.layers.map((layer) => ({
        forward: directedEdgeDetail(layer, 2 * bond, { src: a, dst: b }, hidden, heads),
        backward: directedEdgeDetail(layer, 2 * bond + 1, { src: b, dst: a }, hidden, heads),
      })),
    };
  }

  private resolve(ref: MoleculeRef): Promise<ResolvedMolecule> {
    const key = JSON.stringify(ref);
    let resolved = this.molecules.get(key);
    if (!resolved) {
      resolved = this.sources.startChemistry().then(() => resolveMolecule(ref, this.library));
      resolved.catch(() => this.molecules.delete(key));
      this.molecules.set(key, resolved);
      if (this.molecules.size > KEEP_MOLECULES) this.molecules.delete(this.molecules.keys().next().value!);
    }
    return resolved;
  }

  private remember(id: string, analysis: StoredAnalysis): void {
    this.analyses.set(id, analysis);
    if (this.analyses.size > KEEP_ANALYSES) this.analyses.delete(this.analyses.keys().next().value!);
  }

  private async prediction(data: ForwardData, resolved: ResolvedMolecule): Promise<Prediction> {
    const raw = Array.from(data.output);
    const binary = DATASET_INPUTS[resolved.dataset].task === 'binary';
    let names = resolved.drawing.targetNames;
    if (names.length !== raw.length)
      names = await this.library.info(resolved.dataset).then(
        (info) => info.targetNames,
        () => raw.map((_, i) => `output ${i}`),
      );
    return {
      raw,
      shown: binary ? raw.map((logit) => 1 / (1 + Math.exp(-logit))) : raw,
      kind: binary ? 'probability' : 'value',
      names,
    };
  }
}
