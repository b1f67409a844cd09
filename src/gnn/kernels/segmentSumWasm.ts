/**
 * UnsortedSegmentSum for tfjs's wasm backend, which has none (so tf.gather's gradient throws there).
 * A JS loop over the wasm heap views: no copies in or out.
 */
import type { KernelConfig, TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { accumulateSegments, segmentSumShape, validateSegmentIds } from './segmentSum';

export const segmentSumWasmKernel: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
    const wasm = backend as BackendWasm;
    const shape = segmentSumShape(x.shape, segmentIds.shape, numSegments);
    const ids = wasm.typedArrayFromHeap(segmentIds);
    validateSegmentIds(ids, numSegments);
    const out = wasm.makeOutput(shape, x.dtype);
    // typedArrayFromHeap returns views; take them after makeOutput, which may grow (and detach) the heap.
    const outValues = wasm.typedArrayFromHeap(out);
    const xValues = wasm.typedArrayFromHeap(x);
    const idValues = wasm.typedArrayFromHeap(segmentIds);
    outValues.fill(0);
    const rowSize = idValues.length === 0 ? 0 : xValues.length / idValues.length;
    accumulateSegments(xValues, idValues, rowSize, outValues);
    return out;
  },
};
