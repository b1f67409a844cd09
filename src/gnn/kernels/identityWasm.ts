/**
 * Identity for tfjs's wasm backend without a copy: the output shares the input's buffer (reference counted), as
 * the cpu backend's Identity and the wasm backend's own Reshape already do. tfjs clones every tensor a gradient
 * saves, so the stock kernel's copy ran for each saved activation of a training step (TFJS-NOTES.md, issue 17).
 * Safe because no kernel writes into its inputs.
 */
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function identityWasmKernel(stock: KernelConfig | undefined): KernelConfig {
  return {
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (x.dtype === 'string') {
        if (!stock) throw new Error('Identity: no wasm kernel for strings');
        return stock.kernelFunc(args);
      }
      (args.backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
}
