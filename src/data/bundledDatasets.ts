/**
 * The datasets shipped in public/datasets/ (built by `npm run datasets:build`), and how to load one. In the browser
 * pass `httpBundleSource(baseUrl)`; in Node, `folderBundleSource()` from bundleNode.ts.
 */
import { loadBundle, type BundleSource, type LoadedDataset } from './bundleRead';

export const BUNDLED_DATASETS = ['zinc', 'tox21', 'proteins'] as const;
export type BundledDatasetName = (typeof BUNDLED_DATASETS)[number];

export function isBundledDataset(name: string): name is BundledDatasetName {
  return (BUNDLED_DATASETS as readonly string[]).includes(name);
}

const perSource = new WeakMap<BundleSource, Map<string, Promise<LoadedDataset>>>();

/** Loads (once per source and name) a bundled dataset. */
export function loadBundledDataset(name: BundledDatasetName, source: BundleSource): Promise<LoadedDataset> {
  let loaded = perSource.get(source);
  if (!loaded) perSource.set(source, (loaded = new Map()));
  let promise = loaded.get(name);
  if (!promise) {
    const forSource = loaded;
    promise = loadBundle(name, source);
    promise.catch(() => forSource.delete(name)); // a failed load may be retried
    forSource.set(name, promise);
  }
  return promise;
}
