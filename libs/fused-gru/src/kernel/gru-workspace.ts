// One kernel instance plus the buffers a GRU of fixed (convention, input, hidden) needs, carved
// from its heap. Grows with the largest (batch, window, training set) seen, keeping the contents
// of the persistent buffers (weights, moments, head, training data); views are re-fetched per use
// because growing the heap detaches old ones.
import { packedLayout, type PackedLayout } from '../packed-layout';
import type { GateConvention } from '../model/gru-model';
import type { KernelInstance, KernelKind } from './kernel-instance';
import { createKernel } from './load-kernel';

interface Region {
  off: number; // byte offset
  len: number; // floats
}

type RegionName =
  | 'params'
  | 'dparams'
  | 'm'
  | 'v'
  | 'head'
  | 'hg'
  | 'hm'
  | 'hv'
  | 'xs'
  | 'ys'
  | 'order'
  | 'coef'
  | 'x'
  | 'dx'
  | 'cache'
  | 'hout'
  | 'dhout'
  | 'scratch';

/** Buffers whose contents survive a re-layout (the rest are per-call scratch). */
const PERSISTENT: RegionName[] = ['params', 'm', 'v', 'head', 'hm', 'hv', 'xs', 'ys'];

export class GruWorkspace {
  readonly layout: PackedLayout;
  readonly kernel: KernelInstance;
  private cap = { B: 0, T: 0, N: 0 };
  private r: Record<RegionName, Region> | null = null;

  constructor(convention: GateConvention, inputSize: number, hidden: number, kind?: KernelKind) {
    this.layout = packedLayout(convention, inputSize, hidden);
    this.kernel = createKernel(kind);
    this.ensure(1, 1);
  }

  /** Makes room for batches of up to B sequences of up to T steps, and (N > 0) a training set of
   *  N windows of T steps, keeping the persistent buffers' contents. */
  ensure(B: number, T: number, N = 0): void {
    if (this.r && B <= this.cap.B && T <= this.cap.T && N <= this.cap.N) return;
    const keep = this.r ? PERSISTENT.map((k) => [k, this.view(k).slice()] as const) : [];
    const nB = Math.max(B, this.cap.B),
      nT = Math.max(T, this.cap.T),
      nN = Math.max(N, this.cap.N);
    const { size: P, inputSize: I, hidden: H } = this.layout;
    const G = 3 * H;
    const lens: Record<RegionName, number> = {
      params: P,
      dparams: P,
      m: P,
      v: P,
      head: H + 1,
      hg: H + 1,
      hm: H + 1,
      hv: H + 1,
      xs: nN * nT * I,
      ys: nN,
      order: nN,
      coef: 2 * nN,
      x: nB * nT * I,
      dx: nB * nT * I,
      cache: nB * nT * 5 * H,
      hout: nB * H,
      dhout: nB * H,
      scratch: Math.max(2 * G, 2 * nB * nT * G + 3 * H),
    };
    let off = this.kernel.base;
    const regions = {} as Record<RegionName, Region>;
    for (const key of Object.keys(lens) as RegionName[]) {
      regions[key] = { off, len: lens[key] };
      off += Math.ceil((lens[key] * 4) / 16) * 16; // 16-byte aligned buffers for v128 loads
    }
    this.kernel.reserve(off);
    this.r = regions;
    this.cap = { B: nB, T: nT, N: nN };
    for (const [k, data] of keep) this.view(k).set(data.subarray(0, regions[k].len));
  }

  /** A live Float32Array view of one buffer (invalid after the next ensure()). */
  view(name: RegionName, floats?: number): Float32Array {
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

  /** An Int32Array view of a buffer (order). */
  viewI32(name: RegionName, ints?: number): Int32Array {
    const reg = this.r![name];
    return new Int32Array(this.kernel.heapF32().buffer, reg.off, ints ?? reg.len);
  }

  /** Byte offset of a buffer (for kernel calls). */
  offset(name: RegionName): number {
    return this.r![name].off;
  }

  /** One Adam update of params from dparams with moments m, v (see AdamState for kl, epsa). */
  adam(beta1: number, beta2: number, c1: number, c2: number, kl: number, epsa: number): void {
    const r = this.r!;
    this.kernel.adamStep(this.layout.size, r.params.off, r.dparams.off, r.m.off, r.v.off, beta1, beta2, c1, c2, kl, epsa);
  }

  /** Whether this kernel trains whole epochs in one call. */
  get canTrainEpoch(): boolean {
    return typeof this.kernel.trainEpoch === 'function';
  }

  /**
   * One epoch over the n windows in view('xs') / view('ys'), visited in view('order') (int32), at
   * batch size bs, with Adam coefficients in view('coef') ([kl, epsa] per batch); updates params,
   * head and all moments. Needs ensure(bs, T, n). Returns the sum of squared errors.
   */
  trainEpoch(n: number, bs: number, T: number, c: { beta1: number; beta2: number; c1: number; c2: number }): number {
    const r = this.r!;
    const { conv, inputSize: I, hidden: H } = this.layout;
    return this.kernel.trainEpoch!({
      conv,
      n,
      bs,
      T,
      I,
      H,
      xs: r.xs.off,
      ys: r.ys.off,
      order: r.order.off,
      params: r.params.off,
      dparams: r.dparams.off,
      m: r.m.off,
      v: r.v.off,
      head: r.head.off,
      hg: r.hg.off,
      hm: r.hm.off,
      hv: r.hv.off,
      xb: r.x.off,
      cache: r.cache.off,
      hout: r.hout.off,
      dhout: r.dhout.off,
      scratch: r.scratch.off,
      coef: r.coef.off,
      ...c,
    });
  }
}
