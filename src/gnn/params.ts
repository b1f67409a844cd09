/**
 * A model's parameters: named like the PyTorch reference's state_dict (e.g. `layers.3.attention.Q.weight`),
 * Linear weights stored in x·W layout [in, out] (PyTorch's [out, in] transposed), created with PyTorch-default
 * initialisation from the config's seed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DATASET_INPUTS, headDim, inputVocab, type ModelConfig } from './config';
import { linearUniform, standardNormal, xavierUniform } from './init';
import { seededRandom, type Random } from './random';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** Running statistics of BatchNorm are state, not trained. */
  trainable: boolean;
  init: (random: Random) => Float32Array;
}

export type Params = Map<string, tf.Variable>;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function linear(name: string, fanIn: number, fanOut: number, bias: boolean): ParamSpec[] {
  const specs: ParamSpec[] = [
    {
      name: `${name}.weight`,
      shape: [fanIn, fanOut],
      trainable: true,
      init: (r) => linearUniform(fanIn * fanOut, fanIn, r),
    },
  ];
  if (bias)
    specs.push({
      name: `${name}.bias`,
      shape: [fanOut],
      trainable: true,
      init: (r) => linearUniform(fanOut, fanIn, r),
    });
  return specs;
}

function batchNorm(name: string, width: number): ParamSpec[] {
  const constant = (value: number) => () => new Float32Array(width).fill(value);
  return [
    { name: `${name}.weight`, shape: [width], trainable: true, init: constant(1) },
    { name: `${name}.bias`, shape: [width], trainable: true, init: constant(0) },
    { name: `${name}.running_mean`, shape: [width], trainable: false, init: constant(0) },
    { name: `${name}.running_var`, shape: [width], trainable: false, init: constant(1) },
  ];
}

function embedding(name: string, rows: number, width: number, kind: 'normal' | 'xavier'): ParamSpec {
  const init =
    kind === 'normal' ? (r: Random) => standardNormal(rows * width, r) : (r: Random) => xavierUniform(rows, width, r);
  return { name, shape: [rows, width], trainable: true, init };
}

function encoderSpecs(config: ModelConfig): ParamSpec[] {
  const inputs = DATASET_INPUTS[config.dataset];
  const D = config.hidden;
  if (inputs.encoder === 'ogb') {
    return [
      ...inputs.nodeVocab.map((rows, i) =>
        embedding(`atom_encoder.atom_embedding_list.${i}.weight`, rows, D, 'xavier'),
      ),
      ...(config.noEdge ? [] : inputs.edgeVocab).map((rows, i) =>
        embedding(`bond_encoder.bond_embedding_list.${i}.weight`, rows, D, 'xavier'),
      ),
    ];
  }
  const vocab = inputVocab(config);
  const specs = [embedding('embedding_h.weight', vocab.nodeVocab[0], D, 'normal')];
  // NoEdge GT has no edge input at all (docs/METHOD.md §10.2)
  if (!config.noEdge) specs.push(embedding('embedding_e.weight', vocab.edgeVocab[0], D, 'normal'));
  if (inputs.nodeValueWidth > 0) specs.push(...linear('embedding_h_value', inputs.nodeValueWidth, D, true));
  return specs;
}

function layerSpecs(config: ModelConfig, i: number): ParamSpec[] {
  const D = config.hidden;
  const [H, d] = [config.heads, headDim(config)];
  const prefix = `layers.${i}`;
  // GT calls the edge projection P (proj_e in the reference); SAN and GraphiT call it E.
  const edgeProjection = config.model === 'gt' ? 'proj_e' : 'E';
  const projections = config.noEdge ? ['Q', 'K', 'V'] : ['Q', 'K', 'V', edgeProjection];
  const specs = projections.flatMap((p) => linear(`${prefix}.attention.${p}`, D, D, config.ebt));
  if (config.ebt) {
    for (const bias of ['k_bias', 'e_bias', 'v_bias'])
      specs.push({
        name: `${prefix}.attention.${bias}`,
        shape: [H, d],
        trainable: true,
        init: (r) => standardNormal(H * d, r),
      });
  }
  const streams = config.model === 'gt' && !config.noEdge ? ['h', 'e'] : ['h'];
  for (const s of streams) {
    specs.push(
      ...linear(`${prefix}.O_${s}`, D, D, true),
      ...batchNorm(`${prefix}.batch_norm1_${s}`, D),
      ...linear(`${prefix}.FFN_${s}_layer1`, D, 2 * D, true),
      ...linear(`${prefix}.FFN_${s}_layer2`, 2 * D, D, true),
      ...batchNorm(`${prefix}.batch_norm2_${s}`, D),
    );
  }
  return specs;
}

/** MLPReadout: D -> D/2 -> D/4 -> targets, integer divisions (docs/METHOD.md §1). */
function readoutSpecs(config: ModelConfig): ParamSpec[] {
  const widths = [config.hidden, Math.floor(config.hidden / 2), Math.floor(config.hidden / 4)];
  const outputs = DATASET_INPUTS[config.dataset].numTargets;
  return [
    ...linear('MLP_layer.FC_layers.0', widths[0], widths[1], true),
    ...linear('MLP_layer.FC_layers.1', widths[1], widths[2], true),
    ...linear('MLP_layer.FC_layers.2', widths[2], outputs, true),
  ];
}

/** Every parameter of a model, in a fixed order (the order the seeded generator fills them). */
export function paramSpecs(config: ModelConfig): ParamSpec[] {
  const layers = Array.from({ length: config.layers }, (_, i) => layerSpecs(config, i)).flat();
  return [...encoderSpecs(config), ...layers, ...readoutSpecs(config)];
}

/** Fresh parameters, reproducible from config.seed. */
export function initParams(config: ModelConfig): Params {
  const random = seededRandom(config.seed);
  return new Map(
    paramSpecs(config).map((spec) => {
      const values = spec.init(random);
      if (values.length !== size(spec.shape)) throw new Error(`init of ${spec.name} gave ${values.length} values`);
      const initial = tf.tensor(values, spec.shape);
      const variable = tf.variable(initial, spec.trainable, uniqueVariableName(spec.name));
      initial.dispose(); // the variable keeps its own reference to the data
      return [spec.name, variable];
    }),
  );
}

let variableCount = 0;
/** tfjs variable names are global; several models (base, trained, EBT) live side by side. */
const uniqueVariableName = (name: string) => `m${variableCount++}/${name}`;

export function param(params: Params, name: string): tf.Variable {
  const value = params.get(name);
  if (!value) throw new Error(`model has no parameter "${name}"`);
  return value;
}

export function disposeParams(params: Params): void {
  for (const variable of params.values()) variable.dispose();
  params.clear();
}
