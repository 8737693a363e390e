// Pure-JS twin of kernel/gru_kernel.c (same ABI, same buffer layouts, same loop structure), used
// where WebAssembly SIMD is unavailable. Accumulates in f64, so it is slower but at least as exact.
// No trainEpoch: FusedGruModel runs its per-batch loop on this kernel.
import type { ConvCode, KernelInstance } from './kernel-instance';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export class JsKernel implements KernelInstance {
  readonly kind = 'js' as const;
  readonly base = 16;
  private f = new Float32Array(0);

  reserve(end: number): void {
    if (end <= this.f.byteLength) return;
    const next = new Float32Array(Math.ceil(Math.max(end, this.f.byteLength * 1.5) / 4));
    next.set(this.f);
    this.f = next;
  }

  heapF32(): Float32Array {
    return this.f;
  }

  gruForward(
    conv: ConvCode,
    B: number,
    T: number,
    I: number,
    H: number,
    xp: number,
    pp: number,
    cp: number,
    hp: number,
    sp: number,
  ): void {
    const f = this.f;
    const G = 3 * H;
    const x = xp >> 2,
      Wx = pp >> 2,
      Wh = Wx + I * G,
      bx = Wh + H * G,
      bh = bx + G;
    const gx = sp >> 2,
      gh = gx + G;
    for (let b = 0; b < B; b++) {
      let hprev = -1;
      for (let t = 0; t < T; t++) {
        const xt = x + (b * T + t) * I;
        const c = (cp >> 2) + (b * T + t) * 5 * H;
        const h = c,
          z = c + H,
          r = c + 2 * H,
          n = c + 3 * H,
          aux = c + 4 * H;
        for (let j = 0; j < G; j++) {
          let a = f[bx + j];
          for (let i = 0; i < I; i++) a += f[xt + i] * f[Wx + i * G + j];
          f[gx + j] = a;
        }
        const recCols = conv === 1 ? G : 2 * H;
        for (let j = 0; j < recCols; j++) {
          let a = conv === 1 ? f[bh + j] : 0;
          if (hprev >= 0) for (let k = 0; k < H; k++) a += f[hprev + k] * f[Wh + k * G + j];
          f[gh + j] = a;
        }
        for (let j = 0; j < 2 * H; j++) f[z + j] = sigmoid(f[gx + j] + f[gh + j]);
        if (conv === 1) {
          for (let j = 0; j < H; j++) {
            f[aux + j] = f[gh + 2 * H + j];
            f[gx + 2 * H + j] += f[r + j] * f[aux + j];
          }
        } else {
          for (let j = 0; j < H; j++) f[aux + j] = hprev >= 0 ? f[r + j] * f[hprev + j] : 0;
          if (hprev >= 0) {
            for (let j = 0; j < H; j++) {
              let a = f[gx + 2 * H + j];
              for (let k = 0; k < H; k++) a += f[aux + k] * f[Wh + k * G + 2 * H + j];
              f[gx + 2 * H + j] = a;
            }
          }
        }
        for (let j = 0; j < H; j++) {
          const nj = Math.tanh(f[gx + 2 * H + j]);
          f[n + j] = nj;
          const zj = f[z + j];
          f[h + j] = (hprev >= 0 ? zj * f[hprev + j] : 0) + (1 - zj) * nj;
        }
        hprev = h;
      }
      const ho = (hp >> 2) + b * H;
      for (let j = 0; j < H; j++) f[ho + j] = hprev >= 0 ? f[hprev + j] : 0;
    }
  }

  gruBackward(
    conv: ConvCode,
    B: number,
    T: number,
    I: number,
    H: number,
    xp: number,
    pp: number,
    cp: number,
    dhp: number,
    dxp: number,
    dpp: number,
    sp: number,
  ): void {
    const f = this.f;
    const G = 3 * H;
    const rows = B * T;
    const x = xp >> 2,
      Wx = pp >> 2,
      Wh = Wx + I * G;
    const dgx = sp >> 2,
      dgh = dgx + rows * G,
      dh = dgh + rows * G,
      dhprev = dh + H,
      daux = dhprev + H;
    const P = I * G + H * G + G + (conv === 1 ? G : 0);
    const dWx = dpp >> 2,
      dWh = dWx + I * G,
      dbx = dWh + H * G,
      dbh = dbx + G;
    f.fill(0, dWx, dWx + P);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) f[dh + j] = f[(dhp >> 2) + b * H + j];
      for (let t = T - 1; t >= 0; t--) {
        const row = b * T + t;
        const c = (cp >> 2) + row * 5 * H;
        const z = c + H,
          r = c + 2 * H,
          n = c + 3 * H,
          aux = c + 4 * H;
        const hprev = t > 0 ? c - 5 * H : -1;
        const gx = dgx + row * G,
          gg = dgh + row * G;
        for (let j = 0; j < H; j++) {
          const hpj = hprev >= 0 ? f[hprev + j] : 0;
          const zj = f[z + j],
            nj = f[n + j],
            dhj = f[dh + j];
          f[gx + 2 * H + j] = dhj * (1 - zj) * (1 - nj * nj);
          f[gx + j] = dhj * (hpj - nj) * zj * (1 - zj);
          f[dhprev + j] = dhj * zj;
        }
        if (conv === 1) {
          for (let j = 0; j < H; j++) {
            const dn = f[gx + 2 * H + j],
              rj = f[r + j];
            f[gx + H + j] = dn * f[aux + j] * rj * (1 - rj);
            f[gg + j] = f[gx + j];
            f[gg + H + j] = f[gx + H + j];
            f[gg + 2 * H + j] = dn * rj;
          }
          if (hprev >= 0) this.dot(Wh, G, H, gg, G, dhprev);
        } else {
          if (hprev >= 0) {
            f.fill(0, daux, daux + H);
            this.dot(Wh + 2 * H, G, H, gx + 2 * H, H, daux);
            for (let j = 0; j < H; j++) {
              const rj = f[r + j];
              f[gx + H + j] = f[daux + j] * f[hprev + j] * rj * (1 - rj);
              f[dhprev + j] += f[daux + j] * rj;
            }
            this.dot(Wh, G, H, gx, 2 * H, dhprev);
          } else {
            for (let j = 0; j < H; j++) f[gx + H + j] = 0;
          }
          for (let j = 0; j < G; j++) f[gg + j] = f[gx + j];
        }
        const dxt = (dxp >> 2) + row * I;
        f.fill(0, dxt, dxt + I);
        this.dot(Wx, G, I, gx, G, dxt);
        for (let j = 0; j < H; j++) f[dh + j] = f[dhprev + j];
      }
      // Weight and bias gradients for this sample's sequence.
      for (let t = 0; t < T; t++) {
        const row = b * T + t;
        const gx = dgx + row * G,
          gg = dgh + row * G;
        const xt = x + row * I;
        for (let i = 0; i < I; i++) {
          const xi = f[xt + i];
          for (let j = 0; j < G; j++) f[dWx + i * G + j] += xi * f[gx + j];
        }
        for (let j = 0; j < G; j++) f[dbx + j] += f[gx + j];
        if (conv === 1) for (let j = 0; j < G; j++) f[dbh + j] += f[gg + j];
        if (t === 0) continue;
        const c = (cp >> 2) + row * 5 * H;
        const hprev = c - 5 * H,
          aux = c + 4 * H;
        const plainCols = conv === 1 ? G : 2 * H;
        for (let k = 0; k < H; k++) {
          const hk = f[hprev + k];
          const o = dWh + k * G;
          for (let j = 0; j < plainCols; j++) f[o + j] += hk * f[gg + j];
          if (conv === 0) {
            const ak = f[aux + k];
            for (let j = 2 * H; j < G; j++) f[o + j] += ak * f[gg + j];
          }
        }
      }
    }
  }

  /** out[k] += sum_j W[k*ld + j] * v[j] (float offsets). */
  private dot(W: number, ld: number, K: number, v: number, M: number, out: number): void {
    const f = this.f;
    for (let k = 0; k < K; k++) {
      let s = 0;
      const w = W + k * ld;
      for (let j = 0; j < M; j++) s += f[w + j] * f[v + j];
      f[out + k] += s;
    }
  }

  adamStep(
    N: number,
    pp: number,
    gp: number,
    mp: number,
    vp: number,
    beta1: number,
    beta2: number,
    c1: number,
    c2: number,
    kl: number,
    epsa: number,
  ): void {
    const f = this.f;
    const fr = Math.fround;
    const p = pp >> 2,
      g = gp >> 2,
      m = mp >> 2,
      v = vp >> 2;
    // f32 rounding after every operation, matching the wasm build bit for bit.
    for (let i = 0; i < N; i++) {
      const gi = f[g + i];
      const mi = fr(fr(f[m + i] * beta1) + fr(gi * c1));
      const vi = fr(fr(f[v + i] * beta2) + fr(fr(gi * gi) * c2));
      f[m + i] = mi;
      f[v + i] = vi;
      f[p + i] = fr(fr(fr(mi * kl) / fr(fr(Math.sqrt(vi)) + epsa)) + f[p + i]);
    }
  }

  vecSigmoid(xp: number, yp: number, n: number): void {
    for (let i = 0; i < n; i++) this.f[(yp >> 2) + i] = sigmoid(this.f[(xp >> 2) + i]);
  }

  vecTanh(xp: number, yp: number, n: number): void {
    for (let i = 0; i < n; i++) this.f[(yp >> 2) + i] = Math.tanh(this.f[(xp >> 2) + i]);
  }
}
