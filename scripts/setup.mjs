#!/usr/bin/env node
/**
 * Set-up shared by `npm start` and `npm test` on a fresh machine.
 *   --app      install dependencies with `npm ci` when node_modules is missing or older than package-lock.json
 *   --browser  make sure Debian's Chromium is at /usr/bin/chromium (installs it with apt when running as root)
 * Uses only Node's standard library: it runs before anything is installed.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command) {
  console.log(`> ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function dependenciesAreCurrent() {
  const installed = 'node_modules/.package-lock.json';
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs;
}

if (args.has('--app') && !dependenciesAreCurrent()) {
  console.log('Installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

if (args.has('--browser') && !existsSync(chromiumPath)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `The end-to-end tests need Debian's Chromium at ${chromiumPath}, and it is not there.\n` +
        'Install it with:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n\n' +
        '(or set CHROMIUM_PATH to another Chromium binary), then run npm test again.',
    );
    process.exit(1);
  }
  console.log('Installing Chromium for the end-to-end tests (apt-get)…');
  run('apt-get update');
  run('apt-get install -y chromium');
}
