/**
 * Node training's native kernels (src/gnn/kernels/native.ts): builds native/kernels.c with gcc against Debian's
 * libopenblas-dev and Node's headers, once per source version, into node_modules/.cache, and registers its kernels
 * over tfjs's wasm ones: OpenBLAS's matrix products and C versions of the fused BatchNorm and attention kernels.
 * Opt-in (`train --native`): without gcc or OpenBLAS it says why and the wasm kernels stay. OpenBLAS runs one thread
 * here (OPENBLAS_NUM_THREADS=1 unless set): the campaign runs two trainings side by side, one per core.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { registerProjectKernels } from '../gnn/kernels';
import { markNativeKernels, nativeKernels, type NativeAddon } from '../gnn/kernels/native';

const SOURCE = join(import.meta.dirname, '..', '..', 'native', 'kernels.c');
const CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'ma-explorer');
/** -ffp-contract=off: no fused multiply-add, so every operation rounds as its TypeScript twin's does. */
const CFLAGS = ['-O3', '-march=native', '-ffp-contract=off', '-shared', '-fPIC', '-I/usr/include/node'];

/** The addon, built if needed; throws with the compiler's message when it cannot be built. */
export function loadNativeAddon(): NativeAddon {
  const source = readFileSync(SOURCE);
  const hash = createHash('sha256').update(source).update(CFLAGS.join(' ')).digest('hex').slice(0, 12);
  const addon = join(CACHE, `kernels-${hash}.node`);
  if (!existsSync(addon)) {
    mkdirSync(CACHE, { recursive: true });
    const building = `${addon}.${process.pid}.tmp`;
    try {
      execFileSync('gcc', [...CFLAGS, SOURCE, '-o', building, '-lopenblas', '-lm'], { stdio: 'pipe' });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`could not build ${SOURCE}: ${stderr || String(error)}`);
    }
    renameSync(building, addon);
  }
  process.env.OPENBLAS_NUM_THREADS ??= '1';
  return createRequire(import.meta.url)(addon) as NativeAddon;
}

/** Registers the native kernels over the wasm backend's; returns null, or why it could not. */
export function useNativeKernels(): string | null {
  let addon: NativeAddon;
  try {
    addon = loadNativeAddon();
  } catch (error) {
    return (error as Error).message;
  }
  registerProjectKernels();
  const stock = Object.fromEntries(
    ['BatchMatMul', '_FusedMatMul', 'Sum'].map((name) => [name, getKernel(name, 'wasm')]),
  );
  for (const kernel of nativeKernels(addon, stock)) {
    unregisterKernel(kernel.kernelName, kernel.backendName);
    registerKernel(kernel);
  }
  markNativeKernels();
  return null;
}
