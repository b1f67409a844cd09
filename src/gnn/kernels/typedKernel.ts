/**
 * One typed-array computation registered as a tfjs kernel on both cpu and wasm: the fused kernels of the attention
 * (edgeScore.ts, attendNodes.ts) are plain loops over Float32Array / Int32Array views, the same code on both
 * backends. On wasm the views are the heap itself (no copies); outputs are zeroed before `compute` runs.
 */
import type { DataType, KernelConfig, NamedAttrMap, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export interface OutputSpec {
  shape: number[];
  dtype: DataType;
}

export interface TypedKernel {
  kernelName: string;
  outputs(inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): OutputSpec[];
  compute(
    inputs: Record<string, TypedArray>,
    outputs: TypedArray[],
    attrs: NamedAttrMap,
    shapes: Record<string, number[]>,
  ): void;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const shapesOf = (infos: Record<string, TensorInfo>) =>
  Object.fromEntries(Object.entries(infos).map(([name, info]) => [name, info.shape]));

function allocate(dtype: DataType, length: number): TypedArray {
  if (dtype === 'int32') return new Int32Array(length);
  return new Float32Array(length);
}

export function cpuKernel(kernel: TypedKernel): KernelConfig {
  return {
    kernelName: kernel.kernelName,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs = {} }) => {
      const cpu = backend as MathBackendCPU;
      const infos = inputs as Record<string, TensorInfo>;
      const specs = kernel.outputs(infos, attrs);
      const views = Object.fromEntries(
        Object.entries(infos).map(([name, info]) => [name, cpu.data.get(info.dataId).values as TypedArray]),
      );
      const outputs = specs.map((s) => allocate(s.dtype, size(s.shape)));
      kernel.compute(views, outputs, attrs, shapesOf(infos));
      return specs.map((s, i) => cpu.makeTensorInfo(s.shape, s.dtype, outputs[i]));
    },
  };
}

export function wasmKernel(kernel: TypedKernel): KernelConfig {
  return {
    kernelName: kernel.kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs = {} }) => {
      const wasm = backend as BackendWasm;
      const infos = inputs as Record<string, TensorInfo>;
      const specs = kernel.outputs(infos, attrs);
      const outInfos = specs.map((s) => wasm.makeOutput(s.shape, s.dtype));
      // Take the views after every makeOutput, which may grow (and detach) the heap.
      const views = Object.fromEntries(
        Object.entries(infos).map(([name, info]) => [name, wasm.typedArrayFromHeap(info)]),
      );
      const outputs = outInfos.map((info) => wasm.typedArrayFromHeap(info).fill(0));
      kernel.compute(views, outputs, attrs, shapesOf(infos));
      return outInfos;
    },
  };
}
