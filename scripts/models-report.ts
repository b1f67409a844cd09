/**
 * Writes MODELS.md: one row per shipped checkpoint (public/models/index.json) with its metrics, training time and
 * the MA statistics of a test-split scan (per-layer maximum per-graph ratio, share of edges above 1000, KS against
 * its own Gamma fit and, for trained and EBT checkpoints, against its base checkpoint's fit). Also keeps the scans
 * as public/models/<id>/scan.json for the app. Run: npx tsx scripts/models-report.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCheckpointFolder } from '../src/cli/checkpointFiles';
import { folderBundleSource } from '../src/data/bundleNode';
import { loadBundle } from '../src/data/bundleRead';
import { createNodeEngine } from '../src/engine/node';
import { scanSplit } from '../src/engine/scan';
import { METRIC } from '../src/gnn/metrics';
import { parseModelIndex, type ModelIndexEntry } from '../src/gnn/modelIndex';
import { disposeParams } from '../src/gnn/params';

const MODELS = 'public/models';
const fmt = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
const ratio = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');

const { name: backend } = await createNodeEngine().info();
const index = parseModelIndex(JSON.parse(await readFile(join(MODELS, 'index.json'), 'utf8')));
const baseFits = new Map<string, ({ a: number; loc: number; scale: number } | undefined)[]>();
const rows: string[] = [];
const order = (e: ModelIndexEntry) => ['base', 'trained', 'ebt'].indexOf(e.variant);
for (const entry of [...index.models].sort(
  (a, b) => a.model.localeCompare(b.model) || a.dataset.localeCompare(b.dataset) || order(a) - order(b),
)) {
  const { model } = await loadCheckpointFolder(join(MODELS, entry.path));
  const data = await loadBundle(entry.dataset, folderBundleSource());
  const baseKey = `${entry.model}-${entry.dataset}`;
  const scan = await scanSplit(model, data.splits.test, data.spec, {
    referenceFits: entry.variant === 'base' ? undefined : baseFits.get(baseKey),
  });
  if (entry.variant === 'base')
    baseFits.set(
      baseKey,
      scan.layers.map((l) => (l.distribution.fitConverged ? l.distribution.gamma : undefined)),
    );
  disposeParams(model.params);
  const layers = scan.layers;
  const metric = METRIC[entry.dataset].name;
  rows.push(
    [
      entry.id,
      `${entry.config.layers}×${entry.config.hidden}×${entry.config.heads}`,
      entry.epochs,
      `${(entry.wallSeconds / 60).toFixed(0)} min`,
      `${metric} ${fmt(entry.metrics.test?.[metric])}`,
      layers.map((l) => ratio(l.maxItemRatio)).join(' / '),
      layers.map((l) => (100 * l.fractionEdgesMassive).toFixed(2)).join(' / '),
      layers.map((l) => fmt(l.distribution.own.ks, 3)).join(' / '),
      entry.variant === 'base' ? '–' : layers.map((l) => fmt(l.distribution.againstReference?.ks, 3)).join(' / '),
    ].join(' | '),
  );
  await writeFile(
    join(MODELS, entry.path, 'scan.json'),
    JSON.stringify({
      split: 'test',
      backend,
      layers: layers.map((l) => ({
        maxItemRatio: Number.isFinite(l.maxItemRatio) ? l.maxItemRatio : null,
        fractionEdgesMassive: l.fractionEdgesMassive,
        fractionItemsMassive: l.fractionItemsMassive,
        gamma: l.distribution.gamma,
        ks: l.distribution.own.ks,
        logLikelihood: Number.isFinite(l.distribution.own.logLikelihood) ? l.distribution.own.logLikelihood : null,
        ksAgainstBase: l.distribution.againstReference?.ks ?? null,
      })),
    }) + '\n',
  );
  console.error(`scanned ${entry.id}`);
}

const header = `# Shipped checkpoints

Made by \`npm run models:train -- --only <id>\`; this table by \`npx tsx scripts/models-report.ts\` (${backend}, test split).
Per layer, separated by /: the largest per-graph MA ratio (max|s| / median|s| of an edge's scores, numpy median), the
percentage of directed edges whose ratio exceeds 1000, the KS statistic of the -log10 ratio distribution against its
own Gamma fit, and (trained and EBT) against the base checkpoint's fit of the same layer. Metrics: MAE (ZINC), mean
ROC-AUC over tasks (TOX21), accuracy (PROTEINS, TU stand-in). Times are wall time on a 2-core machine, Node wasm.

| checkpoint | layers×D×H | epochs | time | test | max ratio per layer | % edges > 1000 | KS own fit | KS vs base fit |
|---|---|---|---|---|---|---|---|---|
`;
await writeFile('MODELS.md', header + rows.map((r) => `| ${r} |`).join('\n') + '\n');
console.error('wrote MODELS.md');
