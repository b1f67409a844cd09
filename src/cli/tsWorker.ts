/**
 * A worker thread on one of our TypeScript modules. The Node code runs under tsx (the CLI, the benchmarks), whose
 * loader a Node 20 worker does not inherit: the worker registers it before it imports the entry.
 */
import { Worker } from 'node:worker_threads';

export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** Settles with the worker's first message; rejects if it fails or exits first. */
export function firstMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a worker thread exited (${code}) before it answered`)));
  });
}
