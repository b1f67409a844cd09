/** UnsortedSegmentSum for tfjs's cpu backend, replacing its numSegments x E x F kernel. */
import type { KernelConfig, TensorInfo, TypedArray, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { accumulateSegments, allocate, segmentSumShape, validateSegmentIds } from './segmentSum';

export const segmentSumCpuKernel: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
    const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
    const cpu = backend as MathBackendCPU;
    const shape = segmentSumShape(x.shape, segmentIds.shape, numSegments);
    const ids = cpu.data.get(segmentIds.dataId).values as TypedArray;
    const xValues = cpu.data.get(x.dataId).values as TypedArray;
    validateSegmentIds(ids, numSegments);
    const rowSize = ids.length === 0 ? 0 : xValues.length / ids.length;
    const out = allocate(
      x.dtype,
      shape.reduce((a, b) => a * b, 1),
    );
    accumulateSegments(xValues, ids, rowSize, out);
    return cpu.makeTensorInfo(shape, x.dtype, out) as TensorInfo;
  },
};
