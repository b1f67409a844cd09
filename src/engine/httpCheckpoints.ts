/** Checkpoints served by the app itself: `models/index.json` lists folders of model.json + weights.bin. */
import type { CheckpointSource } from './modelCatalog';

/** `baseUrl` is the models folder URL, e.g. `${import.meta.env.BASE_URL}models/`. A missing index means none. */
export function httpCheckpointSource(baseUrl: string, fetchImpl: typeof fetch = fetch): CheckpointSource {
  const folder = new URL(baseUrl, globalThis.location?.href ?? 'http://localhost/');
  const get = async (path: string) => {
    const response = await fetchImpl(new URL(path, folder));
    if (!response.ok) throw new Error(`could not fetch model file ${path} (HTTP ${response.status})`);
    return response;
  };
  const optional = async (path: string) => {
    const response = await fetchImpl(new URL(path, folder));
    return response.ok ? ((await response.json()) as unknown) : null;
  };
  return {
    index: () => optional('index.json'),
    modelJson: async (dir) => (await get(`${dir.replace(/\/$/, '')}/model.json`)).json() as Promise<unknown>,
    weights: async (dir) => (await get(`${dir.replace(/\/$/, '')}/weights.bin`)).arrayBuffer(),
    scan: (dir) => optional(`${dir.replace(/\/$/, '')}/scan.json`),
    attack: (dir) => optional(`${dir.replace(/\/$/, '')}/attack.json`),
  };
}
