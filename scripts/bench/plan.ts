/**
 * What `npm run bench` measures, and the targets (issue 9; this 2-core machine without a GPU). Every compute
 * benchmark is a BenchmarkRequest that runs the same code in Node and in the browser's engine worker.
 */
import type { BenchmarkRequest } from '../../src/engine/benchmarks';

export const MODELS = ['gt', 'san', 'graphit'] as const;
/** The ZINC test molecule timed by single-molecule forwards: 23 atoms, 24 bonds, typical of the split. */
export const FORWARD_GRAPH = 0;

export interface PlanOptions {
  env: 'node' | 'chromium';
  /**
   * SwiftShader WebGPU (no GPU) is far slower than wasm (a 32-graph training step took over a minute): its scans
   * use the first 50 molecules and its training steps 8 graphs.
   */
  slowBackend?: boolean;
  /** A smoke run: fewer repeats and molecules (numbers not for the report). */
  quick?: boolean;
}

export function computeBenchmarks({ env, slowBackend = false, quick = false }: PlanOptions): BenchmarkRequest[] {
  const scanLimit = quick ? 20 : slowBackend ? 50 : 1000;
  return [
    ...MODELS.map((m) => ({
      kind: 'forward' as const,
      preset: `paper-${m}-zinc`,
      graphIndex: FORWARD_GRAPH,
      repeats: quick ? 3 : 15,
    })),
    { kind: 'scan', preset: 'small-gt-zinc', limit: scanLimit, batchSize: 256 },
    { kind: 'scan', preset: 'small-gt-zinc', limit: scanLimit, batchSize: 1 },
    ...MODELS.map((m) => ({
      kind: 'train' as const,
      preset: `small-${m}-zinc`,
      batchSize: quick || slowBackend ? 8 : 128,
      steps: quick || slowBackend ? 1 : 3,
    })),
    ...(env === 'node' && !quick
      ? [{ kind: 'train' as const, preset: 'paper-gt-zinc', batchSize: 128, steps: 3 }]
      : []),
  ];
}

/** Targets: [metric name pattern, target text, check]. */
export const TARGETS: { metric: RegExp; target: string; met: (value: number) => boolean }[] = [
  { metric: /^ui\.wasm\.bond-click$/, target: '≤ 16 ms', met: (v) => v <= 16 },
  { metric: /^ui\.wasm\.ablation-toggle$/, target: '≤ 150 ms', met: (v) => v <= 150 },
  { metric: /^ui\.wasm\.next-molecule$/, target: '≤ 100 ms', met: (v) => v <= 100 },
  { metric: /^ui\.wasm\.cold-load$/, target: '≤ 4000 ms', met: (v) => v <= 4000 },
  { metric: /^ui\.wasm\.analysis(-recorded-base)?$/, target: '≤ 5000 ms', met: (v) => v <= 5000 },
  { metric: /^scan\.(node|chromium)\.wasm\.batched$/, target: '≤ 5 s', met: (v) => v <= 5 },
  { metric: /^scan\.(node|chromium)\.\w+\.speedup$/, target: '≥ 10×', met: (v) => v >= 10 },
  { metric: /^peer\.ratio\.step(-cpu|-native)?$/, target: '≤ 1.0× (bar ≤ 1.5×)', met: (v) => v <= 1 },
  { metric: /^peer\.ratio\.scan(-cpu|-native)?$/, target: '≤ 1.0×', met: (v) => v <= 1 },
  { metric: /^threads\.node\.\w+\.speedup$/, target: '≥ 1.7×', met: (v) => v >= 1.7 },
  { metric: /^memory\.\w+\.tensor-growth$/, target: '0', met: (v) => v === 0 },
  { metric: /^memory\.\w+\.tfjs-bytes-growth$/, target: '0', met: (v) => v === 0 },
];
