/**
 * Builds the app once and serves it with vite preview (the same server `npm start` uses) for all e2e tests.
 * E2E_OUT_DIR (default dist) lets two e2e runs on one machine build into separate folders.
 */
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const outDir = process.env.E2E_OUT_DIR ?? 'dist';
  await build({ logLevel: 'warn', build: { outDir } });
  const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
