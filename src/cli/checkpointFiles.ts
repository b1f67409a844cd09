/** Checkpoint folders on disk (Node): model.json, weights.bin and, for resumable runs, optimizer.bin. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCheckpoint, parseModelJson, type EncodedCheckpoint, type ModelJson } from '../gnn/checkpoint';
import type { Model } from '../gnn/model';

/** The folder, inside a run's, of its best-validation checkpoint (train --keep-best). */
export const BEST_FOLDER = 'best';

export const toArrayBuffer = (bytes: Buffer): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * Writes every file beside its final name first, then renames them one after another, so an interrupted save leaves
 * either the old checkpoint or the new one (training runs are killed mid-epoch when a session ends).
 */
export async function saveCheckpointFolder(dir: string, checkpoint: EncodedCheckpoint): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: [string, string | Uint8Array][] = [
    ['weights.bin', new Uint8Array(checkpoint.weights)],
    ['model.json', JSON.stringify(checkpoint.modelJson, null, 1)],
  ];
  if (checkpoint.optimizer) files.unshift(['optimizer.bin', new Uint8Array(checkpoint.optimizer)]);
  for (const [name, data] of files) await writeFile(join(dir, `${name}.tmp`), data);
  for (const [name] of files) await rename(join(dir, `${name}.tmp`), join(dir, name));
}

export async function readModelJson(dir: string): Promise<ModelJson> {
  const file = join(dir, 'model.json');
  if (!existsSync(file)) throw new Error(`${dir} has no model.json: is it a checkpoint folder?`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  return parseModelJson(json, file);
}

export async function loadCheckpointFolder(dir: string): Promise<{ model: Model; modelJson: ModelJson }> {
  const modelJson = await readModelJson(dir);
  const weights = toArrayBuffer(await readFile(join(dir, 'weights.bin')));
  return { model: decodeCheckpoint(modelJson, weights), modelJson };
}

export async function readOptimizerBytes(dir: string): Promise<ArrayBuffer | null> {
  const file = join(dir, 'optimizer.bin');
  return existsSync(file) ? toArrayBuffer(await readFile(file)) : null;
}
