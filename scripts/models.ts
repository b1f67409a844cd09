/**
 * The checkpoints the app ships, and how each is made: `npm run models:train -- --only gt-zinc-trained` trains one
 * from scratch with the project's CLI (into runs/<id>, checkpointing every epoch, resuming if interrupted), then
 * exports it to public/models/<id> (model.json + weights.bin, no optimizer state) and rebuilds index.json.
 * `--export-only` exports what runs/ holds; `--list` prints the catalogue. Extra flags (e.g. --minutes 90) go to
 * the train command.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS } from '../src/gnn/config';
import { parseModelIndex, VARIANTS, type ModelIndexEntry } from '../src/gnn/modelIndex';

const MODELS = ['gt', 'san', 'graphit'] as const;
const RUNS = 'runs';
const PUBLIC = 'public/models';

interface Recipe {
  id: string;
  args: string[];
}

/**
 * Paper depth and widths (METHOD.md §6) for every variant, except GT on TOX21, shipped 96 wide (config.ts, NARROW);
 * base = the same config, untrained.
 */
const presetFor = (model: string, dataset: string) =>
  model === 'gt' && dataset === 'tox21' ? 'narrow-gt-tox21' : `paper-${model}-${dataset}`;
export const CATALOGUE: Recipe[] = MODELS.flatMap((model) =>
  DATASETS.flatMap((dataset) =>
    VARIANTS.map((variant) => ({
      id: `${model}-${dataset}-${variant}`,
      args: [
        '--preset',
        presetFor(model, dataset),
        '--dataset',
        dataset,
        ...(variant === 'ebt' ? ['--ebt'] : []),
        ...(variant === 'base' ? ['--epochs', '0'] : ['--scan-every', '1']),
      ],
    })),
  ),
);

async function exportRun(id: string): Promise<void> {
  const from = join(RUNS, id);
  if (!existsSync(join(from, 'model.json'))) throw new Error(`${from} has no checkpoint to export`);
  const json = JSON.parse(await readFile(join(from, 'model.json'), 'utf8'));
  delete json.optimizerManifest;
  delete json.trainingState;
  json.id = id;
  await mkdir(join(PUBLIC, id), { recursive: true });
  await copyFile(join(from, 'weights.bin'), join(PUBLIC, id, 'weights.bin'));
  await writeFile(join(PUBLIC, id, 'model.json'), JSON.stringify(json, null, 1) + '\n');
}

async function rebuildIndex(): Promise<void> {
  const entries: ModelIndexEntry[] = [];
  for (const id of (await readdir(PUBLIC, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const json = JSON.parse(await readFile(join(PUBLIC, id, 'model.json'), 'utf8'));
    entries.push({
      id,
      model: json.config.model,
      dataset: json.config.dataset,
      variant: json.training.variant,
      path: id,
      config: json.config,
      epochs: json.training.epochs,
      wallSeconds: json.training.wallSeconds,
      metrics: json.training.metrics,
      weightsBytes: (await stat(join(PUBLIC, id, 'weights.bin'))).size,
    });
  }
  const index = parseModelIndex({ format: 'ma-explorer-models', version: 1, models: entries });
  await writeFile(join(PUBLIC, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  console.log(
    `index.json lists ${entries.length} checkpoints, ${entries.reduce((n, e) => n + e.weightsBytes, 0)} bytes of weights`,
  );
}

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const passThrough = argv.filter(
  (a, i) => !['--only', '--export-only', '--list'].includes(a) && argv[i - 1] !== '--only',
);
if (argv.includes('--list')) {
  for (const recipe of CATALOGUE)
    console.log(`${recipe.id}: npm run cli -- train ${recipe.args.join(' ')} --out ${RUNS}/${recipe.id}`);
} else {
  const recipes = CATALOGUE.filter((r) => !only || r.id === only);
  if (recipes.length === 0) throw new Error(`no checkpoint "${only}"; see npm run models:train -- --list`);
  for (const recipe of recipes) {
    if (!argv.includes('--export-only')) {
      execFileSync(
        'npx',
        ['tsx', 'src/cli/main.ts', 'train', ...recipe.args, '--out', join(RUNS, recipe.id), ...passThrough],
        { stdio: 'inherit' },
      );
    }
    if (existsSync(join(RUNS, recipe.id, 'model.json'))) await exportRun(recipe.id);
  }
  await rebuildIndex();
}
