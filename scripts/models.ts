/**
 * The checkpoints the app ships, and how each is made: `npm run models:train -- --only gt-zinc-trained` trains one
 * from scratch with the project's CLI (into runs/<id>, checkpointing every epoch, resuming if interrupted), then
 * exports it to public/models/<id> (model.json + weights.bin, no optimizer state) and rebuilds index.json.
 * `--export-only` exports what runs/ holds; `--only a,b` takes a list; `--list` prints the catalogue. Extra flags (e.g. --minutes 90) go to
 * the train command. Paper-schedule runs that span sessions use scripts/campaign.ts instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeEngine } from '../src/engine/node';
import { CATALOGUE, EXPERIMENTS, exportRun, rebuildIndex } from './modelRecipes';

const RUNS = 'runs';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const passThrough = argv.filter(
  (a, i) => !['--only', '--export-only', '--list'].includes(a) && argv[i - 1] !== '--only',
);
if (argv.includes('--list')) {
  for (const recipe of [...CATALOGUE, ...EXPERIMENTS])
    console.log(`${recipe.id}: npm run cli -- train ${recipe.args.join(' ')} --out ${RUNS}/${recipe.id}`);
} else {
  const ids = only?.split(',');
  // Experiments only when named: a bare run trains the shipped grid as before.
  const recipes = ids ? [...CATALOGUE, ...EXPERIMENTS].filter((r) => ids.includes(r.id)) : CATALOGUE;
  if (recipes.length === 0) throw new Error(`no checkpoint "${only}"; see npm run models:train -- --list`);
  await createNodeEngine().info(); // exporting evaluates the float16 weights
  for (const recipe of recipes) {
    if (!argv.includes('--export-only')) {
      execFileSync(
        'npx',
        ['tsx', 'src/cli/main.ts', 'train', ...recipe.args, '--out', join(RUNS, recipe.id), ...passThrough],
        { stdio: 'inherit' },
      );
    }
    if (existsSync(join(RUNS, recipe.id, 'model.json'))) await exportRun(recipe.id, join(RUNS, recipe.id));
  }
  await rebuildIndex();
}
