/**
 * Data-parallel training's one communication primitive: a sum over the ranks (threads) of a training step, each
 * holding part of the batch. The training BatchNorm kernels sum their column statistics through it (so every rank
 * normalises with the whole batch's mean and variance, as one thread would), and the step sums the gradients.
 *
 * Ranks share memory (a SharedArrayBuffer): rank r writes its values to slot r, all wait at a barrier, each sums the
 * slots in rank order (so every rank gets the same bits), and all wait again before a slot is reused. The calls
 * block (Atomics.wait), so every rank must make the same calls in the same order: they run the same model code on
 * their share of the batch.
 */

export interface Collective {
  rank: number;
  size: number;
  /** Replaces `values` (the same length on every rank) with its sum over the ranks. */
  allReduceSum(values: Float64Array): void;
}

/** Rank 0's `values` on every rank (the others' are overwritten). */
export function broadcastFromRankZero(collective: Collective, values: Float64Array): void {
  if (collective.rank !== 0) values.fill(0);
  collective.allReduceSum(values);
}

let active: Collective | null = null;

/** The collective the training kernels use in this thread; null (the default) for single-thread training. */
export function activeCollective(): Collective | null {
  return active;
}

export function setActiveCollective(collective: Collective | null): void {
  active = collective;
}

/**
 * A rank that waits this long at a barrier gives up: another rank failed (or never started). Long, because in
 * training the other ranks wait for rank 0's validation, MA scan and checkpoint between epochs.
 */
const BARRIER_TIMEOUT_MS = 600_000;

/** Checks of the barrier before a rank sleeps on it. */
const SPIN_CHECKS = 20_000;

/** Float64 values per rank's slot: room for the gradients of the largest shipped models and then some. */
export const DEFAULT_SLOT_VALUES = 4 << 20;

/** The shared memory of a collective of `size` ranks: a barrier and one slot per rank. */
export function collectiveBuffer(size: number, slotValues = DEFAULT_SLOT_VALUES): SharedArrayBuffer {
  return new SharedArrayBuffer(16 + size * slotValues * 8);
}

/** The collective of one rank over a buffer from collectiveBuffer (passed to every rank's thread). */
export function sharedCollective(buffer: SharedArrayBuffer, rank: number, size: number): Collective {
  const control = new Int32Array(buffer, 0, 4); // [arrived, generation]
  const slotValues = (buffer.byteLength - 16) / 8 / size;
  const slots = Array.from({ length: size }, (_, r) => new Float64Array(buffer, 16 + r * slotValues * 8, slotValues));
  if (!(Number.isInteger(rank) && rank >= 0 && rank < size)) throw new RangeError(`rank ${rank} of ${size}`);

  const barrier = () => {
    const generation = Atomics.load(control, 1);
    if (Atomics.add(control, 0, 1) === size - 1) {
      Atomics.store(control, 0, 0);
      Atomics.add(control, 1, 1);
      Atomics.notify(control, 1);
    } else {
      // The others usually arrive within microseconds: spin a little before sleeping (a wake-up costs far more).
      for (let spin = 0; spin < SPIN_CHECKS && Atomics.load(control, 1) === generation; spin++);
      while (Atomics.load(control, 1) === generation)
        if (Atomics.wait(control, 1, generation, BARRIER_TIMEOUT_MS) === 'timed-out')
          throw new Error(
            `rank ${rank}: the other ranks did not reach the barrier within ${BARRIER_TIMEOUT_MS / 1000} s`,
          );
    }
  };

  return {
    rank,
    size,
    allReduceSum(values) {
      if (values.length > slotValues) throw new RangeError(`${values.length} values exceed the slot (${slotValues})`);
      if (size === 1) return;
      slots[rank].set(values);
      barrier();
      values.fill(0);
      for (const slot of slots) for (let i = 0; i < values.length; i++) values[i] += slot[i];
      barrier();
    },
  };
}
