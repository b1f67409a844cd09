/**
 * Layer statistics (the Gamma fits, KS, histograms and heatmaps of summarizeLayer) in a pool of workers, so that a
 * dataset analysis fits its layers on every core and while the next model's forward runs. Each worker takes one
 * layer at a time; the layer's edge scores are transferred to it. A worker that cannot start or post is retired and
 * the layers go to the others or, with none left, are computed in this thread; a worker that crashes takes its
 * layers with it, and their analysis fails with a message saying so (the next one runs without that worker).
 * A job whose signal aborts (its analysis stopped) is dropped: each job carries a flag in shared memory that the
 * worker reads before starting it, so the layers of a cancelled analysis do not hold up the next one. A job already
 * running finishes, and its summary is dropped.
 */
import { summarizeLayer, type LayerSummary } from '../ma/layerSummary';
import type { LayerJob, LayerSummarizer } from './scan';

/** What the pool needs of a worker: a Web Worker, or a MessagePort (tests). */
export interface StatsPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  start?(): void;
  terminate?(): void;
}

interface JobMessage {
  id: number;
  job: LayerJob;
  /** [0] = 1 once the job is no longer wanted; absent where SharedArrayBuffer is not (no cross-origin isolation). */
  cancelled?: Int32Array;
}

export const JOB_CANCELLED = 'the analysis this layer belonged to stopped';

/** A page that is not cross-origin isolated has no SharedArrayBuffer (or may not post one). */
const sharedMemory = () =>
  typeof SharedArrayBuffer !== 'undefined' &&
  (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
type ReplyMessage = { id: number; summary: LayerSummary } | { id: number; error: string };

/** The worker side: answers every job with its layer's summary, or with the error's message. */
export function answerLayerJobs(port: StatsPort): void {
  port.addEventListener('message', (event) => {
    const { id, job, cancelled } = (event as MessageEvent<JobMessage>).data;
    let reply: ReplyMessage;
    if (cancelled && Atomics.load(cancelled, 0) === 1) {
      port.postMessage({ id, error: JOB_CANCELLED } satisfies ReplyMessage);
      return;
    }
    try {
      reply = { id, summary: summarizeLayer(job.acts, job.graphOfEdge, job.numGraphs, job.options) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.start?.();
}

interface Pending {
  job: LayerJob;
  resolve: (summary: LayerSummary) => void;
  reject: (error: Error) => void;
  cancelled?: Int32Array;
  /** Told how to forget the job once it is posted, so an abort can drop its reply. */
  onPosted?: (forget: () => void) => void;
}

interface Member {
  port: StatsPort | null;
  retired: boolean;
  /** Jobs posted to it and not answered yet, by id (a worker answers them in order). */
  outstanding: Map<number, Pending>;
}

/** `workers` counts those still in service (0 once all failed: every layer is then computed in this thread). */
export interface StatsPool extends LayerSummarizer {
  dispose(): void;
}

/**
 * A pool of `size` workers, each started on first use (or `warm`) with `createWorker`. Every job is posted at once
 * to the worker with the fewest outstanding, so the workers never wait for this thread to hand out the next layer
 * (it is usually busy with the next model's forward).
 */
export function createStatsPool(size: number, createWorker: () => StatsPort): StatsPool {
  const members: Member[] = Array.from({ length: Math.max(1, Math.floor(size)) }, () => ({
    port: null,
    retired: false,
    outstanding: new Map(),
  }));
  let nextId = 1;
  const inService = () => members.filter((m) => !m.retired);

  const inThisThread = ({ job, resolve, reject }: Pending) => {
    try {
      resolve(summarizeLayer(job.acts, job.graphOfEdge, job.numGraphs, job.options));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const retire = (member: Member, why: string) => {
    if (member.retired) return;
    member.retired = true;
    member.port?.terminate?.();
    member.port = null;
    // Their edge scores went to the worker (transferred): those layers are lost with it.
    for (const pending of member.outstanding.values())
      pending.reject(new Error(`a statistics worker stopped (${why}); run the analysis again`));
    member.outstanding.clear();
  };

  const portOf = (member: Member): StatsPort | null => {
    if (member.port) return member.port;
    let port: StatsPort;
    try {
      port = createWorker();
    } catch (error) {
      retire(member, error instanceof Error ? error.message : String(error));
      return null;
    }
    port.addEventListener('message', (event) => {
      const reply = (event as MessageEvent<ReplyMessage>).data;
      const pending = member.outstanding.get(reply.id);
      if (!pending) return;
      member.outstanding.delete(reply.id);
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.summary);
    });
    port.addEventListener('error', (event) => retire(member, (event as ErrorEvent).message || 'it failed'));
    port.addEventListener('messageerror', () => retire(member, 'a message could not be read'));
    port.start?.();
    member.port = port;
    return port;
  };

  const post = (pending: Pending): boolean => {
    for (;;) {
      const member = inService().sort((p, q) => p.outstanding.size - q.outstanding.size)[0];
      if (!member) return false;
      const port = portOf(member);
      if (!port) continue;
      const id = nextId++;
      const { values } = pending.job.acts;
      // The layer's scores move to the worker (the caller is done with them); the edge bookkeeping is copied.
      const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
      try {
        const message: JobMessage = { id, job: pending.job, cancelled: pending.cancelled };
        port.postMessage(message, whole ? [values.buffer] : []);
      } catch (error) {
        retire(member, error instanceof Error ? error.message : String(error));
        continue; // a failed post transfers nothing: the job is still whole
      }
      member.outstanding.set(id, pending);
      pending.onPosted?.(() => member.outstanding.delete(id));
      return true;
    }
  };

  return {
    concurrency: Infinity,
    get workers() {
      return inService().length;
    },
    summarize(job, signal) {
      return new Promise<LayerSummary>((resolve, reject) => {
        if (signal?.aborted) return reject(new Error(JOB_CANCELLED));
        const cancelled = signal && sharedMemory() ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
        let forget = () => {};
        const pending: Pending = { job, resolve, reject, cancelled, onPosted: (f) => (forget = f) };
        if (!post(pending)) return inThisThread(pending);
        signal?.addEventListener(
          'abort',
          () => {
            if (cancelled) Atomics.store(cancelled, 0, 1);
            forget(); // its reply, if any, is dropped
            reject(new Error(JOB_CANCELLED));
          },
          { once: true },
        );
      });
    },
    warm() {
      inService().forEach(portOf);
    },
    dispose() {
      members.forEach((member) => {
        member.port?.terminate?.();
        member.port = null;
      });
    },
  };
}
