/**
 * Our parameter names and layouts <-> the state_dict of the paper's PyTorch networks (README, "PyTorch checkpoints").
 *
 * - graphtransformer (GT, all datasets) and the SAN repo (SAN on ZINC) call the attention module `attention`;
 *   gnn-lspe (GraphiT everywhere, SAN on TOX21 and PROTEINS) calls it `attention_h`.
 * - gnn-lspe's OGB nets call the encoders `embedding_h` / `embedding_e` (OGB's AtomEncoder / BondEncoder); we call
 *   them `atom_encoder` / `bond_encoder`. OGB 1.3.6's chirality table has 5 rows (a "misc" row) where ours has 4.
 * - gnn-lspe's SANNet holds a learnable `gamma` [1] (only used with full graphs, which no paper run had) that every
 *   layer's attention module also registers: `gamma` and `layers.{l}.attention_h.gamma`.
 * - nn.Linear weights are [out, in] (ours [in, out]); EBT biases are k_bias [H, d, 1], e_bias / v_bias [H, 1, d]
 *   (ours [H, d]); every BatchNorm1d also has `num_batches_tracked` (int64 scalar).
 */
import type { ModelConfig } from '../config';
import { paramSpecs, type ParamSpec } from '../params';

/** How one of our tensors becomes its reference counterpart. */
export type Layout = 'same' | 'transpose' | 'kBias' | 'rowBias' | 'chiralityRows';

export interface MappedParam {
  ours: ParamSpec;
  reference: string;
  layout: Layout;
  /** The reference tensor's shape. */
  referenceShape: number[];
}

/** A reference tensor with no counterpart in our model: written on export, ignored on import. */
export interface ExtraReferenceTensor {
  reference: string;
  shape: number[];
  dtype: 'float32' | 'int64';
  value: number;
}

/** OGB 1.3.6 AtomEncoder: chirality (column 1) has a fifth "misc" row. */
export const OGB_CHIRALITY_ROWS = 5;
/** gnn-lspe's init_gamma in the SAN configs. */
const SAN_INIT_GAMMA = 0.1;

export const usesAttentionH = (config: Pick<ModelConfig, 'model' | 'dataset'>) =>
  config.model === 'graphit' || (config.model === 'san' && config.dataset !== 'zinc');
const hasGamma = (config: Pick<ModelConfig, 'model' | 'dataset'>) =>
  config.model === 'san' && config.dataset !== 'zinc';
const isEmbedding = (name: string) => /^embedding_[he]\.weight$|_embedding_list\.\d+\.weight$/.test(name);

export function referenceName(config: Pick<ModelConfig, 'model' | 'dataset'>, ours: string): string {
  const name = ours
    .replace(/^atom_encoder\.atom_embedding_list\./, 'embedding_h.atom_embedding_list.')
    .replace(/^bond_encoder\.bond_embedding_list\./, 'embedding_e.bond_embedding_list.');
  return usesAttentionH(config) ? name.replace(/^(layers\.\d+)\.attention\./, '$1.attention_h.') : name;
}

function layoutOf(config: ModelConfig, spec: ParamSpec): Layout {
  if (/\.k_bias$/.test(spec.name)) return 'kBias';
  if (/\.(e_bias|v_bias)$/.test(spec.name)) return 'rowBias';
  if (config.dataset === 'tox21' && spec.name === 'atom_encoder.atom_embedding_list.1.weight') return 'chiralityRows';
  if (spec.shape.length === 2 && spec.name.endsWith('.weight') && !isEmbedding(spec.name)) return 'transpose';
  return 'same';
}

function referenceShapeOf(layout: Layout, shape: number[]): number[] {
  switch (layout) {
    case 'transpose':
      return [shape[1], shape[0]];
    case 'kBias':
      return [shape[0], shape[1], 1];
    case 'rowBias':
      return [shape[0], 1, shape[1]];
    case 'chiralityRows':
      return [OGB_CHIRALITY_ROWS, shape[1]];
    default:
      return [...shape];
  }
}

/** Every parameter of the config with its reference name, layout and shape, in our order. */
export function referenceParams(config: ModelConfig): MappedParam[] {
  return paramSpecs(config).map((ours) => {
    const layout = layoutOf(config, ours);
    return {
      ours,
      reference: referenceName(config, ours.name),
      layout,
      referenceShape: referenceShapeOf(layout, ours.shape),
    };
  });
}

/** Reference tensors we do not model: BatchNorm's num_batches_tracked, SANNet's gamma. */
export function extraReferenceTensors(config: ModelConfig): ExtraReferenceTensor[] {
  const extras: ExtraReferenceTensor[] = [];
  if (hasGamma(config)) {
    extras.push({ reference: 'gamma', shape: [1], dtype: 'float32', value: SAN_INIT_GAMMA });
    for (let l = 0; l < config.layers; l++)
      extras.push({ reference: `layers.${l}.attention_h.gamma`, shape: [1], dtype: 'float32', value: SAN_INIT_GAMMA });
  }
  for (const spec of paramSpecs(config))
    if (spec.name.endsWith('.running_var'))
      extras.push({
        reference: referenceName(config, spec.name.replace(/running_var$/, 'num_batches_tracked')),
        shape: [],
        dtype: 'int64',
        value: 0,
      });
  return extras;
}

/** Our values ([in, out], [H, d], 4 chirality rows) in the reference's layout. */
export function toReferenceLayout(layout: Layout, shape: number[], values: Float32Array): Float32Array {
  if (layout === 'transpose') return transpose(values, shape[0], shape[1]);
  if (layout === 'chiralityRows') {
    const padded = new Float32Array(OGB_CHIRALITY_ROWS * shape[1]); // the "misc" row: zeros (never looked up here)
    padded.set(values);
    return padded;
  }
  return values.slice();
}

/** The reference's values back in our layout (`shape` is ours); the chirality table keeps its first 4 rows. */
export function fromReferenceLayout(layout: Layout, shape: number[], values: Float32Array): Float32Array {
  if (layout === 'transpose') return transpose(values, shape[1], shape[0]);
  if (layout === 'chiralityRows') return values.slice(0, shape[0] * shape[1]);
  return values.slice();
}

function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}
