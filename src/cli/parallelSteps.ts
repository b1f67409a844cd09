/**
 * Training steps over threads in Node (issue 17's "both cores"): rank 0 in this thread, ranks 1.. in worker threads
 * (parallelStepsWorker.ts), all on the same seeded model, each on its share of every batch (gnn/dataParallel.ts),
 * synchronised through shared memory (gnn/collective.ts). One rank is trainStep itself. Used by the train-step
 * benchmark (scripts/bench/trainStep.ts) and by the test that compares one thread with two.
 */
import { folderBundleSource } from '../data/bundleNode';
import { loadBundle } from '../data/bundleRead';
import { createNodeEngine } from '../engine/node';
import { collectiveBuffer, setActiveCollective, sharedCollective } from '../gnn/collective';
import { preset } from '../gnn/config';
import { rankStep } from './trainRanks';
import { createModel } from '../gnn/model';
import { disposeParams } from '../gnn/params';
import { createOptimizer, trainStep } from '../gnn/train';
import { useNativeKernels } from './nativeKernels';
import { firstMessage, startTsWorker } from './tsWorker';

export interface StepsJob {
  preset: string;
  /** Graphs per step, in order from the ZINC train split: step s uses graphs [s * batch, (s + 1) * batch). */
  batch: number;
  steps: number;
  /** Use the first batch at every step (a benchmark) instead of consecutive ones. */
  repeatBatch?: boolean;
  lr?: number;
  /** Also return the parameters after the last step. */
  withParams?: boolean;
  /** Every rank on the native kernels (nativeKernels.ts); fails when they cannot be built. */
  native?: boolean;
}

export interface StepsResult {
  ranks: number;
  /** The whole batch's loss at every step. */
  losses: number[];
  /** Wall time of every step on rank 0. */
  stepMs: number[];
  params?: Record<string, number[]>;
  /** With params and several ranks: whether every rank ended with the same parameters, bit for bit. */
  replicasEqual?: boolean;
}

interface WorkerJob {
  job: StepsJob;
  rank: number;
  size: number;
  buffer: SharedArrayBuffer;
}

/** Float64 values per rank in the shared buffer: the gradients of every paper ZINC model fit (GT: 0.6 M). */
const SLOT_VALUES = 2 << 20;

/** This rank's run of the job (size 1: plain trainStep, no collective). */
export async function runSteps(job: StepsJob, rank = 0, size = 1, buffer?: SharedArrayBuffer): Promise<StepsResult> {
  await createNodeEngine().info();
  if (job.native) {
    const why = useNativeKernels();
    if (why) throw new Error(why);
  }
  const data = await loadBundle('zinc', folderBundleSource());
  const model = createModel(preset(job.preset));
  const optimizer = createOptimizer(job.lr ?? model.config.training.initLr);
  const trainable = [...model.params.values()].filter((v) => v.trainable);
  const result: StepsResult = { ranks: size, losses: [], stepMs: [] };
  const collective = size > 1 ? sharedCollective(buffer!, rank, size) : null;
  setActiveCollective(collective);
  try {
    for (let step = 0; step < job.steps; step++) {
      const first = job.repeatBatch ? 0 : step * job.batch;
      const graphs = data.splits.train.slice(first, first + job.batch);
      const started = performance.now();
      let loss: number;
      if (size === 1) loss = await trainStep(model, optimizer, trainable, graphs, data.spec, step);
      else loss = await rankStep(model, optimizer, trainable, graphs, data, step, collective!);
      result.stepMs.push(performance.now() - started);
      result.losses.push(loss);
    }
    if (job.withParams)
      result.params = Object.fromEntries([...model.params].map(([name, v]) => [name, Array.from(v.dataSync())]));
    return result;
  } finally {
    setActiveCollective(null);
    optimizer.dispose();
    disposeParams(model.params);
  }
}

/** The job on `size` threads; rank 0's result (every rank computes the same losses and parameters). */
export async function parallelSteps(job: StepsJob, size: number): Promise<StepsResult> {
  if (size === 1) return runSteps(job);
  const buffer = collectiveBuffer(size, SLOT_VALUES);
  const workers = Array.from({ length: size - 1 }, (_, i) =>
    startTsWorker(new URL('./parallelStepsWorker.ts', import.meta.url), {
      job,
      rank: i + 1,
      size,
      buffer,
    } satisfies WorkerJob),
  );
  const others = workers.map((worker) => firstMessage<StepsResult>(worker));
  try {
    const [mine, ...theirs] = await Promise.all([runSteps(job, 0, size, buffer), ...others]);
    if (job.withParams)
      mine.replicasEqual = theirs.every((r) => JSON.stringify(r.params) === JSON.stringify(mine.params));
    return mine;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export type { WorkerJob };
