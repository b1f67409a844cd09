/**
 * A PyTorch state_dict of the paper's networks turned into one of our checkpoints (model.json + float32 weights).
 *
 * The config comes from the tensors where they tell it (layers, width, EBT, heads when EBT's k_bias is there, the
 * dataset and the model where the names tell them) and from the paper's config for that model and dataset
 * otherwise (heads, residual, readout, dropout, training), unless the caller says. Anything that does not fit is
 * refused with the tensor's name; nothing is guessed silently: `notes` lists what was assumed or dropped.
 */
import {
  DATASETS,
  DATASET_INPUTS,
  MODEL_KINDS,
  preset,
  validateConfig,
  type DatasetName,
  type EbtForm,
  type ModelConfig,
  type ModelKind,
} from '../config';
import { CHECKPOINT_FORMAT, type ModelJson } from '../checkpoint';
import type { StateDict, TorchTensor } from './ptReader';
import { extraReferenceTensors, fromReferenceLayout, referenceParams, usesAttentionH } from './referenceNames';

export interface TorchImportOptions {
  /** The file's name, for messages and the training record. */
  file: string;
  model?: ModelKind;
  dataset?: DatasetName;
  /** Attention heads: shapes cannot tell them without EBT. */
  heads?: number;
  /**
   * SAN/GraphiT EBT form (docs/METHOD.md §5.2): "paper" reproduces the released code's predictions (its overwrite
   * of the attention weights); the default is the intended form.
   */
  ebtForm?: EbtForm;
}

export interface ImportedTorchCheckpoint {
  modelJson: ModelJson;
  weights: ArrayBuffer;
  /** What was taken from the paper's config or dropped, in words. */
  notes: string[];
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const MODEL_NAMES: Record<ModelKind, string> = { gt: 'GT', san: 'SAN', graphit: 'GraphiT' };

export function importTorchStateDict(state: StateDict, options: TorchImportOptions): ImportedTorchCheckpoint {
  const { file } = options;
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  const notes: string[] = [];
  const dataset = options.dataset ?? inferDataset(state, fail);
  const inferred = tryInfer(() => inferModel(state, fail));
  if (options.model && inferred && inferred !== options.model)
    fail(
      `the tensor names are those of ${MODEL_NAMES[inferred]} in the paper's code, not ${MODEL_NAMES[options.model]}`,
    );
  const model = options.model ?? inferred ?? inferModel(state, fail);
  const kinds = `${MODEL_NAMES[model]} on ${dataset.toUpperCase()}`;
  const attention = usesAttentionH({ model, dataset }) ? 'attention_h' : 'attention';
  const layers = countLayers(state, fail);
  const q = state.get(`layers.0.${attention}.Q.weight`);
  if (!q) fail(`no tensor "layers.0.${attention}.Q.weight": the names do not fit ${kinds} in the paper's code`);
  const hidden = q!.shape[0];
  if (q!.shape.length !== 2 || q!.shape[1] !== hidden)
    fail(`tensor "layers.0.${attention}.Q.weight" has shape ${shapeText(q!.shape)}; a Q projection is [D, D]`);
  const dgllife = state.get('embedding_h.weight');
  if (dataset === 'tox21' && dgllife && dgllife.shape[1] * 74 === hidden)
    fail(
      `tensor "embedding_h.weight" ${shapeText(dgllife.shape)} is dgllife's shared atom embedding (the paper's GT on TOX21); MA Explorer's TOX21 models use OGB's AtomEncoder columns, so this model cannot be mapped`,
    );
  const kBias = state.get(`layers.0.${attention}.k_bias`);
  const ebt = kBias !== undefined;
  if (!ebt && state.has(`layers.0.${attention}.Q.bias`))
    fail(
      `tensor "layers.0.${attention}.Q.bias": Q/K/V biases without the explicit bias term (use_bias without explicit_bias) are not a configuration MA Explorer runs`,
    );

  const paper = preset(`paper-${model}-${dataset}`);
  let heads = options.heads ?? paper.heads;
  if (kBias) {
    if (kBias.shape.length !== 3 || kBias.shape[2] !== 1)
      fail(`tensor "layers.0.${attention}.k_bias" has shape ${shapeText(kBias.shape)}; EBT's k_bias is [H, d, 1]`);
    if (options.heads !== undefined && options.heads !== kBias.shape[0])
      fail(
        `heads ${options.heads} was asked for, but "layers.0.${attention}.k_bias" ${shapeText(kBias.shape)} has ${kBias.shape[0]} heads`,
      );
    heads = kBias.shape[0];
    notes.push(`${heads} heads, from the EBT bias k_bias`);
  } else if (options.heads === undefined) {
    notes.push(`${heads} heads, from the paper's config for ${kinds} (shapes cannot tell; give heads to change it)`);
  }
  if (hidden % heads !== 0)
    fail(
      `width ${hidden} (from layers.0.${attention}.Q.weight) is not divisible by ${heads} heads; give the number of heads`,
    );
  if (options.ebtForm === 'paper' && (!ebt || model === 'gt'))
    fail(
      `ebtForm "paper" is the released SAN/GraphiT code's EBT (docs/METHOD.md §5.2); this file is ${kinds}${ebt ? '' : ' without EBT'}`,
    );
  const paperForm = options.ebtForm === 'paper';
  if (ebt && model !== 'gt')
    notes.push(
      paperForm
        ? `EBT in the released code's form: exp(c) overwrites the attention weights, a uniform mean per node (docs/METHOD.md §5.2)`
        : `EBT in the intended form (docs/METHOD.md §5.1); the released code overwrote the attention weights (§5.2): ask for ebtForm "paper" to reproduce its predictions`,
    );
  const config: ModelConfig = validateConfig({
    ...paper,
    layers,
    hidden,
    heads,
    ebt,
    ...(paperForm ? { ebtForm: 'paper' } : {}),
    seed: paper.seed,
  });
  notes.push(`residual, readout, dropout and training settings from the paper's config for ${kinds}`);

  const weights = mapTensors(state, config, fail, notes);
  checkLeftovers(state, config, kinds, fail);
  const modelJson: ModelJson = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    config,
    training: {
      variant: ebt ? 'ebt' : 'trained',
      epochs: 0,
      wallSeconds: 0,
      backend: 'pytorch',
      metrics: {},
      source: { format: 'torch.save', file, notes },
    },
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: referenceParams(config).map((p) => ({
          name: p.ours.name,
          shape: p.ours.shape,
          dtype: 'float32' as const,
        })),
      },
    ],
  };
  return { modelJson, weights: weights.buffer as ArrayBuffer, notes };
}

function inferDataset(state: StateDict, fail: (m: string) => never): DatasetName {
  if (state.has('embedding_h.atom_embedding_list.0.weight')) return 'tox21';
  if (state.has('embedding_h_value.weight')) return 'proteins';
  const atoms = state.get('embedding_h.weight');
  if (atoms && atoms.shape[0] === DATASET_INPUTS.zinc.nodeVocab[0]) return 'zinc';
  return fail(`cannot tell the dataset from the encoder tensors (embedding_h.*): give one of ${DATASETS.join(', ')}`);
}

function inferModel(state: StateDict, fail: (m: string) => never): ModelKind {
  const keys = [...state.keys()];
  if (keys.some((k) => /^layers\.\d+\.attention(_h)?\.proj_e\.weight$/.test(k))) return 'gt';
  if (keys.some((k) => /^layers\.\d+\.attention\.E\.weight$/.test(k))) return 'san'; // the SAN repo (ZINC)
  if (keys.some((k) => /^layers\.\d+\.attention_h\.E\.weight$/.test(k))) return state.has('gamma') ? 'san' : 'graphit'; // gnn-lspe's SANNet has gamma, its GraphiTNet does not
  return fail(`cannot tell the model from the tensor names: give one of ${MODEL_KINDS.join(', ')}`);
}

function tryInfer<T>(infer: () => T): T | undefined {
  try {
    return infer();
  } catch {
    return undefined;
  }
}

function countLayers(state: StateDict, fail: (m: string) => never): number {
  const indices = new Set<number>();
  for (const key of state.keys()) {
    const match = /^layers\.(\d+)\./.exec(key);
    if (match) indices.add(Number(match[1]));
  }
  if (indices.size === 0) fail("no tensor named layers.{l}.*: this is not one of the paper's attention networks");
  const count = Math.max(...indices) + 1;
  for (let l = 0; l < count; l++)
    if (!indices.has(l)) fail(`layers.${l}.* is missing between layers 0 and ${count - 1}`);
  return count;
}

function mapTensors(state: StateDict, config: ModelConfig, fail: (m: string) => never, notes: string[]): Float32Array {
  const mapped = referenceParams(config);
  const total = mapped.reduce((n, p) => n + p.ours.shape.reduce((a, b) => a * b, 1), 0);
  const out = new Float32Array(total);
  let offset = 0;
  const needs = `${MODEL_NAMES[config.model]} with width ${config.hidden} and ${config.heads} heads`;
  for (const p of mapped) {
    const tensor: TorchTensor | undefined = state.get(p.reference);
    if (!tensor) fail(`tensor "${p.reference}" ${shapeText(p.referenceShape)} is missing (a ${needs} needs it)`);
    let expected = p.referenceShape;
    if (p.layout === 'chiralityRows' && tensor!.shape[0] === p.ours.shape[0]) expected = p.ours.shape; // OGB < 1.3.6
    if (shapeText(tensor!.shape) !== shapeText(expected))
      fail(`tensor "${p.reference}" has shape ${shapeText(tensor!.shape)}; a ${needs} needs ${shapeText(expected)}`);
    if (!/^(float|bfloat)/.test(tensor!.dtype))
      fail(`tensor "${p.reference}" is ${tensor!.dtype}; weights must be floating point`);
    const values = fromReferenceLayout(p.layout, p.ours.shape, tensor!.values);
    if (values.some((v) => !Number.isFinite(v))) fail(`tensor "${p.reference}" holds NaN or infinite values`);
    out.set(values, offset);
    offset += values.length;
    if (p.layout === 'chiralityRows' && expected !== p.ours.shape)
      notes.push(`dropped the 5th ("misc") row of ${p.reference}: MA Explorer's chirality column has 4 values`);
  }
  return out;
}

function checkLeftovers(state: StateDict, config: ModelConfig, kinds: string, fail: (m: string) => never): void {
  const known = new Set([
    ...referenceParams(config).map((p) => p.reference),
    ...extraReferenceTensors(config).map((e) => e.reference),
  ]);
  for (const key of state.keys())
    if (!known.has(key))
      fail(
        `tensor "${key}" has no place in ${kinds} as the paper ran it (no positional encodings, LayerNorm or full graph)`,
      );
}
