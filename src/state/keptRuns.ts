/**
 * Training runs kept across reloads: after every finished epoch the engine's snapshot of the run (model.json with
 * its training state, weights.bin, optimizer.bin) is kept in "My data" as one item, updated epoch by epoch, so a
 * reload (or a closed tab) loses at most the epoch in progress; `resumeFiles` turns the kept item back into
 * trainRun's request and resume argument.
 */
import type { ResumableCheckpoint, TrainingRunRequest } from '../engine/api';
import type { KeptFile, KeptItem } from '../storage/keptStore';
import type { AppState } from './store';

const encoder = new TextEncoder();

export const runName = (request: TrainingRunRequest, epochsDone: number) =>
  `training ${request.preset}${request.ebt ? ' + EBT' : ''} (${epochsDone} of ${request.epochs} epochs)`;

/** Keeps (or updates) the run's latest snapshot; returns the kept id, or null when nothing could be kept. */
export async function keepRunSnapshot(
  get: () => AppState,
  snapshot: ResumableCheckpoint,
  request: TrainingRunRequest,
  keptId: string | null,
): Promise<string | null> {
  const store = get().keptStore;
  if (!store) return keptId;
  const history = ((snapshot.modelJson as { training?: { history?: unknown[] } }).training?.history ?? []).length;
  const files: KeptFile[] = [
    { name: 'model.json', bytes: encoder.encode(JSON.stringify(snapshot.modelJson)) },
    { name: 'weights.bin', bytes: new Uint8Array(snapshot.weights) },
    { name: 'optimizer.bin', bytes: new Uint8Array(snapshot.optimizer) },
  ];
  const meta = { request, epochsDone: history };
  if (keptId === null) return (await get().keepFiles('run', runName(request, history), files, meta))?.id ?? null;
  try {
    await store.update(keptId, { name: runName(request, history), meta }, files);
    await get().refreshKept();
  } catch (error) {
    get().addNotices([`The training run could not be kept: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return keptId;
}

/** A kept run's request and what trainRun resumes from. */
export function resumeFiles(
  item: KeptItem,
  files: KeptFile[],
): { request: TrainingRunRequest; resume: ResumableCheckpoint } {
  const byName = (name: string) => {
    const file = files.find((f) => f.name === name);
    if (!file) throw new Error(`the kept run lacks ${name}`);
    return file.bytes;
  };
  const buffer = (bytes: Uint8Array) => bytes.slice().buffer as ArrayBuffer;
  return {
    request: item.meta.request as TrainingRunRequest,
    resume: {
      modelJson: JSON.parse(new TextDecoder().decode(byName('model.json'))) as unknown,
      weights: buffer(byName('weights.bin')),
      optimizer: buffer(byName('optimizer.bin')),
    },
  };
}

/** The checkpoint files of a kept run (model.json and weights.bin), to open it as a model. */
export const runCheckpointFiles = (files: KeptFile[]) => files.filter((f) => f.name !== 'optimizer.bin');

/** A kept run with epochs still to go. */
export function unfinishedRun(item: KeptItem): boolean {
  const request = item.meta.request as TrainingRunRequest | undefined;
  return item.kind === 'run' && request !== undefined && Number(item.meta.epochsDone) < request.epochs;
}
