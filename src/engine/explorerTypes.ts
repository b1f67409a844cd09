/**
 * Plain data the explorer part of the engine returns: datasets and their molecule lists, molecule drawings, model
 * catalogue entries, and a molecule's analysis (prediction and per-bond MA ratios) with per-bond details. All of
 * it crosses the worker boundary by structured clone.
 */
import type { BundledDatasetName } from '../data/bundledDatasets';
import type { Ablation } from '../gnn/ablation';
import type { SplitName } from '../data/split';
import type { DatasetName } from '../gnn/config';
import type { BackendName } from '../gnn/backend';
import type { AttentionSpread } from '../ma/attentionSpread';

export type { AttentionSpread } from '../ma/attentionSpread';

export type { BundledDatasetName } from '../data/bundledDatasets';
export type { SplitName } from '../data/split';
export type { Ablation } from '../gnn/ablation';

export interface DatasetInfo {
  name: BundledDatasetName;
  title: string;
  description: string;
  task: 'regression' | 'multilabel-binary' | 'classification';
  targetNames: string[];
  /** Graphs per split. */
  splits: Record<SplitName, number>;
  /** Molecules are drawn from RDKit coordinates; plain graphs (PROTEINS) with a force layout. */
  drawing: 'molecule' | 'graph';
}

/** One split of a dataset, as the molecule list shows it. */
export interface MoleculeListing {
  dataset: BundledDatasetName;
  split: SplitName;
  count: number;
  /** SMILES per graph, or null when the dataset has none (PROTEINS). */
  smiles: string[] | null;
  /** A user's file with a name column (name, title, compound): each row's name ('' where the cell is empty). */
  names?: string[];
  /** [count * numTargets]; NaN where a label is missing. */
  targets: Float32Array;
  numTargets: number;
  numNodes: Int32Array;
  numBonds: Int32Array;
  /** Set when the listing is a user's dropped file (its id in the engine), not the bundled split. */
  userDatasetId?: string;
}

/**
 * Which molecule: a row of a bundled dataset, a typed SMILES, or a row of a user's dropped file (see
 * userDatasets.ts); the last two are featurised as `dataset`'s models expect.
 */
export type MoleculeRef =
  | { kind: 'dataset'; dataset: BundledDatasetName; split: SplitName; index: number }
  | { kind: 'smiles'; smiles: string; dataset: DatasetName }
  | { kind: 'user'; datasetId: string; index: number; dataset: UserDatasetFamily };

/** The model families a user's molecules can be featurised for (PROTEINS models read no molecules). */
export type UserDatasetFamily = 'zinc' | 'tox21';

export interface DrawnAtom {
  /** Element symbol; for plain graphs the node's type label. */
  element: string;
  charge: number;
  /** Hydrogens on the atom (implicit and explicit). */
  hydrogens: number;
  aromatic: boolean;
  /** What the model reads for this node (e.g. the ZINC type "N H1 +"). */
  modelType: string;
  /** Screen coordinates (y down), scaled so the median bond is 1 long. */
  x: number;
  y: number;
}

export interface DrawnBond {
  /** Atom indices; bond k here is bond k of the model's graph (its directed edges are 2k and 2k+1). */
  begin: number;
  end: number;
  /** Kekulé order 1, 2 or 3 (0 for graph edges). */
  order: number;
  aromatic: boolean;
  /** What the model reads for this bond (e.g. "DOUBLE", "AROMATIC", "0-1"). */
  modelType: string;
}

export interface MoleculeDrawing {
  kind: 'molecule' | 'graph';
  title: string;
  smiles: string | null;
  atoms: DrawnAtom[];
  bonds: DrawnBond[];
  /**
   * How aromatic rings are drawn: as the Kekulé structure the model reads (ZINC's bond types are Kekulé), or with
   * a dashed inner line (TOX21's OGB features have an aromatic bond type).
   */
  aromaticStyle: 'kekule' | 'dashed';
  /** Known targets of a dataset row (NaN where missing), with their names. */
  targets: number[];
  targetNames: string[];
}

export interface ModelEntry {
  /** Stable id, e.g. "base:small-gt-zinc". */
  id: string;
  label: string;
  detail: string;
  dataset: DatasetName;
  model: 'gt' | 'san' | 'graphit';
  state: 'base' | 'trained' | 'ebt';
  layers: number;
  heads: number;
  hidden: number;
  /** A checkpoint's test metrics as recorded (mae, rocAuc, accuracy, ...); absent for untrained models. */
  testMetrics?: Record<string, number>;
  /**
   * Architecture family ("gt", "gt-noedge", "gt-global", ...): a trained model is compared with a base of its own
   * family. Absent means the plain model kind.
   */
  family?: string;
  /** One of the paper's controls beyond the base/trained/EBT grid (NoEdge, global node, paper-form EBT, ...). */
  experiment?: boolean;
  /** GT without edge features in attention (docs/METHOD.md §10.2): its MAs are measured on nodes. */
  noEdge?: boolean;
  /** SAN/GraphiT EBT in the released code's form (uniform mean per destination, §5.2); absent: intended form. */
  ebtForm?: 'paper';
}

export interface AnalyzeRequest {
  modelEntry: string;
  molecule: MoleculeRef;
  ablation?: Ablation;
}

export interface Prediction {
  /** Raw model outputs (regression values or logits). */
  raw: number[];
  /** What to show: the value itself for regression, the sigmoid probability for binary tasks. */
  shown: number[];
  kind: 'value' | 'probability';
  names: string[];
}

/** A bond type as the model read it, with how a drawing shows it. */
export interface ReadBondType {
  type: number;
  name: string;
  order: number;
  aromatic: boolean;
}

export interface MoleculeAnalysis {
  analysisId: string;
  modelEntry: string;
  /** The ablation the forward ran with (absent: none). */
  ablation?: Ablation;
  backend: BackendName;
  prediction: Prediction;
  /** With an ablation: the same model's prediction for the molecule without it (same numbers as its analysis). */
  unablatedPrediction: Prediction | null;
  /** With an ablation: the per-layer bond ratios without it (the "change" colour mode divides by these). */
  unablatedBondRatios: Float64Array[] | null;
  numLayers: number;
  heads: number;
  hidden: number;
  numBonds: number;
  /** [layer][bond]: max over the bond's two directed edges of max|s| / median|s| (numpy median). */
  bondRatios: Float64Array[];
  /** [layer][bond * heads + h]: attention weight per head, the larger of the bond's two directed edges. */
  bondAttention: Float64Array[];
  /** Atoms of the molecule (the first rows of the node tensor; a global node is not one). */
  numAtoms: number;
  /** [layer][atom]: max|h_att| / median|h_att| of the atom's attention output (numpy median; docs/METHOD.md §7, §8.1). */
  nodeRatios: Float64Array[];
  /** [layer]: how evenly each atom's attention is spread over its incoming bonds (src/ma/attentionSpread.ts). */
  attentionSpread: AttentionSpread[];
  /** The model has no edge features in attention (NoEdge GT): node ratios are its MA measure. */
  noEdge: boolean;
  forwardMs: number;
  /** With randomised bond types: per bond, the type the model read instead of the molecule's. */
  readBondTypes: ReadBondType[] | null;
}

export interface DirectedEdgeDetail {
  edge: number;
  src: number;
  dst: number;
  ratio: number;
  median: number;
  /** [hidden] signed scores s, head-major (index h * headDim + t). */
  scores: Float32Array;
  /** [hidden] |s| / median|s|. */
  elementRatios: Float32Array;
  /** [heads] normalised attention weight of this edge. */
  attention: Float32Array;
}

export interface BondDetail {
  bond: number;
  heads: number;
  headDim: number;
  /** Per layer, the directed edges begin -> end and end -> begin. */
  layers: { forward: DirectedEdgeDetail; backward: DirectedEdgeDetail }[];
}

/** The per-bond attribution methods of src/explain/attribution.ts. */
export const ATTRIBUTION_METHODS = ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

export interface AttributionRequest {
  modelEntry: string;
  molecule: MoleculeRef;
  /** Attribute the ablated model (bonds removed, bond types randomised, massive features of all bonds ablated). */
  ablation?: Ablation;
  /** MA threshold of the MA-ablation method. */
  threshold: number;
  /** Output column to explain (a TOX21 task); 0 by default. */
  target?: number;
  /** Integrated-gradients steps (default 32). */
  steps?: number;
  /** Compute only these parts (default all): the page asks for the shown method's part first. */
  parts?: AttributionPart[];
}

/** 'ablation': occlusion and MA ablation; 'gradients': gradient x input and integrated gradients (the costly part). */
export type AttributionPart = 'ablation' | 'gradients';
export const ATTRIBUTION_PART_OF: Record<AttributionMethod, AttributionPart> = {
  occlusion: 'ablation',
  maAblation: 'ablation',
  gradInput: 'gradients',
  integratedGradients: 'gradients',
};

/** Which bonds matter for one output; positive values push the output up. */
export interface MoleculeAttribution {
  modelEntry: string;
  target: number;
  targetName: string;
  threshold: number;
  /** The raw output being explained (the model as ablated). */
  prediction: number;
  /** [method][bond]; NaN for bonds an ablation removed (they have no attribution). */
  bonds: Record<AttributionMethod, Float32Array>;
  /** [atom] node-level gradient x input and integrated gradients on h0. */
  atoms: { gradInput: Float32Array; integratedGradients: Float32Array };
  /** f(e0) - f(0) and f(h0) - f(0): what the integrated gradients sum to. */
  edgeBaselineGap: number;
  nodeBaselineGap: number;
  steps: number;
  ms: number;
  /** The methods computed (the others are NaN until their part arrives). */
  computed: AttributionMethod[];
}

/** One rejected row of a user's file: 1-based line, the reason in words (shown as text), and the file. */
export interface RejectedRow {
  line: number;
  reason: string;
  file?: string;
}

/** A user's file as the engine read it for one model family: its molecules as a listing, and every rejected row. */
export interface UserDatasetReport {
  id: string;
  /** The file name(s) as dropped. */
  title: string;
  family: UserDatasetFamily;
  /** csv, tsv or sdf. */
  format: string;
  loaded: number;
  total: number;
  rejected: RejectedRow[];
  notes: string[];
  targetNames: string[];
  info: DatasetInfo;
  listing: MoleculeListing;
}

/** What loadUserDataset is doing, for a progress line. */
export interface UserDatasetProgress {
  stage: 'reading' | 'parsing' | 'listing';
  message: string;
}
