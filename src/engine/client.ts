/** Main-thread handle on the engine worker. The UI calls this, never tfjs. */
import * as Comlink from 'comlink';
import type { Engine } from './api';

export type EngineClient = Comlink.Remote<Engine>;

export function startEngineWorker(): EngineClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ma-engine' });
  return Comlink.wrap<Engine>(worker);
}
