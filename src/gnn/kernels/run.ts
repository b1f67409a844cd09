import * as tf from '@tensorflow/tfjs-core';

/** Runs one of our typed-array kernels (typedKernel.ts); they all return a list of outputs. */
export const runOurKernel = (name: string, inputs: tf.NamedTensorMap, attrs: Record<string, number> = {}) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];

let stockFor: (name: string) => boolean = () => false;

/**
 * Tests and benchmarks compare the fused kernels with the stock ops in one process: true makes the models use stock
 * ops everywhere, a list of kernel names only for those.
 */
export function useStockOps(stock: boolean | string[]): void {
  stockFor = Array.isArray(stock) ? (name) => stock.includes(name) : () => stock;
}

/** True when the active backend has this fused kernel (cpu and wasm) and the stock ops are not forced. */
export function hasFusedKernel(name: string): boolean {
  return !stockFor(name) && tf.getKernel(name, tf.getBackend()) !== undefined;
}
