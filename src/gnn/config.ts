/**
 * Model configuration: plain JSON, validated with zod, stored in every checkpoint's model.json.
 * Presets: the paper's configurations (docs/METHOD.md §6) and smaller ones that train on a CPU.
 */
import { z } from 'zod';

export const DATASETS = ['zinc', 'tox21', 'proteins'] as const;
export const MODEL_KINDS = ['gt', 'san', 'graphit'] as const;
/** SAN/GraphiT EBT: the intended form (docs/METHOD.md §5.1) or the released code's overwrite (§5.2). */
export const EBT_FORMS = ['intended', 'paper'] as const;
export type EbtForm = (typeof EBT_FORMS)[number];
export type DatasetName = (typeof DATASETS)[number];

/** What each dataset feeds the model (docs/METHOD.md §9; docs/DESIGN.md for TOX21 and PROTEINS). */
export const DATASET_INPUTS = {
  // Benchmark encoding: 28 atom types, bond types 1-3 (0 = none, never an edge); nn.Embedding tables.
  zinc: { encoder: 'embedding', nodeVocab: [28], edgeVocab: [4], nodeValueWidth: 0, numTargets: 1, task: 'regression' },
  // OGB-style categorical columns, one xavier-initialised table per column, summed.
  tox21: {
    encoder: 'ogb',
    nodeVocab: [119, 4, 12, 12, 10, 6, 6, 2, 2],
    edgeVocab: [5, 6, 2],
    nodeValueWidth: 0,
    numTargets: 12,
    task: 'binary',
  },
  // TU PROTEINS: secondary-structure type (3) + one continuous attribute; edge = unordered pair of types (6).
  proteins: { encoder: 'embedding', nodeVocab: [3], edgeVocab: [6], nodeValueWidth: 1, numTargets: 1, task: 'binary' },
} as const satisfies Record<DatasetName, unknown>;

export const modelConfigSchema = z.object({
  model: z.enum(MODEL_KINDS),
  dataset: z.enum(DATASETS),
  layers: z.number().int().min(1).max(32),
  heads: z.number().int().min(1).max(64),
  hidden: z.number().int().min(1).max(1024),
  residual: z.boolean(),
  readout: z.enum(['mean', 'sum']),
  dropout: z.number().min(0).max(0.95),
  /** Explicit Bias Term (docs/METHOD.md §5); switches on the Q/K/V/P biases too. */
  ebt: z.boolean(),
  /**
   * Which EBT for SAN and GraphiT: absent or "intended" = §5.1; "paper" = the released code, where exp(c) overwrites
   * the attention weights and every destination averages its in-edges uniformly (docs/METHOD.md §5.2). Absent
   * rather than defaulted, so configs written before the field existed read and compare unchanged.
   */
  ebtForm: z.enum(EBT_FORMS).optional(),
  /**
   * GT only: the v3 code's NoEdge control (docs/METHOD.md §10.2), attention without edge features,
   * w = exp(clamp(K_src · Q_dst / √d, ±5)); no edge embedding, projection or edge stream. Absent = false.
   */
  noEdge: z.boolean().optional(),
  /**
   * ZINC only, trained with it (docs/METHOD.md §10.2, "ZINC-GLOBAL"): every graph gets a virtual node (atom type 28)
   * joined to every atom, edges atom -> virtual of bond type 4 and virtual -> atom of type 5, in every forward.
   */
  globalNode: z.boolean().optional(),
  /**
   * ZINC only (the stored v3 code's variant, §10.2): every bond type replaced by one drawn uniformly from {1, 2, 3},
   * once per molecule (its atoms and bonds seed the draw), in every forward. Absent = false, like the two above.
   */
  randomBondTypes: z.boolean().optional(),
  seed: z.number().int(),
  training: z.object({
    batchSize: z.number().int().min(1).max(4096),
    initLr: z.number().positive(),
    lrFactor: z.number().positive().max(1),
    patience: z.number().int().min(0),
    minLr: z.number().positive(),
    maxEpochs: z.number().int().min(0).max(100_000),
  }),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ModelKind = ModelConfig['model'];

/** layers x hidden², about a twelfth of the weights: the paper's widest model (10 x 444²) is 2 M of it. */
const MAX_LAYER_WEIGHTS = 4_000_000;

export function validateConfig(config: unknown): ModelConfig {
  const parsed = modelConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
    throw new Error(`invalid model config: ${issues.join('; ')}`);
  }
  const { layers, hidden } = parsed.data;
  if (layers * hidden * hidden > MAX_LAYER_WEIGHTS)
    throw new Error(
      `invalid model config: ${layers} layers of width ${hidden} make about ${Math.round((12 * layers * hidden * hidden) / 1e6)} M weights; ` +
        `the most this app builds is about ${(12 * MAX_LAYER_WEIGHTS) / 1e6} M (layers x hidden² up to ${MAX_LAYER_WEIGHTS})`,
    );
  if (parsed.data.ebtForm === 'paper' && (!parsed.data.ebt || parsed.data.model === 'gt'))
    throw new Error(
      `invalid model config: ebtForm "paper" is the released SAN/GraphiT code's EBT (docs/METHOD.md §5.2); it needs ebt: true and model san or graphit (got ${parsed.data.model}, ebt ${parsed.data.ebt})`,
    );
  if (parsed.data.noEdge && (parsed.data.model !== 'gt' || parsed.data.ebt))
    throw new Error(
      `invalid model config: noEdge is the v3 code's GT control without edge features (docs/METHOD.md §10.2); it needs model gt without EBT (got ${parsed.data.model}, ebt ${parsed.data.ebt})`,
    );
  if ((parsed.data.globalNode || parsed.data.randomBondTypes) && parsed.data.dataset !== 'zinc')
    throw new Error(
      `invalid model config: globalNode and randomBondTypes are the paper's ZINC variants (docs/METHOD.md §10.2); got dataset ${parsed.data.dataset}`,
    );
  if (parsed.data.hidden % parsed.data.heads !== 0)
    throw new Error(
      `invalid model config: hidden ${parsed.data.hidden} is not divisible by heads ${parsed.data.heads}`,
    );
  return parsed.data;
}

export const headDim = (config: ModelConfig) => config.hidden / config.heads;

/** ZINC-GLOBAL's virtual node type and its two edge types (docs/METHOD.md §10.2; the node type is [INF]). */
export const GLOBAL_NODE_TYPE = 28;
export const GLOBAL_EDGE_TYPES = { toGlobal: 4, fromGlobal: 5 } as const;

/** Embedding table sizes of a model: the dataset's, plus the global node's types when it was trained with one. */
export function inputVocab(config: ModelConfig): { nodeVocab: readonly number[]; edgeVocab: readonly number[] } {
  const inputs = DATASET_INPUTS[config.dataset];
  if (!config.globalNode) return inputs;
  return { nodeVocab: [GLOBAL_NODE_TYPE + 1], edgeVocab: [GLOBAL_EDGE_TYPES.fromGlobal + 1] };
}

type Training = ModelConfig['training'];
const paperTraining = (batchSize: number, initLr: number, patience: number, minLr: number): Training => ({
  batchSize,
  initLr,
  lrFactor: 0.5,
  patience,
  minLr,
  maxEpochs: 1000,
});

/** docs/METHOD.md §6. PROTEINS rows are for ogbn-proteins; here they run on TU PROTEINS graphs with a readout. */
const PAPER: Record<string, Omit<ModelConfig, 'ebt' | 'seed'>> = {
  'paper-gt-zinc': base('gt', 'zinc', 10, 8, 64, true, 'mean', 0, paperTraining(128, 7e-4, 15, 1e-6)),
  'paper-gt-tox21': base('gt', 'tox21', 10, 12, 444, true, 'mean', 0, paperTraining(128, 7e-4, 15, 1e-6)),
  'paper-gt-proteins': base('gt', 'proteins', 3, 8, 64, false, 'mean', 0, paperTraining(512, 7e-4, 15, 1e-6)),
  'paper-san-zinc': base('san', 'zinc', 10, 8, 56, true, 'sum', 0, paperTraining(32, 7e-4, 25, 1e-6)),
  'paper-san-tox21': base('san', 'tox21', 10, 8, 88, true, 'sum', 0.5, paperTraining(128, 7e-4, 25, 1e-6)),
  'paper-san-proteins': base('san', 'proteins', 3, 8, 88, false, 'sum', 0.5, paperTraining(512, 7e-4, 25, 1e-5)),
  'paper-graphit-zinc': base('graphit', 'zinc', 10, 8, 64, true, 'sum', 0, paperTraining(32, 3e-4, 25, 1e-6)),
  'paper-graphit-tox21': base('graphit', 'tox21', 10, 8, 88, true, 'sum', 0.5, paperTraining(256, 7e-4, 25, 1e-6)),
  'paper-graphit-proteins': base(
    'graphit',
    'proteins',
    3,
    8,
    88,
    false,
    'sum',
    0.5,
    paperTraining(768, 7e-4, 25, 1e-5),
  ),
};

function base(
  model: ModelKind,
  dataset: DatasetName,
  layers: number,
  heads: number,
  hidden: number,
  residual: boolean,
  readout: 'mean' | 'sum',
  dropout: number,
  training: Training,
): Omit<ModelConfig, 'ebt' | 'seed'> {
  return { model, dataset, layers, heads, hidden, residual, readout, dropout, training };
}

/** Small models that train in minutes on a CPU: 4 layers, 64 hidden, 8 heads. */
function small(name: string): Omit<ModelConfig, 'ebt' | 'seed'> {
  const paper = PAPER[name.replace(/^small-/, 'paper-')];
  return {
    ...paper,
    layers: Math.min(paper.layers, 4),
    hidden: 64,
    heads: 8,
    training: { ...paper.training, batchSize: 128 },
  };
}

/**
 * The paper's GT on TOX21 is 444 wide (dgllife's 74-column concatenated embedding forced it, docs/METHOD.md §9.2): about
 * 27.6M parameters, 110 MB of float32 per checkpoint. We ship it at the paper's depth and head count with 8
 * dimensions per head (96 wide), which fits the 40 MB budget for all shipped checkpoints.
 */
const NARROW: Record<string, Omit<ModelConfig, 'ebt' | 'seed'>> = {
  'narrow-gt-tox21': { ...PAPER['paper-gt-tox21'], hidden: 96 },
  ...Object.fromEntries(['gt', 'san', 'graphit'].map((m) => [`tu-${m}-proteins`, tuProteins(m)])),
};

/**
 * The paper's PROTEINS batch sizes (512, 768) count ogbn-proteins' sampled subgraphs. A batch of 512 whole TU
 * PROTEINS graphs (about 250 directed edges each) needs over 4 GB for its backward pass, past wasm's memory, so
 * the shipped TU PROTEINS models train on 64 graphs a batch (about 0.9 GB); everything else is the paper's.
 */
function tuProteins(model: string): Omit<ModelConfig, 'ebt' | 'seed'> {
  const paper = PAPER[`paper-${model}-proteins`];
  return { ...paper, training: { ...paper.training, batchSize: 64 } };
}

const PLAIN_PRESETS = [
  ...Object.keys(PAPER),
  ...Object.keys(PAPER).map((n) => n.replace('paper-', 'small-')),
  ...Object.keys(NARROW),
];
/** `<gt preset>-noedge`: the same GT without edge features in the attention (docs/METHOD.md §10.2). */
const NOEDGE_SUFFIX = '-noedge';
export const PRESET_NAMES = [
  ...PLAIN_PRESETS,
  ...PLAIN_PRESETS.filter((n) => n.includes('-gt-')).map((n) => `${n}${NOEDGE_SUFFIX}`),
];

/**
 * A preset by name (`paper-gt-zinc`, `small-san-tox21`, ...), with or without EBT (and its form); seed 41 as in the
 * paper. The intended EBT form is left implicit (no ebtForm key).
 */
export function preset(name: string, options: { ebt?: boolean; seed?: number; ebtForm?: EbtForm } = {}): ModelConfig {
  const noEdge = name.endsWith(NOEDGE_SUFFIX) && name.includes('-gt-');
  if (noEdge) name = name.slice(0, -NOEDGE_SUFFIX.length);
  const known = (table: Record<string, unknown>, key: string) => Object.hasOwn(table, key);
  const body =
    name.startsWith('small-') && known(PAPER, name.replace('small-', 'paper-'))
      ? small(name)
      : known(PAPER, name)
        ? PAPER[name]
        : known(NARROW, name)
          ? NARROW[name]
          : undefined;
  if (!body) throw new Error(`unknown preset "${name}"; presets: ${PRESET_NAMES.join(', ')}`);
  return validateConfig({
    ...body,
    ebt: options.ebt ?? false,
    ...(options.ebtForm === 'paper' ? { ebtForm: 'paper' } : {}),
    ...(noEdge ? { noEdge: true } : {}),
    seed: options.seed ?? 41,
  });
}
