/**
 * Node entry point: `npm run cli -- <command> [options]`. Commands grow with the project; each prints JSON.
 * The process ends only after stdout and stderr are flushed: process.exit() straight after a write cut the JSON
 * at 64 KB when stdout was a pipe.
 */
import { runCli } from './commands';

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!text) return resolve();
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

const { code, stdout, stderr } = await runCli(process.argv.slice(2));
process.exitCode = code;
await write(process.stderr, stderr);
await write(process.stdout, stdout);
// Both streams are flushed; exit now rather than wait for handles tfjs or RDKit may keep open.
process.exit(code);
