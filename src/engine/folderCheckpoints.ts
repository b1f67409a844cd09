/** Checkpoints read from a folder on disk (Node: tests, CLI), laid out as the app serves them (httpCheckpoints.ts). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointSource } from './modelCatalog';

export function folderCheckpointSource(folder = join(process.cwd(), 'public/models')): CheckpointSource {
  const optional = (path: string) =>
    readFile(join(folder, path), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => null,
    );
  return {
    index: async () => JSON.parse(await readFile(join(folder, 'index.json'), 'utf8')) as unknown,
    modelJson: async (dir) => JSON.parse(await readFile(join(folder, dir, 'model.json'), 'utf8')) as unknown,
    weights: async (dir) => {
      const bytes = await readFile(join(folder, dir, 'weights.bin'));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    scan: (dir) => optional(join(dir, 'scan.json')),
    attack: (dir) => optional(join(dir, 'attack.json')),
  };
}
