/** Node entry point: `npm run cli -- <command> [options]`. Commands grow with the project; each prints JSON. */
import { createNodeEngine } from '../engine/node';

const commands: Record<string, (args: string[]) => Promise<unknown>> = {
  /** The engine's backend, as the app's badge shows it. */
  info: async () => createNodeEngine().info(),
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
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
