// Whole-sequence GRU forward + backward-through-time, an Adam step, and a whole training epoch of
// GRU + Dense(1) + MSE + Adam (train_epoch), for wasm32 + SIMD128.
// Built by scripts/build-wasm.sh; the TS fallback in src/kernel/js-kernel.ts mirrors gru_forward,
// gru_backward and adam_step, so keep them in sync (train_epoch has no JS twin: on the JS kernel
// FusedGruModel runs the same steps from its per-batch loop, and a test pins the two loops).
//
// Speed notes (V8, 128-bit SIMD, no FMA before relaxed SIMD): a multiply-add is two FP ops, so
// the matrix loops are register-blocked to keep both FP ports busy and load each weight once;
// at H = 100 the training epoch runs at ~16 GFLOP/s, essentially the FP-port limit.
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

static inline v128_t v_poly_tail(v128_t r) {
  v128_t p = wasm_f32x4_add(wasm_f32x4_splat(C6), wasm_f32x4_mul(r, wasm_f32x4_splat(C7)));
  p = wasm_f32x4_add(wasm_f32x4_splat(C5), wasm_f32x4_mul(r, p));
  p = wasm_f32x4_add(wasm_f32x4_splat(C4), wasm_f32x4_mul(r, p));
  p = wasm_f32x4_add(wasm_f32x4_splat(C3), wasm_f32x4_mul(r, p));
  p = wasm_f32x4_add(wasm_f32x4_splat(C2), wasm_f32x4_mul(r, p));
  return wasm_f32x4_mul(wasm_f32x4_mul(r, r), p);
}

// Vector range reduction: fn = nearbyint(x * log2e) via the 1.5*2^23 rounding constant (the f32
// add rounds half-to-even to an integer exactly like f32x4.nearest), whose bit pattern also yields
// 2^fn with one integer add and shift: cheaper under V8 than nearest + trunc_sat, same numbers.
// Clamps use pmin / pmax (single minps / maxps; NaN still propagates) rather than min / max, whose
// IEEE NaN / signed-zero rules cost V8 several instructions each.
#define ROUND_MAGIC 12582912.0f
static inline v128_t v_reduce(v128_t x, v128_t *scale) {
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(LOG2E)), wasm_f32x4_splat(ROUND_MAGIC));
  v128_t fn = wasm_f32x4_sub(t, wasm_f32x4_splat(ROUND_MAGIC));
  *scale = wasm_i32x4_shl(wasm_i32x4_add(t, wasm_i32x4_splat(127)), 23);  // low 9 bits of t: fn (+ 0 mod 512)
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(fn, wasm_f32x4_splat(LN2_HI)));
  return wasm_f32x4_sub(r, wasm_f32x4_mul(fn, wasm_f32x4_splat(LN2_LO)));
}

static inline v128_t v_exp(v128_t x) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(-87.0f)), wasm_f32x4_splat(88.0f));
  v128_t s;
  v128_t r = v_reduce(x, &s);
  v128_t p = wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_add(r, v_poly_tail(r)));
  return wasm_f32x4_mul(p, s);
}

static inline v128_t v_sigmoid(v128_t x) {
  v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, v_exp(wasm_f32x4_neg(x))));
}

static inline v128_t v_tanh(v128_t x) {
  v128_t a = wasm_f32x4_pmin(wasm_f32x4_abs(x), wasm_f32x4_splat(9.0f));
  v128_t s;
  v128_t r = v_reduce(wasm_f32x4_mul(a, wasm_f32x4_splat(-2.0f)), &s);
  v128_t p = wasm_f32x4_add(r, v_poly_tail(r));
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
// Register-blocked: each block keeps NV output vectors (4 floats each) in registers for the whole
// reduction. Without FMA in wasm SIMD a multiply-add is two dependent ops, so a block needs >= 4
// independent accumulators to hide the add latency; narrow remainder blocks split the reduction
// over two accumulator sets (even / odd k) for the same reason.
#define INLINE static inline __attribute__((always_inline))
// V8 runs a wasm function's first call in its baseline compiler (Liftoff, several times slower for
// SIMD) and swaps in optimized code only for later calls: there is no on-stack replacement. The
// heavy pieces stay separate functions so that train_epoch's first call uses optimized code for
// them after a few batches, instead of running a whole epoch in Liftoff code.
#define NOINLINE __attribute__((noinline))

// y[0..4NV) += sum_k h[k] * W[k*ld + 0..4NV).
INLINE void gemv_rows_blk(const f32 *h, int K, const f32 *W, int ld, f32 *y, const int NV) {
  v128_t a[8], b[8];
  for (int v = 0; v < NV; v++) {
    a[v] = wasm_v128_load(y + 4 * v);
    b[v] = wasm_f32x4_splat(0.0f);
  }
  int k = 0;
  if (NV < 4) {
    for (; k + 2 <= K; k += 2) {
      const f32 *w = W + (long)k * ld;
      v128_t h0 = wasm_f32x4_splat(h[k]), h1 = wasm_f32x4_splat(h[k + 1]);
      for (int v = 0; v < NV; v++) {
        a[v] = wasm_f32x4_add(a[v], wasm_f32x4_mul(h0, wasm_v128_load(w + 4 * v)));
        b[v] = wasm_f32x4_add(b[v], wasm_f32x4_mul(h1, wasm_v128_load(w + ld + 4 * v)));
      }
    }
  }
  for (; k < K; k++) {
    const f32 *w = W + (long)k * ld;
    v128_t hk = wasm_f32x4_splat(h[k]);
    for (int v = 0; v < NV; v++) a[v] = wasm_f32x4_add(a[v], wasm_f32x4_mul(hk, wasm_v128_load(w + 4 * v)));
  }
  for (int v = 0; v < NV; v++) wasm_v128_store(y + 4 * v, NV < 4 ? wasm_f32x4_add(a[v], b[v]) : a[v]);
}

// y[0..M) += sum_k h[k] * W[k*ld + j]: W read exactly once, row by row.
NOINLINE static void gemv_rows(const f32 *h, int K, const f32 *W, int ld, f32 *y, int M) {
  int j = 0;
  for (; j + 32 <= M; j += 32) gemv_rows_blk(h, K, W + j, ld, y + j, 8);
  if (j + 16 <= M) gemv_rows_blk(h, K, W + j, ld, y + j, 4), j += 16;
  if (j + 8 <= M) gemv_rows_blk(h, K, W + j, ld, y + j, 2), j += 8;
  if (j + 4 <= M) gemv_rows_blk(h, K, W + j, ld, y + j, 1), j += 4;
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

// out[r] += sum_j W[r*ld + j] * v[j] for NR rows at once: each v vector is loaded once per NR rows.
INLINE void gemv_dot_blk(const f32 *W, int ld, const f32 *v, int M, f32 *out, const int NR) {
  v128_t a[4], b[4];
  for (int r = 0; r < NR; r++) a[r] = b[r] = wasm_f32x4_splat(0.0f);
  int j = 0;
  for (; j + 8 <= M; j += 8) {
    v128_t v0 = wasm_v128_load(v + j), v1 = wasm_v128_load(v + j + 4);
    for (int r = 0; r < NR; r++) {
      a[r] = wasm_f32x4_add(a[r], wasm_f32x4_mul(wasm_v128_load(W + (long)r * ld + j), v0));
      b[r] = wasm_f32x4_add(b[r], wasm_f32x4_mul(wasm_v128_load(W + (long)r * ld + j + 4), v1));
    }
  }
  for (; j + 4 <= M; j += 4) {
    v128_t v0 = wasm_v128_load(v + j);
    for (int r = 0; r < NR; r++) a[r] = wasm_f32x4_add(a[r], wasm_f32x4_mul(wasm_v128_load(W + (long)r * ld + j), v0));
  }
  for (int r = 0; r < NR; r++) {
    f32 s = hsum(wasm_f32x4_add(a[r], b[r]));
    for (int jj = j; jj < M; jj++) s += W[(long)r * ld + jj] * v[jj];
    out[r] += s;
  }
}

// out[k] += sum_j W[k*ld + j] * v[j] for k < K, j < M (i.e. W @ v with W's rows contiguous).
NOINLINE static void gemv_dot(const f32 *W, int ld, int K, const f32 *v, int M, f32 *out) {
  int k = 0;
  for (; k + 4 <= K; k += 4) gemv_dot_blk(W + (long)k * ld, ld, v, M, out + k, 4);
  for (; k < K; k++) gemv_dot_blk(W + (long)k * ld, ld, v, M, out + k, 1);
}

// dW[k*ld + 0..4NV) += sum_s A[s*sa + k] * D[s*sd + 0..4NV).
INLINE void gemm_at_b_blk(const f32 *A, int sa, const f32 *D, int sd, int S, f32 *out, const int NV) {
  v128_t a[8], b[8];
  for (int v = 0; v < NV; v++) {
    a[v] = wasm_v128_load(out + 4 * v);
    b[v] = wasm_f32x4_splat(0.0f);
  }
  int s = 0;
  if (NV < 4) {
    for (; s + 2 <= S; s += 2) {
      const f32 *d = D + (long)s * sd;
      v128_t k0 = wasm_f32x4_splat(A[(long)s * sa]), k1 = wasm_f32x4_splat(A[(long)(s + 1) * sa]);
      for (int v = 0; v < NV; v++) {
        a[v] = wasm_f32x4_add(a[v], wasm_f32x4_mul(k0, wasm_v128_load(d + 4 * v)));
        b[v] = wasm_f32x4_add(b[v], wasm_f32x4_mul(k1, wasm_v128_load(d + sd + 4 * v)));
      }
    }
  }
  for (; s < S; s++) {
    const f32 *d = D + (long)s * sd;
    v128_t ak = wasm_f32x4_splat(A[(long)s * sa]);
    for (int v = 0; v < NV; v++) a[v] = wasm_f32x4_add(a[v], wasm_f32x4_mul(ak, wasm_v128_load(d + 4 * v)));
  }
  for (int v = 0; v < NV; v++) wasm_v128_store(out + 4 * v, NV < 4 ? wasm_f32x4_add(a[v], b[v]) : a[v]);
}

// dW[k*ld + j] += sum_s A[s*sa + k] * D[s*sd + j], k < K, j < M, s < S: the weight gradient for
// a whole sequence at once, so dW is read and written once per sequence, not once per step.
NOINLINE static void gemm_at_b(const f32 *A, int sa, const f32 *D, int sd, int S, int K, int M, f32 *dW, int ld) {
  for (int k = 0; k < K; k++) {
    f32 *out = dW + (long)k * ld;
    const f32 *Ak = A + k;
    int j = 0;
    for (; j + 32 <= M; j += 32) gemm_at_b_blk(Ak, sa, D + j, sd, S, out + j, 8);
    if (j + 16 <= M) gemm_at_b_blk(Ak, sa, D + j, sd, S, out + j, 4), j += 16;
    if (j + 8 <= M) gemm_at_b_blk(Ak, sa, D + j, sd, S, out + j, 2), j += 8;
    if (j + 4 <= M) gemm_at_b_blk(Ak, sa, D + j, sd, S, out + j, 1), j += 4;
    for (; j < M; j++) {
      f32 acc = out[j];
      for (int s = 0; s < S; s++) acc += Ak[(long)s * sa] * D[(long)s * sd + j];
      out[j] = acc;
    }
  }
}

static void vzero(f32 *p, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(p + i, wasm_f32x4_splat(0.0f));
  for (; i < n; i++) p[i] = 0.0f;
}

static void vcopy(f32 *dst, const f32 *src, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  for (; i < n; i++) dst[i] = src[i];
}

// y[i] += x[i]
static void vadd(f32 *y, const f32 *x, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, wasm_f32x4_add(wasm_v128_load(y + i), wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] += x[i];
}

#define LD wasm_v128_load
#define ST wasm_v128_store
#define VADD wasm_f32x4_add
#define VSUB wasm_f32x4_sub
#define VMUL wasm_f32x4_mul
// The element-wise loops below are written as 4-lane vectors plus a scalar tail with the same
// operation order, so lanes and tail round identically (and like the JS twin).

// ---- GRU

// x [B][T][I]; cache [B][T][5H]; hout [B][H]; scratch >= 6H floats.
NOINLINE static void forward_impl(int conv, int B, int T, int I, int H, const f32 *x, const f32 *params, f32 *cache,
                                  f32 *hout, f32 *scratch) {
  const int G = 3 * H;
  const f32 *Wx = params, *Wh = params + I * G, *bx = Wh + H * G, *bh = bx + G;
  f32 *gx = scratch, *gh = scratch + G;
  const v128_t one = wasm_f32x4_splat(1.0f);
  for (int b = 0; b < B; b++) {
    const f32 *hprev = 0;
    for (int t = 0; t < T; t++) {
      const f32 *xt = x + ((long)b * T + t) * I;
      f32 *c = cache + ((long)b * T + t) * 5 * H;
      f32 *h = c, *z = c + H, *r = c + 2 * H, *n = c + 3 * H, *aux = c + 4 * H;
      vcopy(gx, bx, G);
      gemv_rows(xt, I, Wx, G, gx, G);
      if (conv == 1) {
        vcopy(gh, bh, G);
        if (hprev) gemv_rows(hprev, H, Wh, G, gh, G);
      } else {
        vzero(gh, 2 * H);
        if (hprev) gemv_rows(hprev, H, Wh, G, gh, 2 * H);
      }
      vadd(gx, gh, 2 * H);
      {
        int j = 0;
        for (; j + 4 <= 2 * H; j += 4) ST(z + j, v_sigmoid(LD(gx + j)));
        for (; j < 2 * H; j++) z[j] = s_sigmoid(gx[j]);  // z and r are contiguous in the cache
      }
      if (conv == 1) {
        vcopy(aux, gh + 2 * H, H);
        int j = 0;
        for (; j + 4 <= H; j += 4) ST(gx + 2 * H + j, VADD(LD(gx + 2 * H + j), VMUL(LD(r + j), LD(aux + j))));
        for (; j < H; j++) gx[2 * H + j] += r[j] * aux[j];
      } else {
        if (hprev) {
          int j = 0;
          for (; j + 4 <= H; j += 4) ST(aux + j, VMUL(LD(r + j), LD(hprev + j)));
          for (; j < H; j++) aux[j] = r[j] * hprev[j];
          gemv_rows(aux, H, Wh + 2 * H, G, gx + 2 * H, H);
        } else {
          vzero(aux, H);
        }
      }
      {
        int j = 0;
        for (; j + 4 <= H; j += 4) ST(n + j, v_tanh(LD(gx + 2 * H + j)));
        for (; j < H; j++) n[j] = s_tanh(gx[2 * H + j]);
      }
      {
        int j = 0;
        if (hprev) {
          for (; j + 4 <= H; j += 4) {
            v128_t zv = LD(z + j);
            ST(h + j, VADD(VMUL(zv, LD(hprev + j)), VMUL(VSUB(one, zv), LD(n + j))));
          }
          for (; j < H; j++) h[j] = z[j] * hprev[j] + (1.0f - z[j]) * n[j];
        } else {
          for (; j + 4 <= H; j += 4) ST(h + j, VMUL(VSUB(one, LD(z + j)), LD(n + j)));
          for (; j < H; j++) h[j] = (1.0f - z[j]) * n[j];
        }
      }
      hprev = h;
    }
    f32 *ho = hout + (long)b * H;
    if (hprev) vcopy(ho, hprev, H);
    else vzero(ho, H);
  }
}

EXPORT void gru_forward(int conv, int B, int T, int I, int H, const f32 *x, const f32 *params, f32 *cache,
                        f32 *hout, f32 *scratch) {
  forward_impl(conv, B, T, I, H, x, params, cache, hout, scratch);
}

// dhout [B][H] -> dx [B][T][I] (overwritten; skipped when dx is 0), dparams (overwritten).
// scratch >= 2*B*T*3H + 3H floats: pre-activation gate gradients for every step, input side (dgx)
// and recurrent side (dgh), kept for the batched weight-gradient products at the end.
// skip_dwh (train_epoch): leave the recurrent-kernel gradient dWh alone (neither zeroed nor
// computed); the caller forms it from the dgh rows left in scratch (gemm_adam).
NOINLINE static void backward_impl(int conv, int B, int T, int I, int H, const f32 *x, const f32 *params, const f32 *cache,
                          const f32 *dhout, f32 *dx, f32 *dparams, f32 *scratch, int skip_dwh) {
  const int G = 3 * H;
  const f32 *Wx = params, *Wh = params + I * G;
  const long rows = (long)B * T;
  f32 *dgx = scratch, *dgh = scratch + rows * G, *dh = dgh + rows * G, *dhp = dh + H, *daux = dhp + H;
  const int P = I * G + H * G + G + (conv == 1 ? G : 0);
  f32 *dWx = dparams, *dWh = dparams + I * G, *dbx = dWh + H * G, *dbh = dbx + G;
  if (skip_dwh) {
    vzero(dWx, I * G);
    vzero(dbx, P - (I + H) * G);
  } else {
    vzero(dparams, P);
  }
  const v128_t one = wasm_f32x4_splat(1.0f), zero = wasm_f32x4_splat(0.0f);

  for (int b = 0; b < B; b++) {
    vcopy(dh, dhout + (long)b * H, H);
    for (int t = T - 1; t >= 0; t--) {
      const long row = (long)b * T + t;
      const f32 *c = cache + row * 5 * H;
      const f32 *z = c + H, *r = c + 2 * H, *n = c + 3 * H, *aux = c + 4 * H;
      const f32 *hprev = t > 0 ? c - 5 * H : 0;
      f32 *gx = dgx + row * G, *gg = dgh + row * G;
      {
        int j = 0;
        for (; j + 4 <= H; j += 4) {
          v128_t dhv = LD(dh + j), zv = LD(z + j), nv = LD(n + j), hp = hprev ? LD(hprev + j) : zero;
          v128_t omz = VSUB(one, zv);
          ST(dhp + j, VMUL(dhv, zv));
          ST(gx + j, VMUL(VMUL(VMUL(dhv, VSUB(hp, nv)), zv), omz));
          ST(gx + 2 * H + j, VMUL(VMUL(dhv, omz), VSUB(one, VMUL(nv, nv))));
        }
        for (; j < H; j++) {
          f32 hp = hprev ? hprev[j] : 0.0f;
          f32 dn = dh[j] * (1.0f - z[j]) * (1.0f - n[j] * n[j]);
          f32 dz = dh[j] * (hp - n[j]) * z[j] * (1.0f - z[j]);
          dhp[j] = dh[j] * z[j];
          gx[j] = dz;
          gx[2 * H + j] = dn;
        }
      }
      if (conv == 1) {
        int j = 0;
        for (; j + 4 <= H; j += 4) {
          v128_t dn = LD(gx + 2 * H + j), rv = LD(r + j);
          v128_t dr = VMUL(VMUL(VMUL(dn, LD(aux + j)), rv), VSUB(one, rv));
          ST(gx + H + j, dr);
          ST(gg + j, LD(gx + j));
          ST(gg + H + j, dr);
          ST(gg + 2 * H + j, VMUL(dn, rv));
        }
        for (; j < H; j++) {
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
          int j = 0;
          for (; j + 4 <= H; j += 4) {
            v128_t da = LD(daux + j), rv = LD(r + j);
            ST(gx + H + j, VMUL(VMUL(VMUL(da, LD(hprev + j)), rv), VSUB(one, rv)));
            ST(dhp + j, VADD(LD(dhp + j), VMUL(da, rv)));
          }
          for (; j < H; j++) {
            gx[H + j] = daux[j] * hprev[j] * r[j] * (1.0f - r[j]);
            dhp[j] += daux[j] * r[j];
          }
          gemv_dot(Wh, G, H, gx, 2 * H, dhp);
        } else {
          vzero(gx + H, H);
        }
        vcopy(gg, gx, G);
      }
      if (dx) {  // 0: the caller (training) has no use for the input gradient
        f32 *dxt = dx + row * I;
        vzero(dxt, I);
        gemv_dot(Wx, G, I, gx, G, dxt);
      }
      f32 *tmp = dh;  // dh <- dhp
      dh = dhp;
      dhp = tmp;
    }
    // Weight gradients for this sample's whole sequence.
    const f32 *cb = cache + (long)b * T * 5 * H;
    const f32 *gxb = dgx + (long)b * T * G, *ggb = dgh + (long)b * T * G;
    gemm_at_b(x + (long)b * T * I, I, gxb, G, T, I, G, dWx, G);
    if (T > 1 && !skip_dwh) {
      if (conv == 1) {
        gemm_at_b(cb, 5 * H, ggb + G, G, T - 1, H, G, dWh, G);
      } else {
        gemm_at_b(cb, 5 * H, ggb + G, G, T - 1, H, 2 * H, dWh, G);
        gemm_at_b(cb + 5 * H + 4 * H, 5 * H, ggb + G + 2 * H, G, T - 1, H, H, dWh + 2 * H, G);
      }
    }
    for (int t = 0; t < T; t++) {
      vadd(dbx, gxb + (long)t * G, G);
      if (conv == 1) vadd(dbh, ggb + (long)t * G, G);
    }
  }
}

EXPORT void gru_backward(int conv, int B, int T, int I, int H, const f32 *x, const f32 *params, const f32 *cache,
                         const f32 *dhout, f32 *dx, f32 *dparams, f32 *scratch) {
  backward_impl(conv, B, T, I, H, x, params, cache, dhout, dx, dparams, scratch, 0);
}

// ---- Adam. tfjs AdamOptimizer computes, in f32,
//   m' = m*b1 + g*(1-b1);  v' = v*b2 + g*g*(1-b2);  p' = p + ((m'/a1) / (sqrt(v'/a2) + eps)) * -lr
// with a1 = 1 - b1^t, a2 = 1 - b2^t. Here the step is rearranged to the same real number with one
// division and one square root per weight instead of three divisions and a root (the divider is
// the bottleneck of this loop):  p' = p + (m' * kl) / (sqrt(v') + epsa)
// with kl = -lr*sqrt(a2)/a1 and epsa = eps*sqrt(a2), computed once per step by the host (AdamState).
// m' and v' stay bit-identical to tfjs; p' differs from tfjs by a few f32 ulps at most.
// Lane-wise IEEE f32 ops, so the vector loop rounds exactly like the scalar tail and the JS twin.
NOINLINE static void adam_core(int N, f32 *p, const f32 *g, f32 *m, f32 *v, f32 beta1, f32 beta2, f32 c1, f32 c2, f32 kl,
                      f32 epsa) {
  int i = 0;
  const v128_t B1 = wasm_f32x4_splat(beta1), B2 = wasm_f32x4_splat(beta2), K1 = wasm_f32x4_splat(c1), K2 = wasm_f32x4_splat(c2);
  const v128_t KL = wasm_f32x4_splat(kl), E = wasm_f32x4_splat(epsa);
  for (; i + 4 <= N; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), B1), wasm_f32x4_mul(gi, K1));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), B2), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), K2));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    v128_t step = wasm_f32x4_div(wasm_f32x4_mul(mi, KL), wasm_f32x4_add(wasm_f32x4_sqrt(vi), E));
    wasm_v128_store(p + i, wasm_f32x4_add(step, wasm_v128_load(p + i)));
  }
  for (; i < N; i++) {
    f32 gi = g[i];
    f32 mi = m[i] * beta1 + gi * c1;
    f32 vi = v[i] * beta2 + (gi * gi) * c2;
    m[i] = mi;
    v[i] = vi;
    p[i] = (mi * kl) / (__builtin_sqrtf(vi) + epsa) + p[i];
  }
}

// Adam on 4NV weights p[0..4NV) whose gradient is in registers g[] (same arithmetic as adam_core).
#define ADAM_VEC(G_, P_, M_, V_)                                                                      \
  do {                                                                                                 \
    v128_t mi_ = VADD(VMUL(LD(M_), B1), VMUL((G_), K1));                                               \
    v128_t vi_ = VADD(VMUL(LD(V_), B2), VMUL(VMUL((G_), (G_)), K2));                                   \
    ST(M_, mi_);                                                                                       \
    ST(V_, vi_);                                                                                       \
    ST(P_, VADD(wasm_f32x4_div(VMUL(mi_, KL), VADD(wasm_f32x4_sqrt(vi_), E)), LD(P_)));                \
  } while (0)

// Columns [0, 4NV) of one weight row: gradient sum_b sum_s A_b[s*sa] * D_b[s*sd + j] accumulated in
// registers in exactly gemm_at_b's order (from zero, sample after sample), then Adam applied
// straight away, so the gradient never goes through memory and the divider work of Adam overlaps
// the multiply-adds of the next block.
INLINE void gemm_adam_blk(const f32 *A, int sa, long sbA, const f32 *D, int sd, long sbD, int B, int S, f32 *p, f32 *m,
                          f32 *v, const int NV, v128_t B1, v128_t B2, v128_t K1, v128_t K2, v128_t KL, v128_t E) {
  v128_t a[8], b[8];
  for (int q = 0; q < NV; q++) a[q] = wasm_f32x4_splat(0.0f);
  for (int bb = 0; bb < B; bb++) {
    const f32 *Ab = A + bb * sbA, *Db = D + bb * sbD;
    for (int q = 0; q < NV; q++) b[q] = wasm_f32x4_splat(0.0f);
    int s = 0;
    if (NV < 4) {
      for (; s + 2 <= S; s += 2) {
        const f32 *d = Db + (long)s * sd;
        v128_t k0 = wasm_f32x4_splat(Ab[(long)s * sa]), k1 = wasm_f32x4_splat(Ab[(long)(s + 1) * sa]);
        for (int q = 0; q < NV; q++) {
          a[q] = VADD(a[q], VMUL(k0, LD(d + 4 * q)));
          b[q] = VADD(b[q], VMUL(k1, LD(d + sd + 4 * q)));
        }
      }
    }
    for (; s < S; s++) {
      const f32 *d = Db + (long)s * sd;
      v128_t ak = wasm_f32x4_splat(Ab[(long)s * sa]);
      for (int q = 0; q < NV; q++) a[q] = VADD(a[q], VMUL(ak, LD(d + 4 * q)));
    }
    if (NV < 4)
      for (int q = 0; q < NV; q++) a[q] = VADD(a[q], b[q]);
  }
  for (int q = 0; q < NV; q++) ADAM_VEC(a[q], p + 4 * q, m + 4 * q, v + 4 * q);
}

// The K x M weight block p (row stride ld; m, v alike) gets Adam with the gradient
// sum over samples b < B and s < S of A_b[s*sa + k] * D_b[s*sd + j].
NOINLINE static void gemm_adam(const f32 *A, int sa, long sbA, const f32 *D, int sd, long sbD, int B, int S, int K, int M, f32 *p,
                      f32 *m, f32 *v, int ld, f32 beta1, f32 beta2, f32 c1, f32 c2, f32 kl, f32 epsa) {
  const v128_t B1 = wasm_f32x4_splat(beta1), B2 = wasm_f32x4_splat(beta2), K1 = wasm_f32x4_splat(c1), K2 = wasm_f32x4_splat(c2);
  const v128_t KL = wasm_f32x4_splat(kl), E = wasm_f32x4_splat(epsa);
  for (int k = 0; k < K; k++) {
    const f32 *Ak = A + k;
    const long o = (long)k * ld;
    int j = 0;
    for (; j + 32 <= M; j += 32) gemm_adam_blk(Ak, sa, sbA, D + j, sd, sbD, B, S, p + o + j, m + o + j, v + o + j, 8, B1, B2, K1, K2, KL, E);
    if (j + 16 <= M) gemm_adam_blk(Ak, sa, sbA, D + j, sd, sbD, B, S, p + o + j, m + o + j, v + o + j, 4, B1, B2, K1, K2, KL, E), j += 16;
    if (j + 8 <= M) gemm_adam_blk(Ak, sa, sbA, D + j, sd, sbD, B, S, p + o + j, m + o + j, v + o + j, 2, B1, B2, K1, K2, KL, E), j += 8;
    if (j + 4 <= M) gemm_adam_blk(Ak, sa, sbA, D + j, sd, sbD, B, S, p + o + j, m + o + j, v + o + j, 1, B1, B2, K1, K2, KL, E), j += 4;
    for (; j < M; j++) {
      f32 g = 0.0f;
      for (int bb = 0; bb < B; bb++)
        for (int s = 0; s < S; s++) g += Ak[bb * sbA + (long)s * sa] * D[bb * sbD + (long)s * sd + j];
      f32 mi = m[o + j] * beta1 + g * c1;
      f32 vi = v[o + j] * beta2 + (g * g) * c2;
      m[o + j] = mi;
      v[o + j] = vi;
      p[o + j] = (mi * kl) / (__builtin_sqrtf(vi) + epsa) + p[o + j];
    }
  }
}

EXPORT void adam_step(int N, f32 *p, const f32 *g, f32 *m, f32 *v, f32 beta1, f32 beta2, f32 c1, f32 c2, f32 kl,
                      f32 epsa) {
  adam_core(N, p, g, m, v, beta1, beta2, c1, c2, kl, epsa);
}

// ---- One whole training epoch of GRU + Dense(1) + MSE + Adam in one call (no JS per step).
// Visits windows order[0..n) in batches of bs; per batch: gather x, forward, the head and the MSE
// gradient (in f64 exactly as FusedGruModel's JS loop does it, so both loops give identical bits),
// backward (no input gradient), then Adam on the GRU params and on head = [w(H), b] with the
// per-step coefficients coef[2*step] = kl, coef[2*step + 1] = epsa. xs [n][T][I] and ys [n] are
// the whole training set; hg, hm, hv are (H+1)-float head gradient and moments. Returns the sum
// of squared errors over the epoch (each measured before its batch's update).
EXPORT double train_epoch(int conv, int n, int bs, int T, int I, int H, const f32 *xs, const f32 *ys, const int *order,
                          f32 *params, f32 *dparams, f32 *m, f32 *v, f32 *head, f32 *hg, f32 *hm, f32 *hv, f32 *xb,
                          f32 *cache, f32 *hout, f32 *dhout, f32 *scratch, const f32 *coef, f32 beta1, f32 beta2, f32 c1,
                          f32 c2) {
  const int G = 3 * H;
  const int P = I * G + H * G + G + (conv == 1 ? G : 0);
  const int TI = T * I;
  double sum = 0;
  for (int first = 0, step = 0; first < n; first += bs, step++) {
    const int count = n - first < bs ? n - first : bs;
    for (int i = 0; i < count; i++) {
      const f32 *src = xs + (long)order[first + i] * TI;
      f32 *dst = xb + (long)i * TI;
      for (int k = 0; k < TI; k++) dst[k] = src[k];
    }
    forward_impl(conv, count, T, I, H, xb, params, cache, hout, scratch);
    for (int j = 0; j <= H; j++) hg[j] = 0.0f;
    for (int i = 0; i < count; i++) {
      const f32 *h = hout + (long)i * H;
      double s = head[H];
      for (int j = 0; j < H; j++) s += (double)h[j] * (double)head[j];
      const double err = s - (double)ys[order[first + i]];
      sum += err * err;
      const double d = (2 * err) / count;
      f32 *dh = dhout + (long)i * H;
      for (int j = 0; j < H; j++) {
        dh[j] = (f32)(d * (double)head[j]);
        hg[j] = (f32)((double)hg[j] + d * (double)h[j]);
      }
      hg[H] = (f32)((double)hg[H] + d);
    }
    const f32 kl = coef[2 * step], epsa = coef[2 * step + 1];
    if (T > 1) {
      // dWh is formed block by block with its Adam update (gemm_adam); the rest as usual.
      backward_impl(conv, count, T, I, H, xb, params, cache, dhout, 0, dparams, scratch, 1);
      const int WH = I * G, AFTER = (I + H) * G;
      adam_core(WH, params, dparams, m, v, beta1, beta2, c1, c2, kl, epsa);
      adam_core(P - AFTER, params + AFTER, dparams + AFTER, m + AFTER, v + AFTER, beta1, beta2, c1, c2, kl, epsa);
      const f32 *dgh = scratch + (long)count * T * G;  // backward's recurrent-side gate gradients
      const long sbA = (long)T * 5 * H, sbD = (long)T * G;
      f32 *pW = params + WH, *mW = m + WH, *vW = v + WH;
      if (conv == 1) {
        gemm_adam(cache, 5 * H, sbA, dgh + G, G, sbD, count, T - 1, H, G, pW, mW, vW, G, beta1, beta2, c1, c2, kl, epsa);
      } else {
        gemm_adam(cache, 5 * H, sbA, dgh + G, G, sbD, count, T - 1, H, 2 * H, pW, mW, vW, G, beta1, beta2, c1, c2, kl, epsa);
        gemm_adam(cache + 9 * H, 5 * H, sbA, dgh + G + 2 * H, G, sbD, count, T - 1, H, H, pW + 2 * H, mW + 2 * H,
                  vW + 2 * H, G, beta1, beta2, c1, c2, kl, epsa);
      }
    } else {
      backward_impl(conv, count, T, I, H, xb, params, cache, dhout, 0, dparams, scratch, 0);
      adam_core(P, params, dparams, m, v, beta1, beta2, c1, c2, kl, epsa);
    }
    adam_core(H + 1, head, hg, hm, hv, beta1, beta2, c1, c2, kl, epsa);
  }
  return sum;
}
