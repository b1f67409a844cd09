/** One rank (1..) of parallelSteps, in a worker thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { runSteps, type WorkerJob } from './parallelSteps';

const { job, rank, size, buffer } = workerData as WorkerJob;
parentPort!.postMessage(await runSteps(job, rank, size, buffer));
