/**
 * Time of a full MA scan of the ZINC test split (1000 molecules): batched eval forward with captures, then every
 * layer's statistics (ratios, maxima, Gamma fit, KS, log-likelihood, heatmaps), Node wasm.
 * Run: npx tsx scripts/bench/scan.ts [preset] [batchSize]   (default small-gt-zinc: 4 layers x 64 x 8 heads)
 */
import { folderBundleSource } from '../../src/data/bundleNode';
import { loadBundle } from '../../src/data/bundleRead';
import { createNodeEngine } from '../../src/engine/node';
import { scanSplit } from '../../src/engine/scan';
import { preset } from '../../src/gnn/config';
import { createModel } from '../../src/gnn/model';

const [name = 'small-gt-zinc', batchSize = '256'] = process.argv.slice(2);
const { name: backend } = await createNodeEngine().info();
const data = await loadBundle('zinc', folderBundleSource());
const model = createModel(preset(name));
const started = performance.now();
const result = await scanSplit(model, data.splits.test, data.spec, { batchSize: Number(batchSize) });
console.log(
  JSON.stringify({
    backend,
    preset: name,
    graphs: result.graphs,
    edges: result.edges,
    forwardSeconds: +result.forwardSeconds.toFixed(2),
    statisticsSeconds: +result.statisticsSeconds.toFixed(2),
    totalSeconds: +((performance.now() - started) / 1000).toFixed(2),
  }),
);
