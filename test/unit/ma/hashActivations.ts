/**
 * TypeScript twin of the hash generator in scripts/fixtures/make_ma_fixtures.py: integer hashing and exact float
 * sums only, so both produce bit-identical float32 matrices and the 50 000 x 64 fixtures need no storage.
 */
import type { EdgeActivations } from '../../../src/ma';

const MASSIVE_DIMS = [3, 17, 42, 5];
const MASSIVE_FACTORS = [1e3, 2e3, 5e3, 1e4, 3e4, 1e5];

/** Chris Wellons' lowbias32 integer hash. */
export function lowbias32(key: number): number {
  let x = key >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function uniform(key: number, seed: number): number {
  return lowbias32((key >>> 0) ^ seed) / 2 ** 32;
}

export function hashActivations(
  numEdges: number,
  dim: number,
  seed: number,
  massiveRate = 0,
  specials = false,
): EdgeActivations {
  const x = new Float64Array(numEdges * dim);
  for (let i = 0; i < numEdges * dim; i++) {
    let z = 0;
    for (let j = 0; j < 12; j++) z += uniform(i * 12 + j, seed);
    x[i] = (z - 6) * (0.25 + ((i % dim) % 8) / 8);
  }
  for (let e = 0; e < numEdges; e++) {
    if (massiveRate > 0 && uniform(e + 0x40000000, seed) < massiveRate) {
      const h = lowbias32((e + 0x50000000) ^ seed);
      x[e * dim + (MASSIVE_DIMS[h % 4] % dim)] *= MASSIVE_FACTORS[Math.floor(h / 4) % 6];
    }
    if (!specials) continue;
    const row = x.subarray(e * dim, (e + 1) * dim);
    if (e % 97 === 5) row.fill(0);
    if (e % 89 === 7) row.fill(0.5);
    if (e % 83 === 3) row.fill(0, 0, Math.floor(dim / 2) + 1);
  }
  return { values: Float32Array.from(x), numEdges, dim };
}

export function hashBondTypes(numEdges: number, seed: number): Int32Array {
  const types = new Int32Array(numEdges);
  for (let e = 0; e < numEdges; e++) {
    const u = uniform(e + 0x60000000, seed);
    types[e] = u < 0.745 ? 1 : u < 0.997 ? 2 : 3;
  }
  return types;
}

/** Sum of the float32 bit patterns mod 2^32, as the fixture script computes it. */
export function checksum(values: Float32Array): number {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let sum = 0;
  for (let i = 0; i < bits.length; i++) sum = (sum + bits[i]) % 2 ** 32;
  return sum;
}
