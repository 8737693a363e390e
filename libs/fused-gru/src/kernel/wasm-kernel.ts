// Instantiates the prebuilt wasm32+SIMD128 kernel (embedded as base64, so jest, tsc output and
// machines without a compiler all load the same bytes). One compiled Module, one Instance (with
// its own memory) per KernelInstance, so callers never share a heap.
import { GRU_KERNEL_WASM_BASE64 } from './gru-kernel.wasm';
import type { ConvCode, KernelInstance, TrainEpochArgs } from './kernel-instance';

interface KernelExports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  gru_forward(...args: number[]): void;
  gru_backward(...args: number[]): void;
  adam_step(...args: number[]): void;
  train_epoch(...args: number[]): number;
  vec_sigmoid(x: number, y: number, n: number): void;
  vec_tanh(x: number, y: number, n: number): void;
}

const PAGE = 65536;
let compiled: WebAssembly.Module | null | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer === 'undefined') return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const buf = Buffer.from(b64, 'base64');
  const out = new Uint8Array(buf.length);
  out.set(buf);
  return out;
}

/** The compiled module, or null where WebAssembly or its SIMD proposal is unavailable. */
export function wasmKernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = decodeBase64(GRU_KERNEL_WASM_BASE64);
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

class WasmKernel implements KernelInstance {
  readonly kind = 'wasm-simd' as const;
  readonly base: number;
  private view: Float32Array;

  constructor(private readonly ex: KernelExports) {
    // 16-byte aligned start keeps every float buffer the caller carves 4-byte aligned (and v128 loads cheap).
    this.base = (Number(ex.__heap_base.value) + 15) & ~15;
    this.view = new Float32Array(ex.memory.buffer);
  }

  reserve(end: number): void {
    const have = this.ex.memory.buffer.byteLength;
    if (end > have) this.ex.memory.grow(Math.ceil((end - have) / PAGE));
    if (this.view.buffer !== this.ex.memory.buffer) this.view = new Float32Array(this.ex.memory.buffer);
  }

  heapF32(): Float32Array {
    if (this.view.buffer !== this.ex.memory.buffer) this.view = new Float32Array(this.ex.memory.buffer);
    return this.view;
  }

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
  ): void {
    this.ex.gru_forward(conv, B, T, I, H, x, params, cache, hout, scratch);
  }

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
  ): void {
    this.ex.gru_backward(conv, B, T, I, H, x, params, cache, dhout, dx, dparams, scratch);
  }

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
  ): void {
    this.ex.adam_step(n, p, g, m, v, beta1, beta2, c1, c2, kl, epsa);
  }

  trainEpoch(a: TrainEpochArgs): number {
    return this.ex.train_epoch(
      a.conv,
      a.n,
      a.bs,
      a.T,
      a.I,
      a.H,
      a.xs,
      a.ys,
      a.order,
      a.params,
      a.dparams,
      a.m,
      a.v,
      a.head,
      a.hg,
      a.hm,
      a.hv,
      a.xb,
      a.cache,
      a.hout,
      a.dhout,
      a.scratch,
      a.coef,
      a.beta1,
      a.beta2,
      a.c1,
      a.c2,
    );
  }

  vecSigmoid(x: number, y: number, n: number): void {
    this.ex.vec_sigmoid(x, y, n);
  }

  vecTanh(x: number, y: number, n: number): void {
    this.ex.vec_tanh(x, y, n);
  }
}

export function createWasmKernel(): KernelInstance | null {
  const mod = wasmKernelModule();
  if (!mod) return null;
  const instance = new WebAssembly.Instance(mod, {});
  return new WasmKernel(instance.exports as unknown as KernelExports);
}
