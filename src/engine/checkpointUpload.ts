/**
 * Telling a saved checkpoint (model.json and weights.bin, or a PyTorch .pt/.pth/.pkl) from a table of molecules
 * among dropped files. Pure, with no tfjs, so the page can route a drop before anything reaches the worker.
 */
import type { UserFile } from '../data/userFile';

export const isTorchFileName = (name: string) => /\.(pt|pth|pkl)$/i.test(name);

/** True when the files look like a checkpoint (a .json, a .bin or a PyTorch file) rather than a table of molecules. */
export function isCheckpointUpload(files: readonly Pick<UserFile, 'name'>[]): boolean {
  return files.some((f) => /\.(json|bin)$/i.test(f.name) || isTorchFileName(f.name));
}

/** True when the files are one PyTorch file (which may need the person to say what the shapes cannot tell). */
export function isTorchUpload(files: readonly Pick<UserFile, 'name'>[]): boolean {
  return files.length === 1 && isTorchFileName(files[0].name);
}

export type PickedCheckpoint =
  { kind: 'folder'; json: UserFile; weights: UserFile } | { kind: 'torch'; file: UserFile };

/** The model.json and the weights among the files (exactly one .json and one .bin), or exactly one PyTorch file. */
export function pickCheckpointFiles(files: readonly UserFile[]): PickedCheckpoint {
  const torch = files.filter((f) => isTorchFileName(f.name));
  if (torch.length) {
    if (files.length !== 1)
      throw new Error(`a PyTorch checkpoint is opened on its own; got ${files.length} files with ${torch[0].name}`);
    return { kind: 'torch', file: torch[0] };
  }
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  const bins = files.filter((f) => /\.bin$/i.test(f.name));
  const others = files.filter((f) => !jsons.includes(f) && !bins.includes(f));
  if (others.length) throw new Error(`a checkpoint is a model.json and a weights.bin; "${others[0].name}" is neither`);
  if (jsons.length !== 1 || bins.length !== 1)
    throw new Error(
      `a checkpoint is one model.json and one weights.bin, dropped together; got ${jsons.length} .json and ${bins.length} .bin`,
    );
  return { kind: 'folder', json: jsons[0], weights: bins[0] };
}
