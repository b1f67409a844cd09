/**
 * Timings of the massive-activation statistics at ZINC-test size (about 50 000 directed edges x 64 features,
 * 1000 graphs) for a base and a trained model of a few layers. Run:  npx tsx scripts/bench-ma.ts [layers]
 * Prints the time of summarizeLayer (ratios, maxima, curve, distribution, Gamma fit, KS and log-likelihood against
 * its own and the base fit, 1000-bin histogram, bond-type heatmaps and rates) per layer, in milliseconds. Not a
 * test: the numbers depend on the machine.
 */
import { baseBand, summarizeLayer, type EdgeActivations, type GammaParams } from '../src/ma';

const EDGES = 50_000;
const DIM = 64;
const HEADS = 8;
const GRAPHS = 1000;

/** mulberry32: a small seeded generator, enough for benchmark data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Gaussian scores; in the trained model 3% of the edges get one feature 1e3..1e5 times larger. */
function layerActivations(seed: number, trained: boolean): EdgeActivations {
  const next = random(seed);
  const values = new Float32Array(EDGES * DIM);
  for (let i = 0; i < values.length; i++)
    values[i] = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  if (trained)
    for (let e = 0; e < EDGES; e++) if (next() < 0.03) values[e * DIM + [3, 17, 42][e % 3]] *= 10 ** (3 + 2 * next());
  return { values, numEdges: EDGES, dim: DIM };
}

function time<T>(label: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  console.log(`${label.padEnd(44)} ${(performance.now() - start).toFixed(1).padStart(8)} ms`);
  return result;
}

const layers = Number(process.argv[2] ?? 4);
const graphOfEdge = Int32Array.from({ length: EDGES }, (_, e) => Math.floor((e * GRAPHS) / EDGES));
const bondType = Int32Array.from({ length: EDGES }, (_, e) => 1 + ((e >> 1) % 7 === 0 ? 1 : 0));
const baseFits: GammaParams[] = [];
const baseCurves: Float64Array[] = [];
const total = performance.now();
for (const trained of [false, true]) {
  const model = trained ? 'trained' : 'base';
  for (let layer = 0; layer < layers; layer++) {
    const acts = time(`${model} layer ${layer}: make data (not counted)`, () =>
      layerActivations(trained ? 100 + layer : layer, trained),
    );
    const summary = time(`${model} layer ${layer}: all statistics`, () =>
      summarizeLayer(acts, graphOfEdge, GRAPHS, {
        referenceFit: baseFits[layer],
        histogramBins: 1000,
        bondTypeOfEdge: bondType,
        heads: HEADS,
      }),
    );
    if (!trained) baseFits.push(summary.distribution.gamma);
    if (!trained) baseCurves.push(summary.curve);
    const { gamma, own, againstReference, fitMethod } = summary.distribution;
    const versusBase = againstReference ? ` ks vs base fit=${againstReference.ks.toFixed(4)}` : '';
    console.log(`  gamma a=${gamma.a.toFixed(3)} (${fitMethod}) ks=${own.ks.toFixed(4)}${versusBase}`);
  }
}
time('base band', () => baseBand(baseCurves));
console.log(`total including data generation: ${(performance.now() - total).toFixed(0)} ms`);
