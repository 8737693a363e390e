// One kernel instance plus the buffers a GRU of fixed (convention, input, hidden) needs, carved
// from its heap. Grows with the largest (batch, window) seen; views are re-fetched per use because
// growing the heap detaches old ones.
import { packedLayout, type PackedLayout } from '../packed-layout';
import type { GateConvention } from '@seqcast/forecasting/gru/types';
import type { KernelInstance, KernelKind } from './kernel-instance';
import { createKernel } from './load-kernel';

interface Region {
  off: number; // byte offset
  len: number; // floats
}

export class GruWorkspace {
  readonly layout: PackedLayout;
  readonly kernel: KernelInstance;
  private cap = { B: 0, T: 0 };
  private r: Record<'params' | 'dparams' | 'm' | 'v' | 'x' | 'dx' | 'cache' | 'hout' | 'dhout' | 'scratch', Region> | null = null;

  constructor(convention: GateConvention, inputSize: number, hidden: number, kind?: KernelKind) {
    this.layout = packedLayout(convention, inputSize, hidden);
    this.kernel = createKernel(kind);
    this.ensure(1, 1);
  }

  /** Makes room for batches of up to B sequences of up to T steps, keeping params and moments. */
  ensure(B: number, T: number): void {
    if (this.r && B <= this.cap.B && T <= this.cap.T) return;
    const keep = this.r ? { params: this.view('params').slice(), m: this.view('m').slice(), v: this.view('v').slice() } : null;
    const nB = Math.max(B, this.cap.B),
      nT = Math.max(T, this.cap.T);
    const { size: P, inputSize: I, hidden: H } = this.layout;
    const G = 3 * H;
    const lens = {
      params: P,
      dparams: P,
      m: P,
      v: P,
      x: nB * nT * I,
      dx: nB * nT * I,
      cache: nB * nT * 5 * H,
      hout: nB * H,
      dhout: nB * H,
      scratch: Math.max(2 * G, 2 * nB * nT * G + 3 * H),
    };
    let off = this.kernel.base;
    const regions = {} as Record<keyof typeof lens, Region>;
    for (const key of Object.keys(lens) as (keyof typeof lens)[]) {
      regions[key] = { off, len: lens[key] };
      off += Math.ceil((lens[key] * 4) / 16) * 16; // 16-byte aligned buffers for v128 loads
    }
    this.kernel.reserve(off);
    this.r = regions;
    this.cap = { B: nB, T: nT };
    if (keep) {
      this.view('params').set(keep.params);
      this.view('m').set(keep.m);
      this.view('v').set(keep.v);
    }
  }

  /** A live Float32Array view of one buffer (invalid after the next ensure()). */
  view(name: keyof NonNullable<GruWorkspace['r']>, floats?: number): Float32Array {
    const reg = this.r![name];
    return this.kernel.heapF32().subarray(reg.off >> 2, (reg.off >> 2) + (floats ?? reg.len));
  }

  /** x must already be in view('x') as [B][T][I]; writes view('hout') and the cache. */
  forward(B: number, T: number): void {
    const r = this.r!;
    const { conv, inputSize: I, hidden: H } = this.layout;
    this.kernel.gruForward(conv, B, T, I, H, r.x.off, r.params.off, r.cache.off, r.hout.off, r.scratch.off);
  }

  /** After forward(B, T) with the same x and params: dhout -> dx, dparams. */
  backward(B: number, T: number): void {
    const r = this.r!;
    const { conv, inputSize: I, hidden: H } = this.layout;
    this.kernel.gruBackward(
      conv,
      B,
      T,
      I,
      H,
      r.x.off,
      r.params.off,
      r.cache.off,
      r.dhout.off,
      r.dx.off,
      r.dparams.off,
      r.scratch.off,
    );
  }

  /** One Adam update of params from dparams with moments m, v (tfjs AdamOptimizer arithmetic). */
  adam(lr: number, beta1: number, beta2: number, eps: number, a1: number, a2: number): void {
    const r = this.r!;
    const f = Math.fround;
    this.kernel.adamStep(
      this.layout.size,
      r.params.off,
      r.dparams.off,
      r.m.off,
      r.v.off,
      lr,
      beta1,
      beta2,
      f(1 - beta1),
      f(1 - beta2),
      eps,
      a1,
      a2,
    );
  }
}
