/**
 * Matrix products on tfjs's wasm backend through a native BLAS: Node only, given an `sgemm` (src/cli/nativeKernels.ts
 * builds one on OpenBLAS). The operands are views into the wasm heap, so nothing is copied. tfjs's wasm kernel runs
 * 18-29 GFLOP/s at a training step's shapes, OpenBLAS on one thread 84-93 (scripts/bench/nativeMatMul.ts). Only
 * float32 products of two matrices (rank 2, or rank 3 with a batch of one) with an optional [n] bias and a linear or
 * ReLU activation take this path; everything else goes to the stock kernel. Results differ from the stock kernel's at float32 rounding (another summation
 * order).
 */
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** c = op(a) . op(b), row-major, m x k times k x n; then c += bias per column, and max(c, 0) when relu is 1. */
export type Sgemm = (
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeA: number,
  transposeB: number,
  bias?: Float32Array | null,
  relu?: number,
) => void;

interface MatMulInputs {
  a: TensorInfo;
  b: TensorInfo;
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
}

/** BatchMatMul and _FusedMatMul for the wasm backend, falling back to the stock kernels given. */
export function blasMatMulKernels(sgemm: Sgemm, stock: Record<string, KernelConfig | undefined>): KernelConfig[] {
  return ['BatchMatMul', '_FusedMatMul'].map((kernelName) => {
    const fallback = stock[kernelName];
    if (!fallback) throw new Error(`no stock wasm kernel ${kernelName} to fall back to`);
    return {
      kernelName,
      backendName: 'wasm',
      setupFunc: fallback.setupFunc,
      kernelFunc: (args) => {
        const out = blasMatMul(
          args.inputs as unknown as MatMulInputs,
          args.attrs ?? {},
          args.backend as BackendWasm,
          sgemm,
        );
        return out ?? fallback.kernelFunc(args);
      },
    };
  });
}

function blasMatMul(inputs: MatMulInputs, attrs: NamedAttrMap, backend: BackendWasm, sgemm: Sgemm): TensorInfo | null {
  const { a, b, bias, preluActivationWeights } = inputs;
  const transposeA = Boolean(attrs.transposeA);
  const transposeB = Boolean(attrs.transposeB);
  const activation = (attrs.activation as string | undefined) ?? 'linear';
  // tf.fused.matMul hands its operands over as [1, rows, cols]: a batch of one is a matrix.
  const matrix = (x: TensorInfo) => (x.shape.length === 3 && x.shape[0] === 1 ? x.shape.slice(1) : x.shape);
  const [aShape, bShape] = [matrix(a), matrix(b)];
  if (aShape.length !== 2 || bShape.length !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  if (preluActivationWeights || (activation !== 'linear' && activation !== 'relu')) return null;
  const [m, k] = transposeA ? [aShape[1], aShape[0]] : [aShape[0], aShape[1]];
  const n = transposeB ? bShape[0] : bShape[1];
  if (m === 0 || n === 0 || k === 0) return null;
  if (bias && !(bias.dtype === 'float32' && bias.shape.length === 1 && bias.shape[0] === n)) return null;
  const out = backend.makeOutput(a.shape.length === 3 ? [1, m, n] : [m, n], 'float32');
  // Take the views after makeOutput, which may grow (and detach) the heap.
  const c = backend.typedArrayFromHeap(out) as Float32Array;
  const biasValues = bias ? (backend.typedArrayFromHeap(bias) as Float32Array) : null;
  const [aValues, bValues] = [a, b].map((x) => backend.typedArrayFromHeap(x) as Float32Array);
  sgemm(
    aValues,
    bValues,
    c,
    m,
    k,
    n,
    Number(transposeA),
    Number(transposeB),
    biasValues,
    Number(activation === 'relu'),
  );
  return out;
}
