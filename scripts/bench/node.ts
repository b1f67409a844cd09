/**
 * The compute benchmarks in Node on one backend (MA_BACKEND=wasm or cpu), printed as one JSON array of
 * BenchmarkResult. Called by scripts/bench/run.ts once per backend (a process keeps the backend it starts with).
 */
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { runBenchmark, type BenchmarkResult } from '../../src/engine/benchmarks';
import { createNodeEngine } from '../../src/engine/node';
import { computeBenchmarks } from './plan';

const quick = process.argv.includes('--quick');
await createNodeEngine().info();
const zinc = await loadBundle('zinc', folderBundleSource());
const data = { test: zinc.splits.test, train: zinc.splits.train, spec: zinc.spec };
const results: BenchmarkResult[] = [];
for (const request of computeBenchmarks({ env: 'node', quick })) {
  results.push(await runBenchmark(request, data));
  process.stderr.write(`  ${JSON.stringify(results.at(-1))}\n`);
}
console.log(JSON.stringify(results));
