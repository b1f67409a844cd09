/**
 * `npm run bench [-- --quick] [-- --node-only | --ui-only]`: every step a user waits for, measured in Node (wasm, cpu) and in
 * headless Chromium (webgpu on SwiftShader, wasm, cpu), written to bench.json
 * (`{"metrics": {name: {value, unit, target}}}`) and BENCHMARKS.md (a table with the machine, date and command).
 * `--quick` is a smoke run with fewer repeats; its numbers are not for the report.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import type { BenchmarkResult } from '../../src/engine/benchmarks';
import { runBrowserBenchmarks, type AnalysisRun, type UiRun } from './browser';
import { TARGETS } from './plan';
import { renderReport, type Metric } from './report';

const quick = process.argv.includes('--quick');
const nodeOnly = process.argv.includes('--node-only');
const uiOnly = process.argv.includes('--ui-only');
const metrics: Record<string, Metric> = {};
const add = (name: string, value: number, unit: string, note?: string) => {
  const target = TARGETS.find((t) => t.metric.test(name));
  metrics[name] = {
    value: +value.toPrecision(4),
    unit,
    target: target?.target ?? null,
    met: target ? target.met(value) : null,
    ...(note ? { note } : {}),
  };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function addCompute(env: string, results: BenchmarkResult[]) {
  const scans: Record<string, { batched?: number; oneByOne?: number; graphs?: number }> = {};
  for (const r of results) {
    const { request: q, backend } = r;
    const model = q.preset.replace(/^(paper|small)-/, '').replace(/-zinc$/, '');
    if (q.kind === 'forward')
      add(`forward.${env}.${backend}.${model}`, r.medianMs!, 'ms', `${q.preset}, 1 molecule, captures read back`);
    else if (q.kind === 'train')
      add(
        `train.${env}.${backend}.${q.preset.replace(/-zinc$/, '')}`,
        r.graphsPerSecond!,
        'graphs/s',
        `batch ${q.batchSize}`,
      );
    else {
      const s = (scans[backend] ??= {});
      s.graphs = r.graphs;
      if (q.batchSize === 1) s.oneByOne = r.seconds;
      else s.batched = r.seconds;
    }
    if (r.tensorGrowth !== 0)
      add(`memory.${env}.${backend}.${q.kind}-${q.preset}.tensor-growth`, r.tensorGrowth, 'tensors');
  }
  for (const [backend, s] of Object.entries(scans)) {
    const note = `small-gt-zinc (4 layers), first ${s.graphs} ZINC test molecules`;
    add(`scan.${env}.${backend}.batched`, s.batched!, 's', note);
    add(`scan.${env}.${backend}.one-by-one`, s.oneByOne!, 's', note);
    add(`scan.${env}.${backend}.speedup`, s.oneByOne! / s.batched!, '×', 'one by one ÷ batched');
  }
}

function addUi(run: UiRun) {
  const b = run.backend;
  add(`ui.${b}.cold-load`, run.coldLoadMs, 'ms', 'fresh context → first molecule with coloured bonds');
  add(`ui.${b}.url-restored`, run.urlRestoredMs, 'ms', 'shared link in a fresh context → molecule and bond restored');
  const labels: Record<string, string> = {
    'bond-click': 'bond click → inspector painted',
    'ablation-toggle': 'ablation toggle or undo → bonds recoloured',
    'next-molecule': 'next molecule → drawn',
    'next-molecule-colored': 'next molecule → drawn with coloured bonds',
  };
  for (const [name, values] of Object.entries(run.measures))
    if (values.length) add(`ui.${b}.${name}`, median(values), 'ms', `median of ${values.length}; ${labels[name]}`);
  add(
    `memory.${b}.tensor-growth`,
    run.memoryEnd.numTensors - run.memoryStart.numTensors,
    'tensors',
    `after ${run.interactions} interactions`,
  );
  add(
    `memory.${b}.tfjs-bytes-growth`,
    run.memoryEnd.numBytes - run.memoryStart.numBytes,
    'bytes',
    `after ${run.interactions} interactions`,
  );
  add(
    `memory.${b}.page-heap-growth`,
    (run.pageHeapEndBytes - run.pageHeapStartBytes) / 2 ** 20,
    'MiB',
    `page JS heap after GC, after ${run.interactions} interactions`,
  );
}

function addAnalysis(run: AnalysisRun) {
  const how = `wasm ${run.wasmThreads} threads, fits in ${run.statisticsWorkers} workers`;
  add(
    'ui.wasm.analysis',
    run.firstMs,
    'ms',
    `dataset analysis: gt-zinc-trained and its base (run), 1000 ZINC test molecules, fits included; ${how}`,
  );
  add('ui.wasm.analysis-base-kept', run.baseKeptMs, 'ms', 'then gt-zinc-ebt, the base scan kept');
  add(
    'ui.wasm.analysis-recorded-base',
    run.recordedBaseMs,
    'ms',
    'gt-zinc-trained in a fresh page, as the panel runs it: the base from its shipped record',
  );
}

interface PeerResult {
  skipped?: string;
  stepMs: { ours: number; torch: number; oursCpu: number; torchCpu: number };
  scanMs: { ours: number; torch: number; oursCpu: number; torchCpu: number };
  ratio: { step: number; scan: number; stepCpu: number; scanCpu: number };
  matMul: Record<'step' | 'scan', { oursGflops: number; torchGflops: number; ratio: number; floor: number }>;
  native: {
    stepMs?: { ours: number; torch: number };
    ratio?: number;
    scanMs?: { ours: number; torch: number };
    scanRatio?: number;
    skipped?: string;
  };
  loadAverage: number[];
}

function addPeer(peer: PeerResult) {
  if (peer.skipped) {
    process.stderr.write(`  peer skipped: ${peer.skipped}\n`);
    return;
  }
  const load = `load average ${peer.loadAverage.join(', ')}`;
  const what = {
    step: 'paper GT train step, 128 ZINC graphs',
    scan: 'paper GT scan forward with captures, 1000 ZINC test graphs',
  };
  for (const kind of ['step', 'scan'] as const) {
    const ms = kind === 'step' ? peer.stepMs : peer.scanMs;
    add(`peer.node.wasm.${kind}`, ms.ours, 'ms', `${what[kind]}; wall, median`);
    add(`peer.torch.${kind}`, ms.torch, 'ms', `${what[kind]}; PyTorch one thread, interleaved`);
    add(`peer.ratio.${kind}`, peer.ratio[kind], '×', `project ÷ PyTorch, wall; ${load}`);
    add(`peer.ratio.${kind}-cpu`, peer.ratio[`${kind}Cpu`], '×', `project ÷ PyTorch, process cpu time; ${load}`);
    const mm = peer.matMul[kind];
    add(
      `peer.matmul.${kind}-ratio`,
      mm.ratio,
      '×',
      `the ${kind}'s matrix products replayed at the same shapes: ${mm.oursGflops} vs ${mm.torchGflops} GFLOP/s`,
    );
    add(
      `peer.matmul.${kind}-floor`,
      mm.floor,
      '×',
      `our time in the ${kind}'s matrix products ÷ PyTorch's whole ${kind}`,
    );
  }
  if (peer.native.ratio !== undefined) {
    add(
      'peer.node.wasm-native.step',
      peer.native.stepMs!.ours,
      'ms',
      `the step with the native kernels (train --native)`,
    );
    add(
      'peer.ratio.step-native',
      peer.native.ratio,
      '×',
      `project with native kernels ÷ PyTorch, wall, interleaved; ${load}`,
    );
    add('peer.node.wasm-native.scan', peer.native.scanMs!.ours, 'ms', `the scan with the native kernels`);
    add(
      'peer.ratio.scan-native',
      peer.native.scanRatio!,
      '×',
      `project with native kernels ÷ PyTorch, wall, interleaved; ${load}`,
    );
  } else process.stderr.write(`  native step skipped: ${peer.native.skipped}\n`);
}

interface TrainStepResult {
  stepMs: number;
  stepMs2: number;
  speedup2: number;
  stepMsNative?: number;
  stepMs2Native?: number;
  speedup2Native?: number;
  nativeSkipped?: string;
}

function addThreads(r: TrainStepResult) {
  const what = 'paper GT train step, 128 ZINC graphs, median after 4 warm-up steps';
  add('threads.node.wasm.step', r.stepMs, 'ms', `${what}, one thread`);
  add('threads.node.wasm.step-2', r.stepMs2, 'ms', `${what}, two threads (data-parallel)`);
  add('threads.node.wasm.speedup', r.speedup2, '×', 'one thread ÷ two, wasm kernels');
  if (r.speedup2Native === undefined) {
    process.stderr.write(`  native two-thread step skipped: ${r.nativeSkipped}\n`);
    return;
  }
  add('threads.node.native.step', r.stepMsNative!, 'ms', `${what}, one thread, native kernels`);
  add('threads.node.native.step-2', r.stepMs2Native!, 'ms', `${what}, two threads, native kernels`);
  add('threads.node.native.speedup', r.speedup2Native, '×', 'one thread ÷ two, native kernels');
}

const started = Date.now();
for (const backend of uiOnly ? [] : ['wasm', 'cpu']) {
  process.stderr.write(`node ${backend}\n`);
  const out = execFileSync('npx', ['tsx', 'scripts/bench/node.ts', ...(quick ? ['--quick'] : [])], {
    env: { ...process.env, MA_BACKEND: backend },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  addCompute('node', JSON.parse(out.toString().trim().split('\n').at(-1)!));
}
// The PyTorch peer (issue 17): ratios project / PyTorch one thread, interleaved in one process pair.
if (!uiOnly) {
  process.stderr.write('peer (PyTorch)\n');
  const out = execFileSync('npx', ['tsx', 'scripts/bench/peer.ts', ...(quick ? ['2', '1'] : ['6', '3'])], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  addPeer(JSON.parse(out.toString().trim().split('\n').at(-1)!));
}
// Both cores (issue 17): one training step on one thread against two (data-parallel), wasm and native kernels.
if (!uiOnly) {
  process.stderr.write('train step, one thread and two\n');
  const out = execFileSync('npx', ['tsx', 'scripts/bench/trainStep.ts', 'paper-gt-zinc', quick ? '5' : '16'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  addThreads(JSON.parse(out.toString().trim().split('\n').at(-1)!));
}
let chromium = '';
if (!nodeOnly) {
  const run = await runBrowserBenchmarks({ quick, computeBackends: uiOnly ? [] : ['webgpu', 'wasm', 'cpu'] });
  chromium = run.chromium;
  addCompute('chromium', run.compute);
  for (const ui of run.ui) addUi(ui);
  if (run.analysis) addAnalysis(run.analysis);
}
const meta = {
  date: new Date().toISOString(),
  command: `npm run bench${['--quick', '--node-only', '--ui-only']
    .filter((f) => process.argv.includes(f))
    .map((f) => ` -- ${f}`)
    .join('')}`,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, no GPU`,
  node: process.version,
  chromium,
  loadAverageAtEnd: loadavg()[0],
  minutes: (Date.now() - started) / 60_000,
  quick,
};
writeFileSync('bench.json', JSON.stringify({ meta, metrics }, null, 1) + '\n');
writeFileSync('BENCHMARKS.md', renderReport(meta, metrics));
process.stderr.write(`bench.json and BENCHMARKS.md written (${meta.minutes.toFixed(1)} min)\n`);
