/**
 * GatherV2 for tfjs's wasm backend, for the one case the models use: whole rows (axis 0, batchDims 0). The stock
 * wasm gather took 9-16 ms a call at our sizes (TFJS-NOTES.md); a row copy on the heap views is much cheaper.
 * Other cases go to the kernel that was registered before ours. Out-of-range indices throw instead of giving 0.
 */
import type { GatherV2Attrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function gatherWasmKernel(stock: KernelConfig | undefined): KernelConfig {
  const fallback = stock?.kernelFunc;
  return {
    kernelName: 'GatherV2',
    backendName: 'wasm',
    // The stock kernel binds its wasm function when the backend starts; keep that for the fallback cases.
    setupFunc: stock?.setupFunc,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { x, indices } = inputs as { x: TensorInfo; indices: TensorInfo };
      const { axis, batchDims } = attrs as unknown as GatherV2Attrs;
      const rowsAxis = axis < 0 ? axis + x.shape.length : axis;
      if (rowsAxis !== 0 || (batchDims ?? 0) !== 0 || indices.shape.length !== 1 || !fallback) {
        if (!fallback) throw new Error('GatherV2: no wasm kernel for this case');
        return fallback(args);
      }
      const wasm = backend as BackendWasm;
      const rows = x.shape[0];
      const rowSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
      const ids = wasm.typedArrayFromHeap(indices);
      for (let i = 0; i < ids.length; i++)
        if (!(ids[i] >= 0 && ids[i] < rows))
          throw new Error(`gather: index ${ids[i]} at position ${i} is outside [0, ${rows})`);
      const out = wasm.makeOutput([indices.shape[0], ...x.shape.slice(1)], x.dtype);
      // Take the views after makeOutput, which may grow (and detach) the heap.
      const outValues = wasm.typedArrayFromHeap(out);
      const xValues = wasm.typedArrayFromHeap(x);
      const idValues = wasm.typedArrayFromHeap(indices);
      for (let i = 0; i < idValues.length; i++) {
        const from = idValues[i] * rowSize;
        outValues.set(xValues.subarray(from, from + rowSize), i * rowSize);
      }
      return out;
    },
  };
}
