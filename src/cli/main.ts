/** Node entry point: `npm run cli -- <command> [options]`. Commands grow with the project; each prints JSON. */
import { createNodeEngine } from '../engine/node';
import { statsCommand } from './statsCommand';
import { inspectCommand } from './inspectCommand';
import { redistributionCommand } from './redistributionCommand';
import { scanCommand } from './scanCommand';
import { trainCommand } from './trainCommand';
import { datasetsCommand } from './datasetsCommand';
import { loadCommand } from './loadCommand';
import { exportCommand } from './exportCommand';

const commands: Record<string, (args: string[]) => Promise<unknown>> = {
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
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`usage: npm run cli -- <${Object.keys(commands).join('|')}> [--json]`);
    return 2;
  }
  const result = await command(args);
  console.log(JSON.stringify(result, null, args.includes('--json') ? 0 : 2));
  return Number(process.exitCode ?? 0); // a command may set it (load: 2 when nothing loaded)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit((error as { exitCode?: number } | undefined)?.exitCode ?? 1);
  },
);
