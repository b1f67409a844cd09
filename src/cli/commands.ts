/** The CLI's commands by name, and one run of the CLI with its output collected (main.ts writes it out). */
import { createNodeEngine } from '../engine/node';
import { statsCommand } from './statsCommand';
import { inspectCommand } from './inspectCommand';
import { redistributionCommand } from './redistributionCommand';
import { scanCommand } from './scanCommand';
import { trainCommand } from './trainCommand';
import { datasetsCommand } from './datasetsCommand';
import { loadCommand } from './loadCommand';
import { exportCommand } from './exportCommand';
import { attackCommand } from './attackCommand';

type Command = (args: string[]) => Promise<unknown>;

// A Map, not an object: `cli -- constructor` must not find Object.prototype.constructor.
const commands = new Map<string, Command>(
  Object.entries({
    /** The engine's backend, as the app's badge shows it. */
    info: async () => createNodeEngine().info(),
    inspect: inspectCommand, // one molecule through a checkpoint: prediction and per-layer captures
    redistribution: redistributionCommand, // where attribution goes when massive features are ablated, by bond type
    scan: scanCommand, // MA statistics of a checkpoint over a dataset split, written as JSON
    train: trainCommand, // train or resume a model on a bundled dataset, checkpointing every epoch
    stats: statsCommand, // massive-activation statistics of one activation matrix (`stats --help`)
    datasets: datasetsCommand, // the bundled datasets: graphs per split, node and edge counts, vocabularies
    load: loadCommand, // a user's file loaded as the app does: {loaded, skipped: [{line, reason}], graphs}
    export: exportCommand, // a checkpoint as a PyTorch .pt in the paper's names, or a .pt as a checkpoint folder
    attack: attackCommand, // GAIN of optimised over random input noise of std sigma (the paper's robustness run)
  } satisfies Record<string, Command>),
);

export const COMMAND_NAMES = [...commands.keys()];

export interface CliRun {
  /** The exit code main.ts sets. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command; a thrown error becomes its one-line message on stderr and its exit code (2 for usage). */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const [name, ...args] = argv;
  const command = name ? commands.get(name) : undefined;
  if (!command) return { code: 2, stdout: '', stderr: `usage: npm run cli -- <${COMMAND_NAMES.join('|')}> [--json]\n` };
  const exitCodeBefore = process.exitCode;
  process.exitCode = undefined;
  try {
    const result = await command(args);
    const code = Number(process.exitCode ?? 0); // a command may set it (load: 2 when nothing loaded)
    return { code, stdout: JSON.stringify(result, null, args.includes('--json') ? 0 : 2) + '\n', stderr: '' };
  } catch (error) {
    const code = (error as { exitCode?: number } | undefined)?.exitCode ?? 1;
    return { code, stdout: '', stderr: `${error instanceof Error ? error.message : String(error)}\n` };
  } finally {
    process.exitCode = exitCodeBefore;
  }
}
