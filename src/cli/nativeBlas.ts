/**
 * Node training's matrix products through OpenBLAS (src/gnn/kernels/matMulBlas.ts): builds native/sgemm.c with gcc
 * against Debian's libopenblas-dev and Node's headers, once per source version, into node_modules/.cache, and
 * registers the kernels over tfjs's wasm ones. Opt-in (`train --native-blas`): without gcc or OpenBLAS it says why
 * and tfjs's kernels stay. OpenBLAS runs one thread here (OPENBLAS_NUM_THREADS=1 unless set): the campaign runs two
 * trainings side by side, one per core.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { blasMatMulKernels, type Sgemm } from '../gnn/kernels/matMulBlas';

const SOURCE = join(import.meta.dirname, '..', '..', 'native', 'sgemm.c');
const CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'ma-explorer');

/** The addon's sgemm, built if needed; throws with the compiler's message when it cannot be built. */
export function loadSgemm(): Sgemm {
  const source = readFileSync(SOURCE);
  const addon = join(CACHE, `sgemm-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.node`);
  if (!existsSync(addon)) {
    mkdirSync(CACHE, { recursive: true });
    const building = `${addon}.${process.pid}.tmp`;
    try {
      execFileSync('gcc', ['-O2', '-shared', '-fPIC', '-I/usr/include/node', SOURCE, '-o', building, '-lopenblas'], {
        stdio: 'pipe',
      });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`could not build ${SOURCE}: ${stderr || String(error)}`);
    }
    renameSync(building, addon);
  }
  process.env.OPENBLAS_NUM_THREADS ??= '1';
  return (createRequire(import.meta.url)(addon) as { sgemm: Sgemm }).sgemm;
}

/** Registers the OpenBLAS matrix products over the wasm backend's; returns null, or why it could not. */
export function useNativeBlas(): string | null {
  let sgemm: Sgemm;
  try {
    sgemm = loadSgemm();
  } catch (error) {
    return (error as Error).message;
  }
  const stock = { BatchMatMul: getKernel('BatchMatMul', 'wasm'), _FusedMatMul: getKernel('_FusedMatMul', 'wasm') };
  for (const kernel of blasMatMulKernels(sgemm, stock)) {
    unregisterKernel(kernel.kernelName, kernel.backendName);
    registerKernel(kernel);
  }
  return null;
}
