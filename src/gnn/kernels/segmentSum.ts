/**
 * The O(E*F) unsorted segment sum shared by our cpu and wasm kernels.
 *
 * out[ids[e], f] += x[e, f] for every row e. tfjs's own cpu kernel loops over every segment for every row
 * (numSegments x E x F), and the wasm backend has none, so we register this loop for both (TFJS-NOTES.md).
 */
import type { DataType, TypedArray } from '@tensorflow/tfjs-core';

export class SegmentIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SegmentIdError';
  }
}

/** Output shape of UnsortedSegmentSum: [numSegments, ...x.shape after the ids' dimensions]. */
export function segmentSumShape(xShape: number[], idsShape: number[], numSegments: number): number[] {
  const prefix = xShape.slice(0, idsShape.length);
  if (prefix.length !== idsShape.length || prefix.some((size, i) => size !== idsShape[i])) {
    throw new SegmentIdError(
      `unsortedSegmentSum: segment ids of shape [${idsShape.join(', ')}] must match the leading ` +
        `dimensions of x, whose shape is [${xShape.join(', ')}]`,
    );
  }
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new SegmentIdError(`unsortedSegmentSum: numSegments must be a non-negative integer, got ${numSegments}`);
  }
  return [numSegments, ...xShape.slice(idsShape.length)];
}

/** Throws a SegmentIdError naming the first id outside [0, numSegments). */
export function validateSegmentIds(ids: ArrayLike<number>, numSegments: number): void {
  for (let e = 0; e < ids.length; e++) {
    const id = ids[e];
    if (!(id >= 0 && id < numSegments)) {
      throw new SegmentIdError(
        `unsortedSegmentSum: segment id ${id} at position ${e} is outside [0, ${numSegments}); ` +
          'every id must name one of the output segments',
      );
    }
  }
}

/** Accumulates rows of x (each `rowSize` long) into `out` by segment id; `out` must start zeroed. */
export function accumulateSegments(
  x: ArrayLike<number>,
  ids: ArrayLike<number>,
  rowSize: number,
  out: TypedArray,
): void {
  for (let e = 0; e < ids.length; e++) {
    const inOffset = e * rowSize;
    const outOffset = ids[e] * rowSize;
    for (let f = 0; f < rowSize; f++) out[outOffset + f] += x[inOffset + f];
  }
}

export function allocate(dtype: DataType, size: number): TypedArray {
  if (dtype === 'float32') return new Float32Array(size);
  if (dtype === 'int32') return new Int32Array(size);
  throw new SegmentIdError(`unsortedSegmentSum: dtype ${dtype} is not supported (float32 or int32)`);
}
