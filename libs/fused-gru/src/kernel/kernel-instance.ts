// The kernel ABI shared by the wasm build and the pure-JS fallback: pointers are byte offsets into
// the instance's own heap, so a caller lays out buffers once and runs either implementation.
export type KernelKind = 'wasm-simd' | 'js';

/** 0 = 'keras' (reset before the recurrent matmul), 1 = 'reset-after' (PyTorch / cuDNN). */
export type ConvCode = 0 | 1;

export interface KernelInstance {
  readonly kind: KernelKind;
  /** First byte offset callers may use (below it: the module's stack and data). */
  readonly base: number;
  /** Makes bytes [0, end) addressable. Invalidates earlier heap views. */
  reserve(end: number): void;
  /** Float32 view over the whole heap; fetch again after reserve(). */
  heapF32(): Float32Array;
  gruForward(
    conv: ConvCode,
    B: number,
    T: number,
    I: number,
    H: number,
    x: number,
    params: number,
    cache: number,
    hout: number,
    scratch: number,
  ): void;
  gruBackward(
    conv: ConvCode,
    B: number,
    T: number,
    I: number,
    H: number,
    x: number,
    params: number,
    cache: number,
    dhout: number,
    dx: number,
    dparams: number,
    scratch: number,
  ): void;
  adamStep(
    n: number,
    p: number,
    g: number,
    m: number,
    v: number,
    lr: number,
    beta1: number,
    beta2: number,
    c1: number,
    c2: number,
    eps: number,
    a1: number,
    a2: number,
  ): void;
  vecSigmoid(x: number, y: number, n: number): void;
  vecTanh(x: number, y: number, n: number): void;
}
