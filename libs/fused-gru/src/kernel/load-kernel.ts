// Picks the kernel implementation: the wasm SIMD build when this runtime validates it, else the
// JS twin. FUSED_GRU_KERNEL=js forces the fallback (tests, debugging).
import { JsKernel } from './js-kernel';
import type { KernelInstance, KernelKind } from './kernel-instance';
import { createWasmKernel, wasmKernelModule } from './wasm-kernel';

function forcedJs(): boolean {
  return typeof process !== 'undefined' && process.env?.FUSED_GRU_KERNEL === 'js';
}

export function preferredKernelKind(): KernelKind {
  return !forcedJs() && wasmKernelModule() ? 'wasm-simd' : 'js';
}

/** A fresh kernel instance with its own heap. */
export function createKernel(kind: KernelKind = preferredKernelKind()): KernelInstance {
  if (kind === 'wasm-simd') {
    const k = createWasmKernel();
    if (!k) throw new Error('fused-gru: WebAssembly SIMD kernel unavailable in this runtime');
    return k;
  }
  return new JsKernel();
}
