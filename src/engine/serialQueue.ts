/**
 * Runs tasks one after another. The engine puts every call that creates or runs tensors through one queue, so the
 * explorer's analyses, a test's forwards and a training never interleave on the backend: each sees only its own
 * tensors (tf.memory() counts stay meaningful) and the GPU works on one thing at a time.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
