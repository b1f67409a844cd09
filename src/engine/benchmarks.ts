/**
 * Compute benchmarks that run unchanged in Node and in the browser's engine worker (`npm run bench`): one
 * molecule's eval forward with captures read back (what the explorer does per molecule), a split scan batched or
 * one molecule at a time, and training throughput. Models are seeded base models of a preset (speed does not
 * depend on trained weights).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, FeatureSpec } from '../data/graph';
import { batchGraphs } from '../data/graphBatch';
import { preset } from '../gnn/config';
import { createModel, forwardTidy } from '../gnn/model';
import { disposeParams } from '../gnn/params';
import { createOptimizer, trainStep } from '../gnn/train';
import { scanSplit } from './scan';

export type BenchmarkRequest =
  | { kind: 'forward'; preset: string; graphIndex: number; repeats: number }
  | { kind: 'scan'; preset: string; limit: number; batchSize: number }
  | { kind: 'train'; preset: string; batchSize: number; steps: number };

export interface BenchmarkResult {
  request: BenchmarkRequest;
  backend: string;
  /** Forward: milliseconds per call (median and fastest). */
  medianMs?: number;
  minMs?: number;
  /** Scan: seconds for the whole run, and of it the forwards. */
  seconds?: number;
  forwardSeconds?: number;
  graphs?: number;
  /** Training: graphs per second over the timed steps (after one warm-up step). */
  graphsPerSecond?: number;
  /** Live tensors after the run minus before (0 when nothing leaks). */
  tensorGrowth: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `test` holds the graphs forward and scan use (ZINC test); `train` those training uses. */
export async function runBenchmark(
  request: BenchmarkRequest,
  data: { test: Graph[]; train: Graph[]; spec: FeatureSpec },
): Promise<BenchmarkResult> {
  const tensorsBefore = tf.memory().numTensors;
  const model = createModel(preset(request.preset));
  const result: BenchmarkResult = { request, backend: tf.getBackend(), tensorGrowth: 0 };
  try {
    if (request.kind === 'forward') {
      const batch = batchGraphs([data.test[request.graphIndex]], data.spec);
      const times: number[] = [];
      for (let i = 0; i < request.repeats + 2; i++) {
        const start = performance.now();
        const { output, captures } = forwardTidy(model, batch, { capture: true });
        const tensors = [output, ...captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])];
        try {
          await Promise.all(tensors.map((t) => t.data()));
        } finally {
          tf.dispose(tensors);
        }
        if (i >= 2) times.push(performance.now() - start); // two warm-up calls compile kernels and pipelines
      }
      result.medianMs = median(times);
      result.minMs = Math.min(...times);
    } else if (request.kind === 'scan') {
      const graphs = data.test.slice(0, request.limit);
      const start = performance.now();
      const scan = await scanSplit(model, graphs, data.spec, { batchSize: request.batchSize });
      result.seconds = (performance.now() - start) / 1000;
      result.forwardSeconds = scan.forwardSeconds;
      result.graphs = graphs.length;
    } else {
      const optimizer = createOptimizer(model.config.training.initLr);
      const trainable = [...model.params.values()].filter((v) => v.trainable);
      const batchAt = (step: number) => data.train.slice(step * request.batchSize, (step + 1) * request.batchSize);
      try {
        await trainStep(model, optimizer, trainable, batchAt(0), data.spec, 0);
        const start = performance.now();
        for (let step = 1; step <= request.steps; step++)
          await trainStep(model, optimizer, trainable, batchAt(step), data.spec, step);
        result.graphsPerSecond = (request.steps * request.batchSize) / ((performance.now() - start) / 1000);
      } finally {
        optimizer.dispose();
      }
    }
  } finally {
    disposeParams(model.params);
  }
  result.tensorGrowth = tf.memory().numTensors - tensorsBefore;
  return result;
}
