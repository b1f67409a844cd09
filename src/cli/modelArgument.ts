/**
 * `--model` for the CLI: a checkpoint folder (model.json + weights.bin), or a PyTorch file saved by the paper's code
 * (.pt/.pth/.pkl, torch.save of a state_dict or of a dict holding one), with `--model-kind gt|san|graphit`,
 * `--dataset D` and `--heads H` for what the tensors cannot tell (each inferred or taken from the paper's config
 * when left out; what was assumed is printed on stderr).
 */
import { readFile } from 'node:fs/promises';
import { decodeCheckpoint, type ModelJson } from '../gnn/checkpoint';
import { DATASETS, EBT_FORMS, MODEL_KINDS, type DatasetName, type EbtForm, type ModelKind } from '../gnn/config';
import type { Model } from '../gnn/model';
import { importTorchStateDict } from '../gnn/torch/importTorch';
import { readTorchStateDict } from '../gnn/torch/ptReader';
import { loadCheckpointFolder } from './checkpointFiles';
import { UsageError } from './usage';

/** parseArgs options that go with --model. */
export const MODEL_ARGUMENT_OPTIONS = {
  'model-kind': { type: 'string' },
  heads: { type: 'string' },
  /** SAN/GraphiT EBT: "paper" runs the released code's overwrite (docs/METHOD.md §5.2), as the file was trained. */
  'ebt-form': { type: 'string' },
} as const;

export interface ModelArgument {
  model: string;
  'model-kind'?: string;
  dataset?: string;
  heads?: string;
  'ebt-form'?: string;
}

export const isTorchFile = (path: string) => /\.(pt|pth|pkl)$/i.test(path);

export async function loadModelArgument(values: ModelArgument): Promise<{ model: Model; modelJson: ModelJson }> {
  if (!isTorchFile(values.model)) {
    if (values['ebt-form'] !== undefined)
      throw new UsageError('--ebt-form is for PyTorch files; a checkpoint folder records its own form in model.json');
    return loadCheckpointFolder(values.model);
  }
  const kind = values['model-kind'];
  if (kind !== undefined && !(MODEL_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--model-kind must be one of ${MODEL_KINDS.join(', ')} (got ${kind})`);
  if (values.dataset !== undefined && !(DATASETS as readonly string[]).includes(values.dataset))
    throw new UsageError(`--dataset must be one of ${DATASETS.join(', ')} (got ${values.dataset})`);
  const ebtForm = values['ebt-form'];
  if (ebtForm !== undefined && !(EBT_FORMS as readonly string[]).includes(ebtForm))
    throw new UsageError(`--ebt-form must be one of ${EBT_FORMS.join(', ')} (got ${ebtForm})`);
  const heads = values.heads === undefined ? undefined : Number(values.heads);
  if (heads !== undefined && !(Number.isInteger(heads) && heads > 0))
    throw new UsageError(`--heads must be a positive integer (got ${values.heads})`);
  let bytes: Buffer;
  try {
    bytes = await readFile(values.model);
  } catch {
    throw new UsageError(`cannot read ${values.model}`);
  }
  const state = readTorchStateDict(new Uint8Array(bytes), values.model);
  const imported = importTorchStateDict(state, {
    file: values.model,
    model: kind as ModelKind | undefined,
    dataset: values.dataset as DatasetName | undefined,
    heads,
    ebtForm: ebtForm as EbtForm | undefined,
  });
  for (const note of imported.notes) process.stderr.write(`${values.model}: ${note}\n`);
  return { model: decodeCheckpoint(imported.modelJson, imported.weights), modelJson: imported.modelJson };
}
