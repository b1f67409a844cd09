/**
 * The project's fused kernels and a few tfjs ones, computed by a native addon on tfjs's wasm backend: Node only,
 * given the addon (src/cli/nativeKernels.ts builds native/kernels.c). Each native kernel computes what its
 * TypeScript twin computes (batchNorm.ts, edgeScore.ts, attendNodes.ts, attentionWeights.ts), operation for operation, on views into the
 * wasm heap; the TypeScript kernels stay the reference and the browser's path. With OpenBLAS's products the
 * gradients of ops.ts pass transpose flags to the product instead of transposing (`nativeKernelsActive`).
 */
import type { KernelConfig, NamedAttrMap, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { attendNodesGradKernel, attendNodesKernel } from './attendNodes';
import { attentionWeightsKernel } from './attentionWeights';
import { batchNormKernels, type BatchNormPasses } from './batchNorm';
import { edgeScoreGradKernel, edgeScoreKernel } from './edgeScore';
import { blasMatMulKernels, type Sgemm } from './matMulBlas';
import { wasmKernel, type TypedKernel } from './typedKernel';

type F32 = Float32Array;
type F64 = Float64Array;
type I32 = Int32Array;
type Maybe = F32 | null;

/** native/kernels.c's exports; argument order as there. */
export interface NativeAddon {
  sgemm: Sgemm;
  columnSum(x: F32, out: F32, rows: number, cols: number): void;
  bnColumnSums(x: F32, acc: F64, R: number, C: number): void;
  bnCenteredSquareSums(x: F32, mu: F64, acc: F64, R: number, C: number): void;
  bnNormalize(x: F32, mu: F64, scale: F64, shift: F64, y: F32, R: number, C: number): void;
  bnGradientSums(dy: F32, x: F32, mu: F64, rstd: F64, sumDy: F64, sumDyXhat: F64, R: number, C: number): void;
  bnInputGradient(
    dy: F32,
    x: F32,
    mu: F64,
    k: F64,
    slope: F64,
    sumDy: F64,
    total: number,
    dx: F32,
    R: number,
    C: number,
  ): void;
  edgeScore(q: F32, k: F32, p: F32, src: I32, dst: I32, s: F32, E: number, width: number, scale: number): void;
  edgeScoreGrad(
    ds: F32,
    q: F32,
    k: F32,
    p: F32,
    src: I32,
    dst: I32,
    dq: F32,
    dk: F32,
    dp: F32,
    E: number,
    width: number,
    scale: number,
  ): void;
  attendNodes(
    score: F32,
    v: F32,
    src: I32,
    dst: I32,
    mask: Maybe,
    vBias: Maybe,
    out: F32,
    den: F32,
    E: number,
    H: number,
    d: number,
    N: number,
  ): void;
  attentionWeights(score: F32, dst: I32, den: F32, mask: Maybe, attention: F32, E: number, H: number, d: number): void;
  attendNodesGrad(
    dy: F32,
    out: F32,
    den: F32,
    score: F32,
    v: F32,
    src: I32,
    dst: I32,
    mask: Maybe,
    vBias: Maybe,
    dScore: F32,
    dv: F32,
    dvBias: Maybe,
    E: number,
    H: number,
    d: number,
    N: number,
  ): void;
}

let active = false;

/**
 * True once the native kernels are registered: a product with transpose flags then costs no more than without, and
 * the fused attention is faster than the stock ops in an eval forward too.
 */
export const nativeKernelsActive = (): boolean => active;

type Views = Record<string, TypedArray>;
const f = (x: TypedArray | undefined): F32 => x as F32;
const i = (x: TypedArray | undefined): I32 => x as I32;
const maybe = (x: TypedArray | undefined): Maybe => (x as F32 | undefined) ?? null;

/** A typed kernel whose compute is native. */
function nativeTwin(
  kernel: TypedKernel,
  compute: (inputs: Views, outputs: F32[], attrs: NamedAttrMap, shapes: Record<string, number[]>) => void,
): TypedKernel {
  return { ...kernel, compute: (inputs, outputs, attrs, shapes) => compute(inputs, outputs as F32[], attrs, shapes) };
}

/** The BatchNorm's passes over the rows in C; its sums over the ranks of a data-parallel step stay batchNorm.ts's. */
function nativePasses(addon: NativeAddon): BatchNormPasses {
  return {
    columnSums: addon.bnColumnSums,
    centeredSquareSums: addon.bnCenteredSquareSums,
    normalize: addon.bnNormalize,
    gradientSums: addon.bnGradientSums,
    inputGradient: addon.bnInputGradient,
  };
}

const widthOf = (p: TypedArray, src: TypedArray) => (src.length === 0 ? 0 : p.length / src.length);

function fusedTwins(addon: NativeAddon): TypedKernel[] {
  return [
    ...batchNormKernels(nativePasses(addon)),
    nativeTwin(edgeScoreKernel, ({ q, k, p, src, dst }, [s], attrs) =>
      addon.edgeScore(
        f(q),
        f(k),
        f(p),
        i(src),
        i(dst),
        s,
        src.length,
        widthOf(p, src),
        Math.fround(attrs.scale as number),
      ),
    ),
    nativeTwin(edgeScoreGradKernel, ({ ds, q, k, p, src, dst }, [dq, dk, dp], attrs) =>
      addon.edgeScoreGrad(
        f(ds),
        f(q),
        f(k),
        f(p),
        i(src),
        i(dst),
        dq,
        dk,
        dp,
        src.length,
        widthOf(p, src),
        Math.fround(attrs.scale as number),
      ),
    ),
    nativeTwin(attendNodesKernel, ({ score, v, src, dst, mask, vBias }, [out, den], attrs, { score: [E, H, d] }) =>
      addon.attendNodes(
        f(score),
        f(v),
        i(src),
        i(dst),
        maybe(mask),
        maybe(vBias),
        out,
        den,
        E,
        H,
        d,
        attrs.numNodes as number,
      ),
    ),
    nativeTwin(
      attendNodesGradKernel,
      ({ dy, out, den, score, v, src, dst, mask, vBias }, [dScore, dv, dvBias], attrs, { score: [E, H, d] }) =>
        addon.attendNodesGrad(
          f(dy),
          f(out),
          f(den),
          f(score),
          f(v),
          i(src),
          i(dst),
          maybe(mask),
          maybe(vBias),
          dScore,
          dv,
          dvBias ?? null,
          E,
          H,
          d,
          attrs.numNodes as number,
        ),
    ),
    nativeTwin(attentionWeightsKernel, ({ score, dst, den, mask }, [attention], _a, { score: [E, H, d] }) =>
      addon.attentionWeights(f(score), i(dst), f(den), maybe(mask), attention, E, H, d),
    ),
  ];
}

/** tfjs's Sum over the rows of a float32 matrix (a bias's gradient) without the transpose the wasm kernel makes. */
function columnSumKernel(addon: NativeAddon, stock: KernelConfig): KernelConfig {
  return {
    kernelName: 'Sum',
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    kernelFunc: (args) => {
      const { x } = args.inputs as unknown as { x: TensorInfo };
      const { axis, keepDims } = (args.attrs ?? {}) as { axis?: number | number[]; keepDims?: boolean };
      const axes = axis === undefined ? [] : [axis].flat();
      if (x.shape.length !== 2 || x.dtype !== 'float32' || axes.length !== 1 || (axes[0] !== 0 && axes[0] !== -2))
        return stock.kernelFunc(args);
      const backend = args.backend as BackendWasm;
      const [rows, cols] = x.shape;
      const out = backend.makeOutput(keepDims ? [1, cols] : [cols], 'float32');
      addon.columnSum(f(backend.typedArrayFromHeap(x)), f(backend.typedArrayFromHeap(out)), rows, cols);
      return out;
    },
  };
}

/**
 * Every native kernel for the wasm backend, in place of (and falling back to) the stock ones given; registering
 * them is the caller's (kernels/index.ts's project kernels must be registered first, as they are replaced here).
 */
export function nativeKernels(addon: NativeAddon, stock: Record<string, KernelConfig | undefined>): KernelConfig[] {
  const sum = stock.Sum;
  if (!sum) throw new Error('no stock wasm kernel Sum to fall back to');
  return [...blasMatMulKernels(addon.sgemm, stock), columnSumKernel(addon, sum), ...fusedTwins(addon).map(wasmKernel)];
}

/** Called once the native kernels are registered. */
export function markNativeKernels(): void {
  active = true;
}
