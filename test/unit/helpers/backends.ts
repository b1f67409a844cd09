/** Makes cpu and wasm available in one Node process so each numerics test can run on both. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { prepareTfjs } from '../../../src/gnn/setup';
import { nodeWasmDir } from '../../../src/engine/node';

export const NODE_BACKENDS = ['cpu', 'wasm'] as const;

let prepared = false;

export async function useBackend(name: (typeof NODE_BACKENDS)[number]): Promise<void> {
  if (!prepared) {
    setWasmPaths(nodeWasmDir());
    prepareTfjs();
    prepared = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to start`);
  await tf.ready();
}

/** Seeded uniform numbers in [lo, hi) (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): (lo?: number, hi?: number) => number {
  let a = seed >>> 0;
  return (lo = 0, hi = 1) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return lo + (((t ^ (t >>> 14)) >>> 0) / 4294967296) * (hi - lo);
  };
}
