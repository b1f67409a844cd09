/**
 * Telling a saved checkpoint (model.json and weights.bin) from a table of molecules among dropped files. Pure, with
 * no tfjs, so the page can route a drop before anything reaches the worker.
 */
import type { UserFile } from '../data/userFile';

/** True when the files look like a checkpoint (a .json or a .bin) rather than a table of molecules. */
export function isCheckpointUpload(files: readonly Pick<UserFile, 'name'>[]): boolean {
  return files.some((f) => /\.(json|bin)$/i.test(f.name));
}

/** The model.json and the weights among the files: exactly one .json and one .bin. */
export function pickCheckpointFiles(files: readonly UserFile[]): { json: UserFile; weights: UserFile } {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  const bins = files.filter((f) => /\.bin$/i.test(f.name));
  const others = files.filter((f) => !jsons.includes(f) && !bins.includes(f));
  if (others.length) throw new Error(`a checkpoint is a model.json and a weights.bin; "${others[0].name}" is neither`);
  if (jsons.length !== 1 || bins.length !== 1)
    throw new Error(
      `a checkpoint is one model.json and one weights.bin, dropped together; got ${jsons.length} .json and ${bins.length} .bin`,
    );
  return { json: jsons[0], weights: bins[0] };
}
