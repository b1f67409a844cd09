import * as tf from '@tensorflow/tfjs-core';

/** Runs one of our typed-array kernels (typedKernel.ts); they all return a list of outputs. */
export const runOurKernel = (name: string, inputs: tf.NamedTensorMap, attrs: Record<string, number> = {}) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];

let forceStock = false;

/** Tests compare the fused kernels with the stock ops in one process: true makes the models use stock ops. */
export function useStockOps(stock: boolean): void {
  forceStock = stock;
}

/** True when the active backend has this fused kernel (cpu and wasm) and the stock ops are not forced. */
export function hasFusedKernel(name: string): boolean {
  return !forceStock && tf.getKernel(name, tf.getBackend()) !== undefined;
}
