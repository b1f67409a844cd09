/** Where bundles are read from: over HTTP in the browser (the app's public/datasets/), or a folder in Node. */
import type { BundleSource } from './bundleRead';
import { DataFileError } from './gzip';

/** `baseUrl` is the folder URL, e.g. `${import.meta.env.BASE_URL}datasets/` (the caller knows it). */
export function httpBundleSource(baseUrl: string, fetchImpl: typeof fetch = fetch): BundleSource {
  const get = async (file: string) => {
    const url = new URL(file, new URL(baseUrl, globalThis.location?.href ?? 'http://localhost/'));
    const response = await fetchImpl(url);
    if (!response.ok) throw new DataFileError(`could not fetch dataset file ${file} (HTTP ${response.status})`);
    return response;
  };
  return {
    text: async (file) => (await get(file)).text(),
    bytes: async (file) => new Uint8Array(await (await get(file)).arrayBuffer()),
  };
}
