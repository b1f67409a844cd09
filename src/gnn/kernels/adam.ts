/**
 * One Adam update of one variable, fused: the thirteen elementwise ops of tfjs's AdamOptimizer.applyGradients in
 * one pass, each rounded to float32 in the same order (Math.fround), so the result is bit for bit tfjs's:
 *
 *   m' = m b1 + g (1 - b1);   v' = v b2 + g^2 (1 - b2)
 *   x' = x + (m' / (1 - b1^t)) / (sqrt(v' / (1 - b2^t)) + eps) * (-lr)
 *
 * Hand-written because a training step ran those ops for each of the ~240 variables: ~3000 tiny kernel calls whose
 * dispatch cost more than their arithmetic (issue 17's profile).
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { TypedKernel } from './typedKernel';

export const ADAM_UPDATE = 'MaAdamUpdate';

const f32 = Math.fround;

/** Inputs value, gradient, m, v, and the scalars accBeta1, accBeta2 (b^t); outputs value', m', v'. */
export const adamUpdateKernel: TypedKernel = {
  kernelName: ADAM_UPDATE,
  outputs: ({ value }: Record<string, TensorInfo>) => [0, 1, 2].map(() => ({ shape: value.shape, dtype: 'float32' })),
  compute: ({ value, gradient, m, v, accBeta1, accBeta2 }, [newValue, newM, newV], attrs) => {
    const [beta1, beta2] = [f32(attrs.beta1 as number), f32(attrs.beta2 as number)];
    // tfjs forms 1 - beta in float64 and rounds it once, as a scalar tensor.
    const [oneMinusBeta1, oneMinusBeta2] = [f32(1 - (attrs.beta1 as number)), f32(1 - (attrs.beta2 as number))];
    const [epsilon, negLr] = [f32(attrs.epsilon as number), f32(-(attrs.learningRate as number))];
    const correction1 = f32(1 - accBeta1[0]);
    const correction2 = f32(1 - accBeta2[0]);
    for (let i = 0; i < value.length; i++) {
      const g = gradient[i];
      const m1 = f32(f32(m[i] * beta1) + f32(g * oneMinusBeta1));
      const v1 = f32(f32(v[i] * beta2) + f32(f32(g * g) * oneMinusBeta2));
      newM[i] = m1;
      newV[i] = v1;
      const step = f32(f32(m1 / correction1) / f32(f32(Math.sqrt(f32(v1 / correction2))) + epsilon));
      newValue[i] = f32(step * negLr) + value[i];
    }
  },
};
