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
  /** One Adam update (see kernel/gru_kernel.c adam_core): kl = -lr*sqrt(a2)/a1, epsa = eps*sqrt(a2). */
  adamStep(
    n: number,
    p: number,
    g: number,
    m: number,
    v: number,
    beta1: number,
    beta2: number,
    c1: number,
    c2: number,
    kl: number,
    epsa: number,
  ): void;
  /** A whole training epoch in one call (wasm build only; see train_epoch in gru_kernel.c).
   *  Returns the epoch's sum of squared errors. */
  trainEpoch?(a: TrainEpochArgs): number;
  vecSigmoid(x: number, y: number, n: number): void;
  vecTanh(x: number, y: number, n: number): void;
}

/** Byte offsets and sizes for KernelInstance.trainEpoch (see train_epoch in kernel/gru_kernel.c). */
export interface TrainEpochArgs {
  conv: ConvCode;
  n: number;
  bs: number;
  T: number;
  I: number;
  H: number;
  xs: number;
  ys: number;
  order: number;
  params: number;
  dparams: number;
  m: number;
  v: number;
  head: number;
  hg: number;
  hm: number;
  hv: number;
  xb: number;
  cache: number;
  hout: number;
  dhout: number;
  scratch: number;
  coef: number;
  beta1: number;
  beta2: number;
  c1: number;
  c2: number;
}
