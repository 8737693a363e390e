// Bookkeeping for the fused Adam update: tfjs AdamOptimizer's hyper-parameters and bias-correction
// accumulators, tracked in f32 exactly as tfjs does (accBeta starts at beta, multiplied by beta in
// f32 after every step). The kernel applies tfjs' step rearranged to one division and one square
// root per weight (see adam_core in kernel/gru_kernel.c): the moments stay bit-identical to tfjs
// and the weights agree to a few f32 ulps per step (a test pins fused to tfjs Adam).
export class AdamState {
  readonly beta1 = 0.9;
  readonly beta2 = 0.999;
  /** tfjs' float32 backend epsilon, Adam's default. */
  readonly eps = 1e-7;
  private acc1 = Math.fround(0.9);
  private acc2 = Math.fround(0.999);

  constructor(readonly lr: number) {}

  /** f32 constants of the kernel's Adam: beta1, beta2, 1 - beta1, 1 - beta2. */
  get consts(): { beta1: number; beta2: number; c1: number; c2: number } {
    const fr = Math.fround;
    return { beta1: fr(this.beta1), beta2: fr(this.beta2), c1: fr(1 - this.beta1), c2: fr(1 - this.beta2) };
  }

  /** The step coefficients kl = -lr*sqrt(a2)/a1 and epsa = eps*sqrt(a2), with a1 = 1 - beta1^t and
   *  a2 = 1 - beta2^t as tfjs computes them (f32), for the step about to run; then advances t. */
  next(): { kl: number; epsa: number } {
    const a1 = Math.fround(1 - this.acc1),
      a2 = Math.fround(1 - this.acc2);
    this.acc1 = Math.fround(this.acc1 * Math.fround(this.beta1));
    this.acc2 = Math.fround(this.acc2 * Math.fround(this.beta2));
    const r2 = Math.sqrt(a2);
    return { kl: Math.fround((-this.lr * r2) / a1), epsa: Math.fround(this.eps * r2) };
  }
}

/** Adam on a small JS-side buffer (the Dense head), same f32 arithmetic as the kernel's adam_step. */
export function adamStepJs(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  s: AdamState,
  kl: number,
  epsa: number,
): void {
  const fr = Math.fround;
  const { beta1: b1, beta2: b2, c1, c2 } = s.consts;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = fr(fr(m[i] * b1) + fr(gi * c1));
    const vi = fr(fr(v[i] * b2) + fr(fr(gi * gi) * c2));
    m[i] = mi;
    v[i] = vi;
    p[i] = fr(fr(fr(mi * kl) / fr(fr(Math.sqrt(vi)) + epsa)) + p[i]);
  }
}
