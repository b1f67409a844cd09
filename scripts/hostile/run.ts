/**
 * Runs the hostile corpus against the real code and counts outcomes by kind:
 *   npm run hostile                 every case (about 1,700; several minutes)
 *   npm run hostile -- --sample 12  12 fast cases of each kind (what npm test runs)
 *   [--seed S] [--kinds smiles,csv] [--json FILE] [--show unclear,crash,hang,wrong]
 * Each case runs in a child process; one that overruns its deadline is killed and counted as a hang, one that
 * kills the process (heap, wasm fault) as a crash, and the case after a crash or hang gets a fresh process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCorpus, DEFAULT_SEED, sampleCorpus } from './corpus';
import { KINDS, OUTCOMES, type CaseResult, type HostileCase, type Kind, type Outcome } from './types';

export interface CorpusRun {
  cases: { index: number; kind: Kind; name: string; result: CaseResult }[];
  counts: Record<Kind, Record<Outcome, number>>;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const DEFAULT_TIMEOUT_MS = 20_000;

function startChild(seed: number): Promise<ChildProcess> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=3072'],
    env: { ...process.env, HOSTILE_SEED: String(seed) },
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the corpus worker exited (${code}) before it was ready`)));
  });
}

function runOne(child: ChildProcess, index: number, kase: HostileCase): Promise<CaseResult & { restart: boolean }> {
  const timeout = (kase.deadlineMs ?? DEFAULT_TIMEOUT_MS) + 5000;
  const start = performance.now();
  return new Promise((resolve) => {
    let fatal = '';
    const finish = (result: CaseResult, restart: boolean) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve({ ...result, restart });
    };
    const onMessage = (message: { index?: number; result?: CaseResult; fatal?: string }) => {
      if (message.fatal) fatal = message.fatal;
      else if (message.index === index && message.result) finish(message.result, false);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(
        {
          outcome: 'crash',
          detail: fatal || `the process died (${signal ?? `exit ${code}`})`,
          ms: performance.now() - start,
        },
        true,
      );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ outcome: 'hang', detail: `no answer after ${timeout / 1000} s`, ms: performance.now() - start }, true);
    }, timeout);
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send({ index });
  });
}

export async function runCorpus(options: {
  seed?: number;
  indices?: number[];
  onCase?: (done: number, total: number) => void;
}): Promise<CorpusRun> {
  const seed = options.seed ?? DEFAULT_SEED;
  const corpus = buildCorpus(seed);
  const indices = options.indices ?? corpus.map((_, i) => i);
  const counts = Object.fromEntries(
    KINDS.map((k) => [k, Object.fromEntries(OUTCOMES.map((o) => [o, 0]))]),
  ) as CorpusRun['counts'];
  const cases: CorpusRun['cases'] = [];
  let child: ChildProcess | null = null;
  try {
    for (const index of indices) {
      child ??= await startChild(seed);
      const kase = corpus[index];
      const { restart, ...result } = await runOne(child, index, kase);
      // After a crash the process may be left broken (a faulted wasm module): the next case gets a fresh one, so
      // each crash is counted once rather than cascading into every case after it.
      if (restart || result.outcome === 'crash') {
        child.kill('SIGKILL');
        child = null;
      }
      counts[kase.kind][result.outcome]++;
      cases.push({ index, kind: kase.kind, name: kase.name, result });
      options.onCase?.(cases.length, indices.length);
    }
  } finally {
    child?.kill('SIGKILL');
  }
  return { cases, counts };
}

export function countsTable(counts: CorpusRun['counts']): string {
  const rows = [['kind', ...OUTCOMES, 'total']];
  const totals = OUTCOMES.map(() => 0);
  for (const kind of KINDS) {
    const values = OUTCOMES.map((o) => counts[kind][o]);
    values.forEach((v, i) => (totals[i] += v));
    rows.push([kind, ...values.map(String), String(values.reduce((a, b) => a + b, 0))]);
  }
  rows.push(['all', ...totals.map(String), String(totals.reduce((a, b) => a + b, 0))]);
  return rows
    .map((row) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(7))).join(' | ')} |`)
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sample: { type: 'string' },
      seed: { type: 'string' },
      kinds: { type: 'string' },
      json: { type: 'string' },
      show: { type: 'string', default: 'unclear,crash,hang,wrong' },
    },
  });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const corpus = buildCorpus(seed);
  let indices = values.sample ? sampleCorpus(corpus, Number(values.sample), seed) : corpus.map((_, i) => i);
  if (values.kinds) {
    const kinds = new Set(values.kinds.split(','));
    indices = indices.filter((i) => kinds.has(corpus[i].kind));
  }
  const started = performance.now();
  const run = await runCorpus({
    seed,
    indices,
    onCase: (done, total) => process.stderr.write(`\r${done} / ${total} cases`),
  });
  process.stderr.write('\n');
  const show = new Set(values.show.split(','));
  for (const c of run.cases)
    if (show.has(c.result.outcome))
      console.log(
        `${c.result.outcome.padEnd(7)} ${c.kind.padEnd(10)} #${c.index} ${c.name.slice(0, 60)}: ${c.result.detail.replace(/\s+/g, ' ').slice(0, 240)}`,
      );
  console.log(`\n${run.cases.length} cases (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(countsTable(run.counts));
  if (values.json) writeFileSync(values.json, JSON.stringify(run, null, 1));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
