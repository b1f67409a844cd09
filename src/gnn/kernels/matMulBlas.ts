/**
 * Matrix products on tfjs's wasm backend through a native BLAS: Node only, given an `sgemm` (src/cli/nativeBlas.ts
 * builds one on OpenBLAS). The operands are views into the wasm heap, so nothing is copied. tfjs's wasm kernel runs
 * 18-29 GFLOP/s at a training step's shapes, OpenBLAS on one thread 84-93 (scripts/bench/nativeMatMul.ts). Only
 * rank-2 float32 products with an optional [n] bias and a linear or ReLU activation take this path; everything
 * else goes to the stock kernel. Results differ from the stock kernel's at float32 rounding (another summation
 * order).
 */
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** c = op(a) . op(b), row-major, m x k times k x n. */
export type Sgemm = (
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
  transposeA: number,
  transposeB: number,
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
  if (a.shape.length !== 2 || b.shape.length !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  if (preluActivationWeights || (activation !== 'linear' && activation !== 'relu')) return null;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const n = transposeB ? b.shape[0] : b.shape[1];
  if (m === 0 || n === 0 || k === 0) return null;
  if (bias && !(bias.dtype === 'float32' && bias.shape.length === 1 && bias.shape[0] === n)) return null;
  const out = backend.makeOutput([m, n], 'float32');
  // Take the views after makeOutput, which may grow (and detach) the heap.
  const c = backend.typedArrayFromHeap(out) as Float32Array;
  sgemm(
    backend.typedArrayFromHeap(a) as Float32Array,
    backend.typedArrayFromHeap(b) as Float32Array,
    c,
    m,
    k,
    n,
    Number(transposeA),
    Number(transposeB),
  );
  if (bias || activation === 'relu') {
    const add = bias ? (backend.typedArrayFromHeap(bias) as Float32Array) : null;
    const relu = activation === 'relu';
    for (let row = 0, at = 0; row < m; row++)
      for (let col = 0; col < n; col++, at++) {
        const v = add ? c[at] + add[col] : c[at];
        c[at] = relu && v < 0 ? 0 : v;
      }
  }
  return out;
}
