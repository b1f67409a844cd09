/**
 * Zero or median-replace chosen feature dimensions of chosen edges in a layer's score s [E, D] (docs/DESIGN.md,
 * Ablation). By default the dimensions are the massive ones: |s| > threshold * median_row|s| (numpy median,
 * strict >, as the paper's heatmap code). "median" replaces a value by its edge's median |s| with the value's
 * own sign, so the feature keeps its direction but loses its size.
 */
import * as tf from '@tensorflow/tfjs-core';

export type FeatureAblationMask = (edgeScore: tf.Tensor2D) => tf.Tensor2D;

export interface FeatureAblationSpec {
  mode: 'zero' | 'median';
  /** Layers to ablate (0-based); all layers when omitted. */
  layers?: number[];
  /** Directed edges to ablate; all edges when omitted. */
  edges?: number[];
  /** Feature dimensions to ablate; the massive ones at `threshold` when omitted. */
  dims?: number[];
  threshold?: number;
}

export const DEFAULT_THRESHOLD = 1000;

/** numpy-style row median of x [E, D]: the mean of the two middle values when D is even. */
export function rowMedian(x: tf.Tensor2D): tf.Tensor2D {
  const D = x.shape[1];
  const { values } = tf.topk(x, Math.floor(D / 2) + 1); // descending
  const lastTwo = tf.slice(values, [0, Math.floor(D / 2) - (D % 2 === 0 ? 1 : 0)], [-1, D % 2 === 0 ? 2 : 1]);
  return tf.mean(lastTwo, 1, true) as tf.Tensor2D;
}

/**
 * The mask function for one layer, or undefined when this spec leaves the layer alone. Ablated entries are
 * constants for gradients (gradient dy * (1 - mask)): the mask itself has no gradient (tfjs has none for TopK or
 * Greater), and an ablated feature no longer depends on the input.
 */
export function featureAblationFor(
  spec: FeatureAblationSpec,
  layer: number,
  numEdges: number,
  width: number,
): FeatureAblationMask | undefined {
  if (spec.layers && !spec.layers.includes(layer)) return undefined;
  const ablate = tf.customGrad((input, save) => {
    const s = input as tf.Tensor2D;
    const magnitude = tf.abs(s);
    const median = rowMedian(magnitude);
    const dimMask = spec.dims
      ? tf.tensor2d(oneHotRow(spec.dims, width), [1, width])
      : tf.cast(tf.greater(magnitude, tf.mul(median, spec.threshold ?? DEFAULT_THRESHOLD)), 'float32');
    const edgeMask = spec.edges ? tf.tensor2d(oneHotRow(spec.edges, numEdges), [numEdges, 1]) : tf.scalar(1);
    const mask = tf.mul(dimMask, edgeMask);
    (save as tf.GradSaveFunc)([mask]);
    const replacement = spec.mode === 'zero' ? tf.zerosLike(s) : tf.mul(tf.sign(s), median);
    return {
      value: tf.add(tf.mul(s, tf.sub(1, mask)), tf.mul(replacement, mask)),
      gradFunc: (dy, [saved]) => tf.mul(dy as tf.Tensor, tf.sub(1, saved)),
    };
  });
  return (s) => ablate(s) as tf.Tensor2D;
}

function oneHotRow(indices: number[], length: number): Float32Array {
  const row = new Float32Array(length);
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= length)
      throw new Error(`ablation index ${i} is outside 0..${length - 1}`);
    row[i] = 1;
  }
  return row;
}
