/**
 * The fused kernels against the stock tfjs ops they replace, interleaved in one process (so both see the same
 * machine load): paper GT train step on 128 ZINC graphs and eval forward with captures on 256 test graphs, each
 * in turn with stock ops and tfjs's Adam ("stock"), with every fused kernel and the fused Adam ("fused"), and with
 * all but the attention or the BatchNorm kernels.
 * Run: npx tsx scripts/bench/fusedAB.ts [rounds=5]   (MA_BACKEND=cpu for the cpu backend)
 * Prints one JSON line: medians of wall and process cpu ms per variant, and the ratios stock / fused.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadavg } from 'node:os';
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { batchGraphs } from '../../src/data/graphBatch';
import { createNodeEngine } from '../../src/engine/node';
import { preset } from '../../src/gnn/config';
import { useStockOps } from '../../src/gnn/kernels/run';
import { createModel, forwardTidy } from '../../src/gnn/model';
import { createOptimizer, trainStep } from '../../src/gnn/train';

const rounds = Number(process.argv[2] ?? 5);
const info = await createNodeEngine().info();
const zinc = await loadBundle('zinc', folderBundleSource());
const model = createModel(preset('paper-gt-zinc'));
const trainGraphs = zinc.splits.train.slice(0, 128);
const testBatch = batchGraphs(zinc.splits.test.slice(0, 256), zinc.spec);
const trainable = [...model.params.values()].filter((v) => v.trainable);
/** Each variant: which fused kernels fall back to stock ops, and the optimiser. */
const variants = {
  stock: { stock: true as boolean | string[], optimizer: tf.train.adam(7e-4) },
  fused: { stock: false, optimizer: createOptimizer(7e-4) },
  'fused-stock-attention': { stock: ['MaAttendNodes'], optimizer: createOptimizer(7e-4) },
  'fused-stock-batchnorm': { stock: ['MaBatchNormTrain'], optimizer: createOptimizer(7e-4) },
};

function timed(f: () => unknown): { ms: number; cpuMs: number } {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  f();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const samples: Record<string, { ms: number; cpuMs: number }[]> = {};
const record = (key: string, sample: { ms: number; cpuMs: number }) => (samples[key] ??= []).push(sample);
for (let round = 0; round <= rounds; round++)
  for (const [variant, { stock, optimizer }] of Object.entries(variants)) {
    useStockOps(stock);
    const [start, cpu] = [performance.now(), process.cpuUsage()];
    await trainStep(model, optimizer, trainable, trainGraphs, zinc.spec, 0);
    const used = process.cpuUsage(cpu);
    const step = { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
    const scan = timed(() => {
      const result = forwardTidy(model, testBatch, { capture: true });
      result.captures.forEach((c) => c.edgeScore.dataSync());
      tf.dispose([result.output, ...result.captures.flatMap((c) => [c.edgeScore, c.attention, c.nodeAttn])]);
    });
    if (round === 0) continue; // warm-up
    record(`${variant}.step`, step);
    record(`${variant}.scan`, scan);
  }
useStockOps(false);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = Object.fromEntries(
  Object.entries(samples).map(([key, xs]) => [
    key,
    { ms: Math.round(median(xs.map((x) => x.ms))), cpuMs: Math.round(median(xs.map((x) => x.cpuMs))) },
  ]),
);
const ratio = (kind: string, key: 'ms' | 'cpuMs') =>
  +(summary[`stock.${kind}`][key] / summary[`fused.${kind}`][key]).toFixed(2);
console.log(
  JSON.stringify({
    backend: info.name,
    ...summary,
    stockOverFused: {
      step: ratio('step', 'ms'),
      stepCpu: ratio('step', 'cpuMs'),
      scan: ratio('scan', 'ms'),
      scanCpu: ratio('scan', 'cpuMs'),
    },
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
  }),
);
