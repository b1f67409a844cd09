/**
 * tfjs's Adam with its per-variable update fused into one kernel (kernels/adam.ts) where the backend has it (cpu,
 * wasm). Everything else is tfjs's AdamOptimizer: the same moment variables, names (`${name}/m`, `${name}/v`),
 * slot order, iteration count and getWeights/setWeights, so optimiser state saved by either resumes in the other,
 * and the values are bit for bit the same (test/unit/gnn/fusedAdam.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor, NamedVariableMap } from '@tensorflow/tfjs-core/dist/tensor_types';
import { ADAM_UPDATE } from './kernels/adam';
import { hasFusedKernel, runOurKernel } from './kernels/run';

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** The AdamOptimizer fields this class reads (private in tfjs's typings). */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  incrementIterations(): void;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: NamedVariableMap | NamedTensor[]): void {
    if (!hasFusedKernel(ADAM_UPDATE)) return super.applyGradients(variableGradients);
    const self = this as unknown as AdamInternals;
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients);
    const attrs = { beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon, learningRate: self.learningRate };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        // Slots by position, created for every listed variable even without a gradient, exactly as tfjs does.
        self.accumulatedFirstMoment[i] ??= slot(`${name}/m`, value);
        self.accumulatedSecondMoment[i] ??= slot(`${name}/v`, value);
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = self.accumulatedFirstMoment[i].variable;
        const v = self.accumulatedSecondMoment[i].variable;
        const inputs = { value, gradient, m, v, accBeta1: self.accBeta1, accBeta2: self.accBeta2 };
        const [newValue, newM, newV] = runOurKernel(ADAM_UPDATE, inputs, attrs);
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

function slot(originalName: string, value: tf.Variable): Slot {
  return { originalName, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
}
