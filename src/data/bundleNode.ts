/** Node only (CLI, tests, scripts): bundles from a folder, by default this checkout's public/datasets/. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleSource } from './bundleRead';

export const DEFAULT_BUNDLE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../public/datasets');

export function folderBundleSource(dir = DEFAULT_BUNDLE_DIR): BundleSource {
  return {
    text: (file) => readFile(join(dir, file), 'utf8'),
    bytes: async (file) => new Uint8Array(await readFile(join(dir, file))),
  };
}
