/** Launches Debian's Chromium headless through playwright-core (never a downloaded browser). */
import { chromium, type Browser, type Page, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep Chromium off the network it cannot reach here (see the machine notes).
const quietFlags = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `webgpu: true` adds --enable-unsafe-webgpu (a SwiftShader adapter when there is no GPU); false disables it. */
export function launchChromium({ webgpu, args = [] }: { webgpu: boolean; args?: string[] }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...quietFlags, ...(webgpu ? ['--enable-unsafe-webgpu'] : ['--disable-features=WebGPU']), ...args],
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** The engine's Web Worker (named 'ma-engine' by the client). */
export async function engineWorker(page: Page): Promise<Worker> {
  const isEngine = (worker: Worker) => worker.url().includes('worker');
  const existing = page.workers().find(isEngine);
  if (existing) return existing;
  return page.waitForEvent('worker', { predicate: isEngine, timeout: 30_000 });
}
