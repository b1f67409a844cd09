/**
 * Adds to every shipped checkpoint's recorded scan (public/models/<id>/scan.json) what the app reads instead of
 * scanning at load (src/engine/splitRecord.ts): the test split's edge count, per layer its strongest molecules and
 * the attention-top statistics; and, for base checkpoints, their dataset analysis of the whole test split
 * (src/engine/baseAnalysis.ts), which spares the app the base model's run in the first analysis.
 * scripts/models-report.ts writes the same fields when it rewrites the scans; this script adds them without
 * touching the rest. Run: npx tsx scripts/record-scans.ts [--only id[,id]]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCheckpointFolder } from '../src/cli/checkpointFiles';
import { folderBundleSource } from '../src/data/bundleNode';
import { loadBundle } from '../src/data/bundleRead';
import { recordBaseAnalysis } from '../src/engine/baseAnalysis';
import { HISTOGRAM_BINS } from '../src/engine/datasetScan';
import { createNodeEngine } from '../src/engine/node';
import { scanSplit } from '../src/engine/scan';
import { recordSplit } from '../src/engine/splitRecord';
import { parseModelIndex } from '../src/gnn/modelIndex';
import { disposeParams } from '../src/gnn/params';

const MODELS = 'public/models';
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',')) : null;
await createNodeEngine().info();
const index = parseModelIndex(JSON.parse(await readFile(join(MODELS, 'index.json'), 'utf8')));
for (const entry of index.models) {
  if (only && !only.has(entry.id)) continue;
  const start = performance.now();
  const { model } = await loadCheckpointFolder(join(MODELS, entry.path));
  const data = await loadBundle(entry.dataset, folderBundleSource());
  const record = await recordSplit(model, data.splits.test, data.spec);
  const baseAnalysis =
    entry.variant === 'base'
      ? recordBaseAnalysis(
          await scanSplit(model, data.splits.test, data.spec, { histogramBins: HISTOGRAM_BINS }),
          HISTOGRAM_BINS,
        )
      : undefined;
  disposeParams(model.params);
  const file = join(MODELS, entry.path, 'scan.json');
  const scan = JSON.parse(await readFile(file, 'utf8'));
  scan.edges = record.edges;
  scan.layers.forEach((layer: Record<string, unknown>, l: number) => Object.assign(layer, record.layers[l]));
  if (baseAnalysis) scan.baseAnalysis = baseAnalysis;
  await writeFile(file, JSON.stringify(scan) + '\n');
  console.error(`recorded ${entry.id} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
