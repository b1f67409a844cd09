/**
 * PyTorch-default initialisation (docs/METHOD.md §1), so untrained ("base") models have the paper's distributions.
 * Values come out in PyTorch's own shapes; params.ts stores Linear weights transposed ([in, out]).
 */
import type { Random } from './random';

/** nn.Linear weight and bias: U(-1/sqrt(fan_in), +1/sqrt(fan_in)) (kaiming_uniform with a = sqrt(5)). */
export function linearUniform(size: number, fanIn: number, random: Random): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  return Float32Array.from({ length: size }, () => random.uniform(-bound, bound));
}

/** nn.Embedding and the EBT biases (torch.randn): N(0, 1). */
export function standardNormal(size: number, random: Random): Float32Array {
  return Float32Array.from({ length: size }, () => random.normal());
}

/** xavier_uniform_ on a [rows, cols] table (OGB's AtomEncoder / BondEncoder): U(±sqrt(6 / (rows + cols))). */
export function xavierUniform(rows: number, cols: number, random: Random): Float32Array {
  const bound = Math.sqrt(6 / (rows + cols));
  return Float32Array.from({ length: rows * cols }, () => random.uniform(-bound, bound));
}
