/**
 * Any model (shipped, trained here, imported) as a PyTorch state_dict in the paper's code's names and layouts
 * (referenceNames.ts), written as torch.save would: `torch.load(path)` then `net.load_state_dict(state)` with the
 * paper's network class for that model and dataset (strict) accepts it. TU PROTEINS models have no paper class
 * (the paper ran ogbn-proteins); they are written with the same naming rules.
 */
import type { Model } from '../model';
import { param } from '../params';
import { writeTorchStateDict, type TensorToWrite } from './ptWriter';
import { extraReferenceTensors, referenceParams, toReferenceLayout } from './referenceNames';

export async function exportTorchStateDict(model: Model): Promise<Uint8Array> {
  const { config } = model;
  const extras = extraReferenceTensors(config);
  const tensors: TensorToWrite[] = [];
  const pushExtra = (name: string) => {
    const extra = extras.find((e) => e.reference === name);
    if (extra) tensors.push({ name, shape: extra.shape, dtype: extra.dtype, values: [extra.value] });
  };
  pushExtra('gamma');
  for (const p of referenceParams(config)) {
    const values = (await param(model.params, p.ours.name).data()) as Float32Array;
    tensors.push({
      name: p.reference,
      shape: p.referenceShape,
      dtype: 'float32',
      values: toReferenceLayout(p.layout, p.ours.shape, values),
    });
    if (p.reference.endsWith('.V.weight')) pushExtra(p.reference.replace(/V\.weight$/, 'gamma'));
    if (p.reference.endsWith('.running_var')) pushExtra(p.reference.replace(/running_var$/, 'num_batches_tracked'));
  }
  const written = new Set(tensors.map((t) => t.name));
  const missing = extras.find((e) => !written.has(e.reference));
  if (missing) throw new Error(`export left out ${missing.reference}`);
  return writeTorchStateDict(tensors);
}
