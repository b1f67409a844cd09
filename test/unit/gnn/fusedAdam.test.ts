/**
 * The fused Adam update against tfjs's own AdamOptimizer on cpu and wasm: the same variables and gradients give
 * bit-identical values and moments over several steps (with a learning-rate change and a variable that gets no
 * gradient, whose slot still takes its position), and optimiser state moves between the two both ways.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdamOptimizer } from '../../../src/gnn/fusedAdam';
import { createOptimizer } from '../../../src/gnn/train';
import { NODE_BACKENDS, seededRandom, useBackend } from '../helpers/backends';

const SHAPES = [[5, 3], [7], [2, 2], [64, 16]];

let created = 0;

/** The same seeded starting values under fresh names. */
function variables(): tf.Variable[] {
  const random = seededRandom(5);
  const prefix = `v${created++}`;
  return SHAPES.map((shape, i) =>
    tf.tidy(() => {
      const size = shape.reduce((a, b) => a * b, 1);
      const init = tf.tensor(
        Array.from({ length: size }, () => random(-1, 1)),
        shape,
      );
      return tf.variable(init, true, `${prefix}.${i}`);
    }),
  );
}

/** Seeded gradients for step `step`; variable 1 gets none (as the last GT layer's edge stream). */
function gradients(vars: tf.Variable[], step: number): Record<string, tf.Tensor> {
  const random = seededRandom(100 + step);
  const grads: Record<string, tf.Tensor> = {};
  vars.forEach((v, i) => {
    if (i !== 1)
      grads[v.name] = tf.tensor(
        Array.from({ length: v.size }, () => random(-3, 3) ** 3),
        v.shape,
      );
  });
  // Keep the variable without a gradient in the middle of the listing, as minimize's map would.
  return Object.fromEntries(vars.map((v) => [v.name, grads[v.name] ?? null]).filter(([, g]) => g !== null));
}

async function train(optimizer: tf.Optimizer, vars: tf.Variable[], steps: number[]) {
  for (const step of steps) {
    if (step === 3) (optimizer as unknown as { learningRate: number }).learningRate = 3e-4;
    const grads = gradients(vars, step);
    // tfjs lists every variable minimize was given; one without a gradient still gets a slot.
    optimizer.applyGradients(
      Object.fromEntries(vars.map((v) => [v.name, grads[v.name]])) as unknown as tf.NamedTensorMap,
    );
    tf.dispose(Object.values(grads));
  }
}

async function state(optimizer: tf.Optimizer, vars: tf.Variable[]) {
  const weights = await optimizer.getWeights();
  const result = {
    names: weights.map((w) => w.name.replace(/^v\d+\./, '')),
    values: [...vars.map((v) => v.dataSync()), ...weights.map((w) => w.tensor.dataSync())].map((a) => Array.from(a)),
  };
  weights[0].tensor.dispose(); // the iteration count, a new scalar each call
  return result;
}

describe.each(NODE_BACKENDS)('fused Adam on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('is what training uses', () => {
    const optimizer = createOptimizer(1e-3);
    expect(optimizer).toBeInstanceOf(FusedAdamOptimizer);
    optimizer.dispose();
  });

  it('gives tfjs Adam’s values and moments bit for bit, and runs its own kernel', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const [stockVars, fusedVars] = [variables(), variables()];
    const start = Array.from(stockVars[0].dataSync());
    const stock = tf.train.adam(7e-4);
    const fused = new FusedAdamOptimizer(7e-4, 0.9, 0.999);
    await train(stock, stockVars, [0, 1, 2, 3, 4]);
    const profile = await tf.profile(() => train(fused, fusedVars, [0, 1, 2, 3, 4]));
    expect(profile.kernels.map((k) => k.name)).toContain('MaAdamUpdate');
    const [want, got] = [await state(stock, stockVars), await state(fused, fusedVars)];
    expect(got.names).toEqual(want.names);
    expect(got.values).toEqual(want.values);
    expect(want.values[0]).not.toEqual(start); // it did move
    stock.dispose();
    fused.dispose();
    tf.dispose([...stockVars, ...fusedVars]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('resumes from tfjs Adam’s saved state as tfjs Adam does, and the other way round', async () => {
    const copy = async (o: tf.Optimizer) =>
      (await o.getWeights()).map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) }));
    const resume = async (o: tf.Optimizer, saved: { name: string; tensor: tf.Tensor }[]) => {
      await o.setWeights(saved);
      return o;
    };
    const first = tf.train.adam(7e-4);
    const firstVars = variables();
    await train(first, firstVars, [0, 1]);
    const fromStock = await copy(first);
    const [stockVars, fusedVars] = [variables(), variables()];
    stockVars.forEach((v, i) => v.assign(firstVars[i]));
    fusedVars.forEach((v, i) => v.assign(firstVars[i]));
    const stock = await resume(tf.train.adam(7e-4), fromStock);
    const fused = await resume(new FusedAdamOptimizer(7e-4, 0.9, 0.999), await copy(first));
    await train(stock, stockVars, [2, 3]);
    await train(fused, fusedVars, [2, 3]);
    expect((await state(fused, fusedVars)).values).toEqual((await state(stock, stockVars)).values);
    // and a state saved by the fused optimiser resumes in tfjs's Adam as in the fused one
    const fromFused = await copy(fused);
    const stock2 = await resume(tf.train.adam(3e-4), fromFused);
    const fused2 = await resume(new FusedAdamOptimizer(3e-4, 0.9, 0.999), await copy(fused));
    const [stockVars2, fusedVars2] = [variables(), variables()];
    stockVars2.forEach((v, i) => v.assign(fusedVars[i]));
    fusedVars2.forEach((v, i) => v.assign(fusedVars[i]));
    await train(stock2, stockVars2, [4]);
    await train(fused2, fusedVars2, [4]);
    expect((await state(fused2, fusedVars2)).values).toEqual((await state(stock2, stockVars2)).values);
    [first, stock, fused, stock2, fused2].forEach((o) => o.dispose());
    tf.dispose([...firstVars, ...stockVars, ...fusedVars, ...stockVars2, ...fusedVars2]);
  });
});
