/** Our own kernels, one file per kernel per backend, registered over (or in place of) tfjs's. */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { segmentSumCpuKernel } from './segmentSumCpu';
import { segmentSumWasmKernel } from './segmentSumWasm';

export const projectKernels: readonly KernelConfig[] = [segmentSumCpuKernel, segmentSumWasmKernel];

export function registerProjectKernels(): void {
  for (const kernel of projectKernels) {
    const existing = getKernel(kernel.kernelName, kernel.backendName);
    if (existing?.kernelFunc === kernel.kernelFunc) continue;
    // Replace tfjs's own kernel (cpu) without its "already registered" warning.
    if (existing) unregisterKernel(kernel.kernelName, kernel.backendName);
    registerKernel(kernel);
  }
}
