// Whole-sequence GRU forward + backward-through-time, and an Adam step, for wasm32 + SIMD128.
// Built by scripts/build-wasm.sh; the TS fallback in src/kernel/js-kernel.ts mirrors it line by
// line, so keep the two in sync.
//
// ABI: every pointer is a byte offset into this module's memory; the host (src/kernel/) lays out
// the buffers. conv: 0 = 'keras' (reset before the recurrent matmul), 1 = 'reset-after'.
// Packed parameters, Keras gate order z | r | h along the 3H axis:
//   Wx [I][3H], Wh [H][3H], bx [3H], then (reset-after only) bh [3H].
// Cache, per (sample, step), 5H floats: h_t, z, r, n, aux; aux = W_hn h + b_hn (reset-after) or
// r * h_{t-1} (keras) -- exactly what the backward pass needs, so nothing is recomputed.
#include <wasm_simd128.h>

#define EXPORT __attribute__((visibility("default")))
typedef float f32;

// ---- exp / expm1 / sigmoid / tanh: Cody-Waite range reduction + degree-7 Taylor on |r| <= ln2/2
// (truncation error ~2e-8 relative), so the f32 rounding dominates. Scalar and vector versions run
// the same polynomial so tails and lanes agree.
#define LOG2E 1.44269504088896341f
#define LN2_HI 0.693145751953125f
#define LN2_LO 1.42860682030941723e-6f
#define C2 0.5f
#define C3 0.166666666666666667f
#define C4 0.0416666666666666667f
#define C5 0.00833333333333333333f
#define C6 0.00138888888888888889f
#define C7 0.000198412698412698413f

static inline f32 pow2i(int n) {
  union { unsigned u; f32 f; } b;
  b.u = (unsigned)(n + 127) << 23;
  return b.f;
}

// expm1(r) - r for the reduced argument.
static inline f32 poly_tail(f32 r) {
  return r * r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * C7)))));
}

static inline f32 clampf(f32 x, f32 lo, f32 hi) { return x < lo ? lo : (x > hi ? hi : x); }

static inline f32 s_exp(f32 x) {
  x = clampf(x, -87.0f, 88.0f);
  f32 fn = __builtin_nearbyintf(x * LOG2E);
  f32 r = (x - fn * LN2_HI) - fn * LN2_LO;
  return (1.0f + (r + poly_tail(r))) * pow2i((int)fn);
}

// expm1 for x in [-18, 0]: exact-ish near 0, where tanh needs the relative accuracy.
static inline f32 s_expm1(f32 x) {
  f32 fn = __builtin_nearbyintf(x * LOG2E);
  f32 r = (x - fn * LN2_HI) - fn * LN2_LO;
  f32 p = r + poly_tail(r);
  f32 s = pow2i((int)fn);
  return s * p + (s - 1.0f);
}

static inline f32 s_sigmoid(f32 x) { return 1.0f / (1.0f + s_exp(-x)); }

static inline f32 s_tanh(f32 x) {
  f32 a = clampf(__builtin_fabsf(x), 0.0f, 9.0f);
  f32 t = s_expm1(-2.0f * a);
  f32 y = -t / (t + 2.0f);
  return x < 0.0f ? -y : y;
}

static inline v128_t v_pow2i(v128_t fn) {
  return wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(fn), wasm_i32x4_splat(127)), 23);
}

static inline v128_t v_poly_tail(v128_t r) {
  v128_t p = wasm_f32x4_add(wasm_f32x4_splat(C6), wasm_f32x4_mul(r, wasm_f32x4_splat(C7)));
  p = wasm_f32x4_add(wasm_f32x4_splat(C5), wasm_f32x4_mul(r, p));
  p = wasm_f32x4_add(wasm_f32x4_splat(C4), wasm_f32x4_mul(r, p));
  p = wasm_f32x4_add(wasm_f32x4_splat(C3), wasm_f32x4_mul(r, p));
  p = wasm_f32x4_add(wasm_f32x4_splat(C2), wasm_f32x4_mul(r, p));
  return wasm_f32x4_mul(wasm_f32x4_mul(r, r), p);
}

static inline v128_t v_reduce(v128_t x, v128_t *fn) {
  *fn = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(LOG2E)));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(*fn, wasm_f32x4_splat(LN2_HI)));
  return wasm_f32x4_sub(r, wasm_f32x4_mul(*fn, wasm_f32x4_splat(LN2_LO)));
}

static inline v128_t v_exp(v128_t x) {
  x = wasm_f32x4_min(wasm_f32x4_max(x, wasm_f32x4_splat(-87.0f)), wasm_f32x4_splat(88.0f));
  v128_t fn;
  v128_t r = v_reduce(x, &fn);
  v128_t p = wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_add(r, v_poly_tail(r)));
  return wasm_f32x4_mul(p, v_pow2i(fn));
}

static inline v128_t v_sigmoid(v128_t x) {
  v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, v_exp(wasm_f32x4_neg(x))));
}

static inline v128_t v_tanh(v128_t x) {
  v128_t a = wasm_f32x4_min(wasm_f32x4_abs(x), wasm_f32x4_splat(9.0f));
  v128_t fn;
  v128_t r = v_reduce(wasm_f32x4_mul(a, wasm_f32x4_splat(-2.0f)), &fn);
  v128_t p = wasm_f32x4_add(r, v_poly_tail(r));
  v128_t s = v_pow2i(fn);
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(s, p), wasm_f32x4_sub(s, wasm_f32x4_splat(1.0f)));
  v128_t y = wasm_f32x4_div(wasm_f32x4_neg(t), wasm_f32x4_add(t, wasm_f32x4_splat(2.0f)));
  // copy the sign of x onto y (y >= 0)
  v128_t sign = wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000u));
  return wasm_v128_or(y, sign);
}

// Exported so the host can test the approximations against Math.exp / Math.tanh.
EXPORT void vec_sigmoid(f32 *x, f32 *y, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, v_sigmoid(wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] = s_sigmoid(x[i]);
}

EXPORT void vec_tanh(f32 *x, f32 *y, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, v_tanh(wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] = s_tanh(x[i]);
}

// ---- small linear algebra

// y[0..M) += sum_k h[k] * W[k*ld + j]. Column blocks keep the accumulators in registers while
// walking down the rows, so every W element is loaded exactly once.
static void gemv_rows(const f32 *h, int K, const f32 *W, int ld, f32 *y, int M) {
  int j = 0;
  for (; j + 16 <= M; j += 16) {
    v128_t a0 = wasm_v128_load(y + j), a1 = wasm_v128_load(y + j + 4);
    v128_t a2 = wasm_v128_load(y + j + 8), a3 = wasm_v128_load(y + j + 12);
    const f32 *w = W + j;
    for (int k = 0; k < K; k++, w += ld) {
      v128_t hk = wasm_f32x4_splat(h[k]);
      a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(hk, wasm_v128_load(w)));
      a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(hk, wasm_v128_load(w + 4)));
      a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(hk, wasm_v128_load(w + 8)));
      a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(hk, wasm_v128_load(w + 12)));
    }
    wasm_v128_store(y + j, a0);
    wasm_v128_store(y + j + 4, a1);
    wasm_v128_store(y + j + 8, a2);
    wasm_v128_store(y + j + 12, a3);
  }
  for (; j + 4 <= M; j += 4) {
    v128_t a0 = wasm_v128_load(y + j);
    const f32 *w = W + j;
    for (int k = 0; k < K; k++, w += ld) a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_f32x4_splat(h[k]), wasm_v128_load(w)));
    wasm_v128_store(y + j, a0);
  }
  for (; j < M; j++) {
    f32 a = y[j];
    const f32 *w = W + j;
    for (int k = 0; k < K; k++, w += ld) a += h[k] * *w;
    y[j] = a;
  }
}

static inline f32 hsum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

// out[k] += sum_j W[k*ld + j] * v[j] for k < K, j < M (i.e. W @ v with W's rows contiguous).
static void gemv_dot(const f32 *W, int ld, int K, const f32 *v, int M, f32 *out) {
  for (int k = 0; k < K; k++) {
    const f32 *w = W + (long)k * ld;
    v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
    int j = 0;
    for (; j + 16 <= M; j += 16) {
      a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load(w + j), wasm_v128_load(v + j)));
      a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load(w + j + 4), wasm_v128_load(v + j + 4)));
      a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load(w + j + 8), wasm_v128_load(v + j + 8)));
      a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load(w + j + 12), wasm_v128_load(v + j + 12)));
    }
    for (; j + 4 <= M; j += 4) a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load(w + j), wasm_v128_load(v + j)));
    f32 s = hsum(wasm_f32x4_add(wasm_f32x4_add(a0, a1), wasm_f32x4_add(a2, a3)));
    for (; j < M; j++) s += w[j] * v[j];
    out[k] += s;
  }
}

// dW[k*ld + j] += sum_s A[s*sa + k] * D[s*sd + j], k < K, j < M, s < S: the weight gradient for
// a whole sequence at once, so dW is read and written once per sequence, not once per step.
static void gemm_at_b(const f32 *A, int sa, const f32 *D, int sd, int S, int K, int M, f32 *dW, int ld) {
  for (int k = 0; k < K; k++) {
    f32 *out = dW + (long)k * ld;
    int j = 0;
    for (; j + 16 <= M; j += 16) {
      v128_t a0 = wasm_v128_load(out + j), a1 = wasm_v128_load(out + j + 4);
      v128_t a2 = wasm_v128_load(out + j + 8), a3 = wasm_v128_load(out + j + 12);
      const f32 *d = D + j;
      const f32 *a = A + k;
      for (int s = 0; s < S; s++, d += sd, a += sa) {
        v128_t ak = wasm_f32x4_splat(*a);
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(ak, wasm_v128_load(d)));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(ak, wasm_v128_load(d + 4)));
        a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(ak, wasm_v128_load(d + 8)));
        a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(ak, wasm_v128_load(d + 12)));
      }
      wasm_v128_store(out + j, a0);
      wasm_v128_store(out + j + 4, a1);
      wasm_v128_store(out + j + 8, a2);
      wasm_v128_store(out + j + 12, a3);
    }
    for (; j + 4 <= M; j += 4) {
      v128_t a0 = wasm_v128_load(out + j);
      const f32 *d = D + j;
      const f32 *a = A + k;
      for (int s = 0; s < S; s++, d += sd, a += sa) a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_f32x4_splat(*a), wasm_v128_load(d)));
      wasm_v128_store(out + j, a0);
    }
    for (; j < M; j++) {
      f32 acc = out[j];
      for (int s = 0; s < S; s++) acc += A[(long)s * sa + k] * D[(long)s * sd + j];
      out[j] = acc;
    }
  }
}

static void vzero(f32 *p, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(p + i, wasm_f32x4_splat(0.0f));
  for (; i < n; i++) p[i] = 0.0f;
}

// ---- GRU

// x [B][T][I]; cache [B][T][5H]; hout [B][H]; scratch >= 6H floats.
EXPORT void gru_forward(int conv, int B, int T, int I, int H, const f32 *x, const f32 *params, f32 *cache,
                        f32 *hout, f32 *scratch) {
  const int G = 3 * H;
  const f32 *Wx = params, *Wh = params + I * G, *bx = Wh + H * G, *bh = bx + G;
  f32 *gx = scratch, *gh = scratch + G;
  for (int b = 0; b < B; b++) {
    const f32 *hprev = 0;
    for (int t = 0; t < T; t++) {
      const f32 *xt = x + ((long)b * T + t) * I;
      f32 *c = cache + ((long)b * T + t) * 5 * H;
      f32 *h = c, *z = c + H, *r = c + 2 * H, *n = c + 3 * H, *aux = c + 4 * H;
      for (int j = 0; j < G; j++) gx[j] = bx[j];
      gemv_rows(xt, I, Wx, G, gx, G);
      if (conv == 1) {
        for (int j = 0; j < G; j++) gh[j] = bh[j];
        if (hprev) gemv_rows(hprev, H, Wh, G, gh, G);
      } else {
        vzero(gh, 2 * H);
        if (hprev) gemv_rows(hprev, H, Wh, G, gh, 2 * H);
      }
      for (int j = 0; j < 2 * H; j++) gx[j] += gh[j];
      {
        int j = 0;
        for (; j + 4 <= 2 * H; j += 4) wasm_v128_store(z + j, v_sigmoid(wasm_v128_load(gx + j)));
        for (; j < 2 * H; j++) z[j] = s_sigmoid(gx[j]);  // z and r are contiguous in the cache
      }
      if (conv == 1) {
        for (int j = 0; j < H; j++) {
          aux[j] = gh[2 * H + j];
          gx[2 * H + j] += r[j] * aux[j];
        }
      } else {
        if (hprev) {
          for (int j = 0; j < H; j++) aux[j] = r[j] * hprev[j];
          gemv_rows(aux, H, Wh + 2 * H, G, gx + 2 * H, H);
        } else {
          vzero(aux, H);
        }
      }
      {
        int j = 0;
        for (; j + 4 <= H; j += 4) wasm_v128_store(n + j, v_tanh(wasm_v128_load(gx + 2 * H + j)));
        for (; j < H; j++) n[j] = s_tanh(gx[2 * H + j]);
      }
      if (hprev) {
        for (int j = 0; j < H; j++) h[j] = z[j] * hprev[j] + (1.0f - z[j]) * n[j];
      } else {
        for (int j = 0; j < H; j++) h[j] = (1.0f - z[j]) * n[j];
      }
      hprev = h;
    }
    f32 *ho = hout + (long)b * H;
    for (int j = 0; j < H; j++) ho[j] = hprev ? hprev[j] : 0.0f;
  }
}

// dhout [B][H] -> dx [B][T][I] (overwritten), dparams (overwritten).
// scratch >= 2*B*T*3H + 3H floats: pre-activation gate gradients for every step, input side (dgx)
// and recurrent side (dgh), kept for the batched weight-gradient products at the end.
EXPORT void gru_backward(int conv, int B, int T, int I, int H, const f32 *x, const f32 *params, const f32 *cache,
                         const f32 *dhout, f32 *dx, f32 *dparams, f32 *scratch) {
  const int G = 3 * H;
  const f32 *Wx = params, *Wh = params + I * G;
  const long rows = (long)B * T;
  f32 *dgx = scratch, *dgh = scratch + rows * G, *dh = dgh + rows * G, *dhp = dh + H, *daux = dhp + H;
  const int P = I * G + H * G + G + (conv == 1 ? G : 0);
  vzero(dparams, P);
  f32 *dWx = dparams, *dWh = dparams + I * G, *dbx = dWh + H * G, *dbh = dbx + G;

  for (int b = 0; b < B; b++) {
    for (int j = 0; j < H; j++) dh[j] = dhout[(long)b * H + j];
    for (int t = T - 1; t >= 0; t--) {
      const long row = (long)b * T + t;
      const f32 *c = cache + row * 5 * H;
      const f32 *z = c + H, *r = c + 2 * H, *n = c + 3 * H, *aux = c + 4 * H;
      const f32 *hprev = t > 0 ? c - 5 * H : 0;
      f32 *gx = dgx + row * G, *gg = dgh + row * G;
      for (int j = 0; j < H; j++) {
        f32 hp = hprev ? hprev[j] : 0.0f;
        f32 dn = dh[j] * (1.0f - z[j]) * (1.0f - n[j] * n[j]);
        f32 dz = dh[j] * (hp - n[j]) * z[j] * (1.0f - z[j]);
        dhp[j] = dh[j] * z[j];
        gx[j] = dz;
        gx[2 * H + j] = dn;
      }
      if (conv == 1) {
        for (int j = 0; j < H; j++) {
          f32 dn = gx[2 * H + j];
          gx[H + j] = dn * aux[j] * r[j] * (1.0f - r[j]);
          gg[j] = gx[j];
          gg[H + j] = gx[H + j];
          gg[2 * H + j] = dn * r[j];
        }
        if (hprev) gemv_dot(Wh, G, H, gg, G, dhp);
      } else {
        if (hprev) {
          vzero(daux, H);
          gemv_dot(Wh + 2 * H, G, H, gx + 2 * H, H, daux);
          for (int j = 0; j < H; j++) {
            gx[H + j] = daux[j] * hprev[j] * r[j] * (1.0f - r[j]);
            dhp[j] += daux[j] * r[j];
          }
          gemv_dot(Wh, G, H, gx, 2 * H, dhp);
        } else {
          for (int j = 0; j < H; j++) gx[H + j] = 0.0f;
        }
        for (int j = 0; j < G; j++) gg[j] = gx[j];
      }
      f32 *dxt = dx + row * I;
      vzero(dxt, I);
      gemv_dot(Wx, G, I, gx, G, dxt);
      for (int j = 0; j < H; j++) dh[j] = dhp[j];
    }
    // Weight gradients for this sample's whole sequence.
    const f32 *cb = cache + (long)b * T * 5 * H;
    const f32 *gxb = dgx + (long)b * T * G, *ggb = dgh + (long)b * T * G;
    gemm_at_b(x + (long)b * T * I, I, gxb, G, T, I, G, dWx, G);
    if (T > 1) {
      if (conv == 1) {
        gemm_at_b(cb, 5 * H, ggb + G, G, T - 1, H, G, dWh, G);
      } else {
        gemm_at_b(cb, 5 * H, ggb + G, G, T - 1, H, 2 * H, dWh, G);
        gemm_at_b(cb + 5 * H + 4 * H, 5 * H, ggb + G + 2 * H, G, T - 1, H, H, dWh + 2 * H, G);
      }
    }
    for (int t = 0; t < T; t++) {
      const f32 *gx = gxb + (long)t * G, *gg = ggb + (long)t * G;
      for (int j = 0; j < G; j++) dbx[j] += gx[j];
      if (conv == 1)
        for (int j = 0; j < G; j++) dbh[j] += gg[j];
    }
  }
}

// ---- Adam, in the exact f32 operation order of tfjs AdamOptimizer.applyGradients, so a fused
// step and a tfjs step agree to rounding. c1 = 1 - beta1, c2 = 1 - beta2 (as f32),
// a1 = 1 - beta1^t, a2 = 1 - beta2^t (as tfjs computes them, in f32).
EXPORT void adam_step(int N, f32 *p, const f32 *g, f32 *m, f32 *v, f32 lr, f32 beta1, f32 beta2, f32 c1, f32 c2,
                      f32 eps, f32 a1, f32 a2) {
  const f32 nlr = -lr;
  int i = 0;
  // Lane-wise IEEE f32 ops: the vector loop rounds exactly like the scalar one (and like tfjs).
  const v128_t B1 = wasm_f32x4_splat(beta1), B2 = wasm_f32x4_splat(beta2), K1 = wasm_f32x4_splat(c1), K2 = wasm_f32x4_splat(c2);
  const v128_t A1 = wasm_f32x4_splat(a1), A2 = wasm_f32x4_splat(a2), E = wasm_f32x4_splat(eps), NL = wasm_f32x4_splat(nlr);
  for (; i + 4 <= N; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), B1), wasm_f32x4_mul(gi, K1));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), B2), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), K2));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    v128_t mh = wasm_f32x4_div(mi, A1), vh = wasm_f32x4_div(vi, A2);
    v128_t step = wasm_f32x4_mul(wasm_f32x4_div(mh, wasm_f32x4_add(wasm_f32x4_sqrt(vh), E)), NL);
    wasm_v128_store(p + i, wasm_f32x4_add(step, wasm_v128_load(p + i)));
  }
  for (; i < N; i++) {
    f32 gi = g[i];
    f32 mi = m[i] * beta1 + gi * c1;
    f32 vi = v[i] * beta2 + (gi * gi) * c2;
    m[i] = mi;
    v[i] = vi;
    f32 mh = mi / a1, vh = vi / a2;
    p[i] = (mh / (__builtin_sqrtf(vh) + eps)) * nlr + p[i];
  }
}
