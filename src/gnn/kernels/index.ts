/** Our own kernels, one file per kernel per backend, registered over (or in place of) tfjs's. */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { adamUpdateKernel } from './adam';
import { attendNodesGradKernel, attendNodesKernel } from './attendNodes';
import { attentionWeightsKernel } from './attentionWeights';
import { batchNormTrainGradKernel, batchNormTrainKernel } from './batchNorm';
import { edgeScoreGradKernel, edgeScoreKernel } from './edgeScore';
import { edgeScoreWebgpuKernel } from './edgeScoreWebgpu';
import { gatherWasmKernel } from './gatherWasm';
import { identityWasmKernel } from './identityWasm';
import { segmentSumCpuKernel } from './segmentSumCpu';
import { segmentSumWasmKernel } from './segmentSumWasm';
import { cpuKernel, wasmKernel } from './typedKernel';

/** The attention's fused kernels, the same typed-array code on cpu and wasm (not on WebGPU). */
const FUSED = [
  edgeScoreKernel,
  edgeScoreGradKernel,
  attendNodesKernel,
  attendNodesGradKernel,
  attentionWeightsKernel,
  batchNormTrainKernel,
  batchNormTrainGradKernel,
  adamUpdateKernel,
];

const ourKernels = new Set<KernelConfig['kernelFunc']>();

function register(kernel: KernelConfig): void {
  const existing = getKernel(kernel.kernelName, kernel.backendName);
  // Replace tfjs's own kernel without its "already registered" warning.
  if (existing) unregisterKernel(kernel.kernelName, kernel.backendName);
  registerKernel(kernel);
  ourKernels.add(kernel.kernelFunc);
}

let registered = false;

export function registerProjectKernels(): void {
  if (registered) return;
  registered = true;
  register(segmentSumCpuKernel);
  register(segmentSumWasmKernel);
  // The wasm backend registers its kernels when its module loads, which happens before this runs (setup.ts).
  register(gatherWasmKernel(getKernel('GatherV2', 'wasm')));
  register(identityWasmKernel(getKernel('Identity', 'wasm')));
  register(edgeScoreWebgpuKernel);
  for (const kernel of FUSED) {
    register(cpuKernel(kernel));
    register(wasmKernel(kernel));
  }
}

/** True when the kernel registered for (name, backend) is one of ours. */
export function isProjectKernel(kernelName: string, backendName: string): boolean {
  const kernel = getKernel(kernelName, backendName);
  return kernel !== undefined && ourKernels.has(kernel.kernelFunc);
}
