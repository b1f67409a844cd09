/**
 * `npm run cli -- inspect --model DIR|FILE.pt [--model-kind K --heads H --ebt-form intended|paper] (--dataset D --split S --index I | --smiles S) [--ablate JSON] --json`
 *
 * Prints {backend, prediction, edges: {src, dst, bond, bondType}, layers: [{edgeScore E x D, attention E x H}],
 * attribution: {occlusion, maAblation, gradInput, integratedGradients} (one number per bond),
 * atomAttribution: {gradInput, integratedGradients} (one per atom)} for one molecule: `bond` is the bond index of
 * each directed edge (edges 2k and 2k+1 are bond k), `bondType` the bond's first edge-feature column. With a
 * global-node ablation the virtual edges follow the input's, and attribution is left out (null).
 * [--target T] picks the output to attribute (a TOX21 task); [--steps S] the integrated-gradients steps.
 */
import { z } from 'zod';
import { folderBundleSource } from '../data/bundleNode';
import { loadBundle } from '../data/bundleRead';
import type { FeatureSpec, Graph } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { prepareBatch } from '../gnn/ablation';
import { parseAblation } from '../gnn/ablationSchema';
import { createNodeEngine } from '../engine/node';
import { attributeMolecule } from '../explain/attribution';
import { ModelRegistry } from '../engine/models';
import { loadModelArgument, MODEL_ARGUMENT_OPTIONS } from './modelArgument';
import { UsageError } from './usage';
import { graphFromSmiles } from './smilesInput';
import { oneOf, readOptions, wholeNumber } from './options';
import { DATASETS } from '../gnn/config';
import { SPLIT_NAMES } from '../data/split';

const FLAGS = {
  model: { type: 'string' },
  dataset: { type: 'string' },
  split: { type: 'string' },
  index: { type: 'string' },
  smiles: { type: 'string' },
  ablate: { type: 'string' },
  target: { type: 'string', default: '0' },
  steps: { type: 'string', default: '32' },
  json: { type: 'boolean', default: false },
  ...MODEL_ARGUMENT_OPTIONS,
} as const;

const OPTIONS = z.object({
  model: z.string().optional(),
  dataset: oneOf(DATASETS).optional(),
  split: oneOf(SPLIT_NAMES).optional(),
  index: wholeNumber(0, 10_000_000).optional(),
  smiles: z.string().optional(),
  ablate: z.string().optional(),
  target: wholeNumber(0, 11),
  steps: wholeNumber(1, 1024),
  json: z.boolean(),
  'model-kind': z.string().optional(),
  heads: z.string().optional(),
  'ebt-form': z.string().optional(),
});

export async function inspectCommand(argv: string[]): Promise<unknown> {
  const values = readOptions('inspect', argv, FLAGS, OPTIONS);
  if (!values.model) throw new UsageError('inspect needs --model DIR');
  const backend = (await createNodeEngine().info()).name;
  const { model } = await loadModelArgument({ ...values, model: values.model });
  const { graph, spec } = await inputGraph(values, model.config.dataset);
  let ablation;
  try {
    ablation = values.ablate ? parseAblation(JSON.parse(values.ablate)) : undefined;
  } catch (error) {
    throw new UsageError(`--ablate: ${error instanceof Error ? error.message : String(error)}`);
  }

  const registry = new ModelRegistry();
  const modelId = registry.add(model);
  const result = await registry.forward({ modelId, graphs: [graph], spec, capture: true, ablation });
  const attribution = ablation?.globalNode
    ? null
    : await attributeMolecule(model, graph, spec, {
        target: values.target,
        steps: values.steps,
        baseAblation: ablation,
      });
  registry.dispose(modelId);

  const { batch } = prepareBatch(batchGraphs([graph], spec), model.config.dataset, ablation);
  const edgeWidth = spec.edgeVocab.length;
  const rows = (values: Float32Array, width: number) =>
    Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));
  return {
    backend,
    prediction: Array.from(result.output),
    edges: {
      src: Array.from(batch.src),
      dst: Array.from(batch.dst),
      bond: Array.from(batch.bondOfEdge),
      bondType: Array.from({ length: batch.numEdges }, (_, e) => batch.edgeFeatures[e * edgeWidth]),
    },
    layers: result.layers.map((layer) => ({
      edgeScore: rows(layer.edgeScore, model.config.hidden),
      attention: rows(layer.attention, model.config.heads),
    })),
    attribution: attribution && {
      occlusion: Array.from(attribution.occlusion),
      maAblation: Array.from(attribution.maAblation),
      gradInput: Array.from(attribution.gradInput),
      integratedGradients: Array.from(attribution.integratedGradients),
    },
    atomAttribution: attribution && {
      gradInput: Array.from(attribution.nodeGradInput),
      integratedGradients: Array.from(attribution.nodeIntegratedGradients),
    },
  };
}

async function inputGraph(
  values: { dataset?: string; split?: (typeof SPLIT_NAMES)[number]; index?: number; smiles?: string },
  modelDataset: string,
): Promise<{ graph: Graph; spec: FeatureSpec }> {
  if (values.smiles !== undefined) return graphFromSmiles(values.smiles, modelDataset);
  if (!values.dataset || !values.split || values.index === undefined)
    throw new UsageError('inspect needs --smiles S, or --dataset D --split S --index I');
  if (values.dataset !== modelDataset)
    throw new UsageError(`the model was trained on ${modelDataset}; --dataset ${values.dataset} does not fit it`);
  const data = await loadBundle(values.dataset, folderBundleSource());
  const split = data.splits[values.split];
  const index = values.index;
  if (index >= split.length)
    throw new UsageError(`--index must be 0..${split.length - 1} for ${values.dataset} ${values.split}`);
  return { graph: split[index], spec: data.spec };
}
