/**
 * The paper-schedule training campaign: every trained and EBT checkpoint of the catalogue, trained with the paper's
 * ReduceLROnPlateau schedule until the learning rate falls below min_lr (docs/METHOD.md §6), however many sessions
 * that takes. Each run's resumable state (float32 weights, Adam moments, scheduler, history, per-epoch MA statistics)
 * lives in campaign/<id>/, which git tracks: the files are overwritten every epoch, so a commit adds one copy per run,
 * and any fresh clone continues where the last commit left off.
 *
 *   npm run models:campaign -- [--minutes 60] [--parallel 2] [--only id,id] [--status] [--export] [--stop]
 *
 * Without --status it continues unfinished runs in catalogue order (ZINC, then TOX21, then TU PROTEINS), --parallel at
 * a time, until --minutes have passed, and exports every finished run to public/models (float16) in place of the
 * shipped checkpoint of the same id. --export only exports finished runs. --stop asks a running campaign to stop:
 * each run ends after the epoch it is in (checkpointed, as at the end of its time) and no run starts; killing the
 * campaign instead kills its runs at their next line of output, losing the epoch in progress. Logs go to
 * runs/campaign-logs/<id>.log.
 * A finished run keeps its model.json (history, per-epoch MA statistics) and weights, not its Adam state.
 * Runs train with `--native` (src/cli/nativeKernels.ts), one thread each; a run that starts alone, with no other run
 * left to start, trains on --parallel threads (train --threads, data-parallel).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createNodeEngine } from '../src/engine/node';
import { CATALOGUE, exportRun, PUBLIC, rebuildIndex, type Recipe } from './modelRecipes';

const CAMPAIGN = 'campaign';
const LOGS = 'runs/campaign-logs';
/** Present while a campaign is asked to stop (--stop); a new campaign removes it. */
const STOP_FILE = 'runs/campaign.stop';
/** A run is not started with less time than this left: a paper-size epoch plus the final evaluation. */
const MIN_START_MINUTES = 12;
/** The train command checks its budget between epochs and evaluates every split at the end: leave room for both. */
const EPOCH_OVERRUN_MINUTES = 4;

const DATASET_ORDER = ['zinc', 'tox21', 'proteins'];
const RUNS: Recipe[] = CATALOGUE.filter((r) => !r.id.endsWith('-base')).sort(
  (a, b) => DATASET_ORDER.indexOf(a.id.split('-')[1]) - DATASET_ORDER.indexOf(b.id.split('-')[1]),
);

interface RunStatus {
  id: string;
  epochs: number;
  lr: number | null;
  stopReason: string;
  finished: boolean;
  exported: boolean;
  valMetric: number | null;
  peakMaxRatio: number | null;
}

/** The parts of a run's model.json the campaign reads. */
interface RunJson {
  training?: {
    epochs?: number;
    stopReason?: string;
    history?: { valMetric: number }[];
    maHistory?: { layers: { maxRatio: number | null }[] }[];
    /** On a shipped best-validation checkpoint (train --keep-best): the run it was taken from. */
    selection?: { runEpochs: number; runStopReason: string };
  };
  trainingState?: { lr: number };
}

async function readJson(file: string): Promise<RunJson | null> {
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as RunJson) : null;
}

async function statusOf(id: string): Promise<RunStatus> {
  const json = await readJson(join(CAMPAIGN, id, 'model.json'));
  const training = json?.training ?? {};
  const state = json?.trainingState;
  const history = training.history ?? [];
  const stopReason = training.stopReason ?? 'not started';
  const finished = stopReason === 'min-lr' || stopReason === 'max-epochs';
  const shipped = await readJson(join(PUBLIC, id, 'model.json'));
  const maxima = (training.maHistory ?? []).flatMap((e) => e.layers.map((l) => l.maxRatio ?? 0));
  return {
    id,
    epochs: training.epochs ?? 0,
    lr: state?.lr ?? null,
    stopReason,
    finished,
    exported:
      finished &&
      (shipped?.training?.selection?.runEpochs ?? shipped?.training?.epochs) === training.epochs &&
      (shipped?.training?.selection?.runStopReason ?? shipped?.training?.stopReason) === training.stopReason,
    valMetric: history.at(-1)?.valMetric ?? null,
    peakMaxRatio: maxima.length ? Math.max(...maxima) : null,
  };
}

function printStatus(rows: RunStatus[]) {
  for (const r of rows)
    console.log(
      `${r.id.padEnd(24)} ${String(r.epochs).padStart(4)} epochs  lr ${r.lr?.toExponential(2) ?? '–'.padEnd(8)}  ` +
        `${r.stopReason.padEnd(12)} val ${r.valMetric?.toFixed(4) ?? '–'}  peak ratio ${r.peakMaxRatio?.toFixed(0) ?? '–'}` +
        `${r.finished ? (r.exported ? '  (shipped)' : '  (finished, not exported)') : ''}`,
    );
}

/**
 * Trains one run in a child process for `minutes` on `threads` threads (train --threads: data-parallel); resolves when
 * it exits (it checkpoints every epoch).
 */
async function trainFor(recipe: Recipe, minutes: number, threads: number): Promise<number> {
  await mkdir(LOGS, { recursive: true });
  const log = createWriteStream(join(LOGS, `${recipe.id}.log`), { flags: 'a' });
  const args = ['tsx', 'src/cli/main.ts', 'train', ...recipe.args, '--out', join(CAMPAIGN, recipe.id)];
  // The native kernels where gcc and libopenblas-dev exist (src/cli/nativeKernels.ts); the wasm ones otherwise.
  args.push('--minutes', minutes.toFixed(1), '--native', '--stop-file', STOP_FILE);
  if (threads > 1) args.push('--threads', String(threads));
  const on = threads > 1 ? ` on ${threads} threads` : '';
  console.log(`${new Date().toISOString()} ${recipe.id}: training for up to ${minutes.toFixed(0)} min${on}`);
  const child = spawn('npx', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split('\n'))
      if (/^(epoch|resuming|kernels|training on)/.test(line)) console.log(`${recipe.id}: ${line}`);
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      log.end();
      resolve(code ?? 1);
    }),
  );
}

async function exportFinished(ids: string[]) {
  const toExport = (await Promise.all(ids.map(statusOf))).filter((s) => s.finished && !s.exported);
  if (toExport.length === 0) return;
  await createNodeEngine().info();
  for (const s of toExport) {
    await exportRun(s.id, join(CAMPAIGN, s.id));
    // A finished run never resumes: its Adam state (twice its weights) need not be committed.
    await rm(join(CAMPAIGN, s.id, 'optimizer.bin'), { force: true });
  }
  await rebuildIndex();
}

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    parallel: { type: 'string', default: '2' },
    only: { type: 'string' },
    status: { type: 'boolean', default: false },
    export: { type: 'boolean', default: false },
    stop: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const parallel = Number(values.parallel);
if (!(minutes > 0) || !Number.isInteger(parallel) || parallel < 1)
  throw new Error('--minutes must be a positive number and --parallel a positive integer');
const wanted = values.only?.split(',');
const runs = RUNS.filter((r) => !wanted || wanted.includes(r.id));
if (wanted && runs.length !== wanted.length)
  throw new Error(`unknown run in --only; runs: ${RUNS.map((r) => r.id).join(', ')}`);

if (values.stop) {
  await mkdir('runs', { recursive: true });
  await writeFile(STOP_FILE, `${new Date().toISOString()}\n`);
  console.log(`asked the campaign to stop: its runs end after their current epoch (${STOP_FILE})`);
} else if (values.status) printStatus(await Promise.all(runs.map((r) => statusOf(r.id))));
else if (values.export) await exportFinished(runs.map((r) => r.id));
else {
  await rm(STOP_FILE, { force: true });
  const deadline = Date.now() + minutes * 60_000;
  const queue: Recipe[] = [];
  for (const r of runs) if (!(await statusOf(r.id)).finished) queue.push(r);
  let exports = Promise.resolve(); // one export at a time: each rewrites index.json
  let training = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const left = (deadline - Date.now()) / 60_000;
      if (left < MIN_START_MINUTES || existsSync(STOP_FILE)) return;
      // A run that starts alone, with no other left to start, gets every slot's core (train --threads).
      const threads = training === 0 && queue.length === 0 ? parallel : 1;
      training++;
      await trainFor(next, left - EPOCH_OVERRUN_MINUTES, threads).finally(() => training--);
      const id = next.id;
      if ((await statusOf(id)).finished) await (exports = exports.then(() => exportFinished([id])));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  printStatus(await Promise.all(runs.map((r) => statusOf(r.id))));
}
