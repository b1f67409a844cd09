/**
 * The message-passing primitive every attention layer is written with (docs/METHOD.md §1, STYLE.md):
 * gather to source / destination -> per-edge message -> segment sum by destination -> normalise.
 *
 * Shapes: node tensors [N, H, d], edge tensors [E, H, d]; `src`, `dst` are int32 [E]; a message flows src -> dst.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Row gather and segment sum are each other's adjoint, and their gradients are written that way: tfjs's own
 * gradient of a segment sum clamps and masks negative ids (several extra [E, F] ops), which ids validated at
 * batching never are; its gather gradient adds reshapes. Both showed up in training profiles (TFJS-NOTES.md).
 */
export function gatherRows<T extends tf.Tensor>(rowsTensor: T, indices: tf.Tensor1D): T {
  const rows = rowsTensor.shape[0];
  const op = tf.customGrad((x, idx, save) => {
    (save as tf.GradSaveFunc)([idx as tf.Tensor1D]);
    return {
      value: tf.gather(x as tf.Tensor, idx as tf.Tensor1D),
      gradFunc: (dy, [ids]) => [tf.unsortedSegmentSum(dy as tf.Tensor, ids as tf.Tensor1D, rows), tf.zerosLike(ids)],
    };
  });
  return op(rowsTensor, indices) as T;
}

export function segmentSum<T extends tf.Tensor>(tensor: T, segmentIds: tf.Tensor1D, numSegments: number): T {
  const op = tf.customGrad((x, ids, save) => {
    (save as tf.GradSaveFunc)([ids as tf.Tensor1D]);
    return {
      value: tf.unsortedSegmentSum(x as tf.Tensor, ids as tf.Tensor1D, numSegments),
      gradFunc: (dy, [i]) => [tf.gather(dy as tf.Tensor, i as tf.Tensor1D), tf.zerosLike(i)],
    };
  });
  return op(tensor, segmentIds) as T;
}

/** Rows of a node tensor at the source (or destination) end of every edge: [N, ...] -> [E, ...]. */
export function gatherEdges<T extends tf.Tensor>(nodeTensor: T, endpoint: tf.Tensor1D): T {
  return gatherRows(nodeTensor, endpoint);
}

/** Sums edge rows into their destination nodes: [E, ...] -> [N, ...]; nodes with no in-edge get 0. */
export function aggregateAtNodes<T extends tf.Tensor>(edgeTensor: T, dst: tf.Tensor1D, numNodes: number): T {
  return segmentSum(edgeTensor, dst, numNodes);
}

/**
 * The paper's "softmax" weight (docs/METHOD.md §1): exp(clamp(logit, -5, 5)). Not a true softmax: no max is
 * subtracted, and the clamp is what keeps exp finite.
 */
export function clampedExp(logit: tf.Tensor): tf.Tensor {
  return tf.exp(tf.clipByValue(logit, -5, 5));
}

/**
 * out[i] = sum_{j->i} w_ij * values_ij / (sum_{j->i} w_ij + 1e-6), with w [E, H] and values [E, H, d].
 * Nodes with in-degree 0 get 0.
 */
export function normalisedAggregate(
  weights: tf.Tensor2D,
  values: tf.Tensor3D,
  dst: tf.Tensor1D,
  numNodes: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const w = tf.expandDims(weights, 2) as tf.Tensor3D;
    const numerator = aggregateAtNodes(tf.mul(w, values) as tf.Tensor3D, dst, numNodes);
    const denominator = aggregateAtNodes(w, dst, numNodes);
    return tf.div(numerator, tf.add(denominator, 1e-6));
  });
}
