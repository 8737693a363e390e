// Bookkeeping for the fused Adam update: tfjs AdamOptimizer's hyper-parameters and bias-correction
// accumulators, tracked in f32 exactly as tfjs does (accBeta starts at beta, multiplied by beta in
// f32 after every step), so fused and tfjs steps produce the same numbers.
export class AdamState {
  readonly beta1 = 0.9;
  readonly beta2 = 0.999;
  /** tfjs' float32 backend epsilon, Adam's default. */
  readonly eps = 1e-7;
  private acc1 = Math.fround(0.9);
  private acc2 = Math.fround(0.999);

  constructor(readonly lr: number) {}

  /** 1 - beta1^t and 1 - beta2^t for the step about to run, then advances t. */
  next(): { a1: number; a2: number } {
    const a1 = Math.fround(1 - this.acc1),
      a2 = Math.fround(1 - this.acc2);
    this.acc1 = Math.fround(this.acc1 * Math.fround(this.beta1));
    this.acc2 = Math.fround(this.acc2 * Math.fround(this.beta2));
    return { a1, a2 };
  }
}

/** Adam on a small JS-side buffer (the Dense head), same f32 arithmetic as the kernel's adam_step. */
export function adamStepJs(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  s: AdamState,
  a1: number,
  a2: number,
): void {
  const fr = Math.fround;
  const b1 = fr(s.beta1),
    b2 = fr(s.beta2),
    c1 = fr(1 - s.beta1),
    c2 = fr(1 - s.beta2),
    eps = fr(s.eps),
    nlr = fr(-s.lr);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = fr(fr(m[i] * b1) + fr(gi * c1));
    const vi = fr(fr(v[i] * b2) + fr(fr(gi * gi) * c2));
    m[i] = mi;
    v[i] = vi;
    p[i] = fr(fr(fr(fr(mi / a1) / fr(fr(Math.sqrt(fr(vi / a2))) + eps)) * nlr) + p[i]);
  }
}
