/**
 * The explorer's engine side: datasets, molecule drawings, the model catalogue, one molecule's analysis (forward
 * with captures and ablations, per-bond MA ratios, per-bond details) and its attributions. Keeps the last few
 * analyses and attributions by request, so that selecting another bond does not re-run the model and undoing an
 * ablation brings back exactly the numbers shown before it.
 */
import type { BundleSource } from '../data/bundleRead';
import type { BundledDatasetName } from '../data/bundledDatasets';
import type { SplitName } from '../data/split';
import { DATASET_INPUTS, type DatasetName } from '../gnn/config';
import { randomBondTypes, type Ablation } from '../gnn/ablation';
import { ZINC_BOND_TYPES } from '../chem/zincTypes';
import { OGB_BOND_VALUES } from '../chem/ogbFeaturizer';
import {
  attentionSpreadOfLayer,
  bondAttentionOfLayer,
  bondRatiosOfLayer,
  directedEdgeDetail,
  nodeRatiosOfLayer,
} from './bondAnalysis';
import { attributeForExplorer } from './explorerAttribution';
import { DatasetLibrary } from './datasetLibrary';
import type {
  AnalyzeRequest,
  AttributionRequest,
  BondDetail,
  MoleculeAnalysis,
  MoleculeAttribution,
  MoleculeRef,
  ModelEntry,
  Prediction,
  ReadBondType,
} from './explorerTypes';
import { ModelCatalog, type CheckpointSource } from './modelCatalog';
import { resolveMolecule, type ResolvedMolecule } from './moleculeInputs';
import { UserDatasets } from './userDatasets';
import type { ForwardData, ModelRegistry } from './models';

export interface ExplorerSources {
  datasets: BundleSource | null;
  checkpoints: CheckpointSource | null;
  /** Starts RDKit (its wasm location differs between the worker and Node). */
  startChemistry: () => Promise<{ version(): string }>;
}

interface StoredAnalysis {
  analysis: MoleculeAnalysis;
  data: ForwardData;
  resolved: ResolvedMolecule;
  hidden: number;
  heads: number;
}

const KEEP_MOLECULES = 32;
const KEEP_ANALYSES = 8;
const KEEP_ATTRIBUTIONS = 4;

/** An ablation that changes nothing counts as none. */
export function isNoAblation(ablation: Ablation | undefined): boolean {
  return (
    !ablation ||
    (!ablation.removeBonds?.length &&
      !ablation.features?.length &&
      !ablation.randomizeBondTypes &&
      !ablation.globalNode)
  );
}

/** The bond types a randomisation gave the model, as a drawing shows them (molecules only; PROTEINS: null). */
function readBondTypes(dataset: DatasetName, numBonds: number, seed: number): ReadBondType[] | null {
  if (dataset === 'proteins') return null;
  return Array.from(randomBondTypes(numBonds, dataset, seed), (type) =>
    dataset === 'zinc'
      ? { type, name: ZINC_BOND_TYPES[type] ?? String(type), order: type, aromatic: false }
      : {
          type,
          name: OGB_BOND_VALUES[0][type] ?? String(type),
          order: type === 3 ? 1 : type + 1,
          aromatic: type === 3,
        },
  );
}

const requestKey = (...parts: unknown[]) => JSON.stringify(parts);

export class Explorer {
  readonly library: DatasetLibrary;
  readonly catalog: ModelCatalog;
  /** Files the person dropped, as datasets (userDatasets.ts). */
  readonly userDatasets = new UserDatasets();
  private molecules = new Map<string, Promise<ResolvedMolecule>>();
  private analyses = new Map<string, StoredAnalysis>();
  /** Analysis id by request, for the analyses still kept. */
  private analysisByRequest = new Map<string, string>();
  private attributions = new Map<string, Promise<MoleculeAttribution>>();
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
    const ablation = isNoAblation(request.ablation) ? undefined : request.ablation;
    const key = requestKey(request.modelEntry, request.molecule, ablation ?? null);
    const kept = this.analyses.get(this.analysisByRequest.get(key) ?? '');
    if (kept) return kept.analysis;
    const unablated = ablation ? await this.analyze({ ...request, ablation: undefined }, backend) : null;
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
      ablation,
    });
    const forwardMs = performance.now() - start;
    const numBonds = resolved.graph.bondBegin.length;
    const analysis: MoleculeAnalysis = {
      analysisId: `analysis-${this.nextAnalysis++}`,
      modelEntry: request.modelEntry,
      ...(ablation && { ablation }),
      backend,
      prediction: await this.prediction(data, resolved),
      unablatedPrediction: unablated?.prediction ?? null,
      unablatedBondRatios: unablated?.bondRatios ?? null,
      numLayers: data.layers.length,
      heads: config.heads,
      hidden: config.hidden,
      numBonds,
      bondRatios: data.layers.map((layer) => bondRatiosOfLayer(layer, numBonds, config.hidden)),
      bondAttention: data.layers.map((layer) => bondAttentionOfLayer(layer, numBonds, config.heads)),
      numAtoms: resolved.graph.numNodes,
      nodeRatios: data.layers.map((layer) => nodeRatiosOfLayer(layer, resolved.graph.numNodes, config.hidden)),
      attentionSpread: data.layers.map((layer) => attentionSpreadOfLayer(layer, resolved.graph, config.heads)),
      noEdge: config.noEdge === true,
      forwardMs,
      readBondTypes: ablation?.randomizeBondTypes
        ? readBondTypes(resolved.dataset, numBonds, ablation.randomizeBondTypes.seed)
        : null,
    };
    this.remember(key, { analysis, data, resolved, hidden: config.hidden, heads: config.heads });
    return analysis;
  }

  /** Per-bond (and per-atom) attributions of one output, for the model as ablated. */
  attribute(request: AttributionRequest): Promise<MoleculeAttribution> {
    const ablation = isNoAblation(request.ablation) ? undefined : request.ablation;
    const target = request.target ?? 0;
    const steps = request.steps ?? 32;
    const parts = request.parts ? [...request.parts].sort() : null;
    const key = requestKey(
      request.modelEntry,
      request.molecule,
      ablation ?? null,
      request.threshold,
      target,
      steps,
      parts,
    );
    let result = this.attributions.get(key);
    if (!result) {
      result = this.runAttribution({ ...request, ablation }, target, steps);
      result.catch(() => this.attributions.delete(key));
      this.attributions.set(key, result);
      if (this.attributions.size > KEEP_ATTRIBUTIONS) this.attributions.delete(this.attributions.keys().next().value!);
    }
    return result;
  }

  private async runAttribution(request: AttributionRequest, target: number, steps: number) {
    const resolved = await this.resolve(request.molecule);
    const modelId = await this.catalog.open(request.modelEntry);
    const model = this.registry.model(modelId);
    if (model.config.dataset !== resolved.dataset)
      throw new Error(
        `this model reads ${model.config.dataset} graphs; the molecule is featurised for ${resolved.dataset}`,
      );
    const names = resolved.drawing.targetNames.length
      ? resolved.drawing.targetNames
      : await this.library.info(resolved.dataset).then(
          (info) => info.targetNames,
          () => [],
        );
    return attributeForExplorer({
      model,
      graph: resolved.graph,
      spec: resolved.spec,
      dataset: resolved.dataset,
      ablation: request.ablation,
      threshold: request.threshold,
      target,
      targetName: names[target] ?? `output ${target}`,
      steps,
      modelEntry: request.modelEntry,
      parts: request.parts,
    });
  }

  bondDetail(analysisId: string, bond: number): BondDetail {
    const stored = this.analyses.get(analysisId);
    if (!stored) throw new Error(`analysis ${analysisId} is no longer kept; analyse the molecule again`);
    const { data, resolved, hidden, heads } = stored;
    const { bondBegin, bondEnd } = resolved.graph;
    if (!Number.isInteger(bond) || bond < 0 || bond >= bondBegin.length)
      throw new RangeError(
        bondBegin.length === 0
          ? `there is no bond ${bond}: this molecule has no bonds`
          : `bond ${bond} is outside 0..${bondBegin.length - 1}`,
      );
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

  /** Every bond's detail at once: the page keeps them, so selecting a bond needs no round trip to the worker. */
  bondDetails(analysisId: string): BondDetail[] {
    const stored = this.analyses.get(analysisId);
    if (!stored) throw new Error(`analysis ${analysisId} is no longer kept; analyse the molecule again`);
    return Array.from(stored.resolved.graph.bondBegin, (_, bond) => this.bondDetail(analysisId, bond));
  }

  /** Forgets kept analyses and attributions (after a backend change they are computed again on the new one). */
  forgetComputed(): void {
    this.analyses.clear();
    this.analysisByRequest.clear();
    this.attributions.clear();
  }

  private resolve(ref: MoleculeRef): Promise<ResolvedMolecule> {
    const key = JSON.stringify(ref);
    let resolved = this.molecules.get(key);
    if (!resolved) {
      resolved = this.sources
        .startChemistry()
        .then(() => (ref.kind === 'user' ? this.userDatasets.resolve(ref) : resolveMolecule(ref, this.library)));
      resolved.catch(() => this.molecules.delete(key));
      this.molecules.set(key, resolved);
      if (this.molecules.size > KEEP_MOLECULES) this.molecules.delete(this.molecules.keys().next().value!);
    }
    return resolved;
  }

  private remember(key: string, stored: StoredAnalysis): void {
    this.analyses.set(stored.analysis.analysisId, stored);
    this.analysisByRequest.set(key, stored.analysis.analysisId);
    if (this.analyses.size <= KEEP_ANALYSES) return;
    const oldest = this.analyses.keys().next().value!;
    this.analyses.delete(oldest);
    for (const [request, id] of this.analysisByRequest) if (id === oldest) this.analysisByRequest.delete(request);
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
