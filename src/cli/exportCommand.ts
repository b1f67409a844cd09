/**
 * `npm run cli -- export --model DIR|FILE.pt [--model-kind K --dataset D --heads H --ebt-form intended|paper] (--pt OUT.pt | --checkpoint DIR)`
 *
 * Writes a checkpoint (shipped, trained, or a PyTorch file) as a PyTorch state_dict in the paper's code's names
 * (`--pt`: torch.load + load_state_dict accept it for the paper's network class), or a PyTorch file as one of our
 * checkpoint folders (`--checkpoint`: model.json + weights.bin). Prints {written, tensors|weights, bytes}.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { encodeCheckpoint } from '../gnn/checkpoint';
import { createNodeEngine } from '../engine/node';
import { disposeParams } from '../gnn/params';
import { exportTorchStateDict } from '../gnn/torch/exportTorch';
import { saveCheckpointFolder } from './checkpointFiles';
import { loadModelArgument, MODEL_ARGUMENT_OPTIONS } from './modelArgument';
import { UsageError } from './usage';

export async function exportCommand(argv: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      dataset: { type: 'string' },
      pt: { type: 'string' },
      checkpoint: { type: 'string' },
      ...MODEL_ARGUMENT_OPTIONS,
    },
  });
  if (!values.model || (!values.pt && !values.checkpoint))
    throw new UsageError('export needs --model DIR|FILE.pt and --pt OUT.pt or --checkpoint DIR');
  await createNodeEngine().info(); // the tfjs backend the weights are decoded on
  const { model, modelJson } = await loadModelArgument({ ...values, model: values.model });
  try {
    if (values.pt) {
      const bytes = await exportTorchStateDict(model);
      await writeFile(values.pt, bytes);
      return { written: values.pt, bytes: bytes.byteLength, config: model.config };
    }
    const encoded = await encodeCheckpoint(model, modelJson.training);
    await saveCheckpointFolder(values.checkpoint!, encoded);
    return { written: values.checkpoint, bytes: encoded.weights.byteLength, config: model.config };
  } finally {
    disposeParams(model.params);
  }
}
