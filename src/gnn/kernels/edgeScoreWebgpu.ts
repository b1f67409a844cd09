/**
 * The attention's per-dimension edge score (edgeScore.ts) as one WGSL program for the WebGPU backend:
 *
 *   s[e, j] = k[src[e], j] * q[dst[e], j] / scale * p[e, j]
 *
 * one thread per output value, in place of two gathers and three elementwise ops (five dispatches and four
 * intermediate [E, W] buffers). Forward only: on WebGPU the gradient runs as stock ops (fusedAttention.ts).
 * Registered by name for the 'webgpu' backend; the backend's package is only loaded in browsers that have WebGPU.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { EDGE_SCORE } from './edgeScore';

const WORKGROUP = 64;

class EdgeScoreProgram implements WebGPUProgram {
  variableNames = ['queries', 'keys', 'edgeValues', 'sources', 'targets'];
  uniforms = 'width : i32, scale : f32,';
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  shaderKey = 'maEdgeScore';
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(outputShape: number[]) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    const size = outputShape.reduce((a, b) => a * b, 1);
    this.dispatch = [Math.ceil(size / WORKGROUP), 1, 1]; // the backend reshapes it past the per-dimension limit
  }

  getUserCode(): string {
    // The same order of float32 operations as edgeScore.ts: ((k * q) / scale) * p.
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let e = index / uniforms.width;
          let j = index - e * uniforms.width;
          let key = keys[sources[e] * uniforms.width + j];
          let query = queries[targets[e] * uniforms.width + j];
          setOutputAtIndex(index, key * query / uniforms.scale * edgeValues[index]);
        }
      }
    `;
  }
}

export const edgeScoreWebgpuKernel: KernelConfig = {
  kernelName: EDGE_SCORE,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { q, k, p, src, dst } = inputs as Record<string, TensorInfo>;
    const width = src.shape[0] === 0 ? 1 : p.shape.slice(1).reduce((a, b) => a * b, 1);
    const scale = Math.fround((attrs as { scale: number }).scale);
    const program = new EdgeScoreProgram(p.shape);
    const uniforms = [
      { type: 'int32', data: [width] },
      { type: 'float32', data: [scale] },
    ];
    const out = (backend as WebGPUBackend).runWebGPUProgram(program, [q, k, p, src, dst], 'float32', uniforms);
    return [out];
  },
};
