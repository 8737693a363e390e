// Exact Gaussian log-likelihood of a stationary ARMA (R's arima(method = "ML") via its state-space
// form, Gardner et al. 1980): the Kalman filter from the stationary state covariance, which solves
// P = T P T' + R R' (here by doubling: Σ T^k R R' T'^k summed 2^j terms at a time). The filter
// switches to the plain residual recursion once its gain has converged, as R's does.

/** -2·loglik concentrated over σ², and σ², for w (already mean-removed and differenced). */
export function armaExactLikelihood(w: ArrayLike<number>, phi: readonly number[], theta: readonly number[]): { m2loglik: number; sigma2: number } {
  const r = Math.max(phi.length, theta.length + 1, 1);
  const ph = Float64Array.from({ length: r }, (_, i) => phi[i] ?? 0);
  const R = Float64Array.from({ length: r }, (_, i) => (i === 0 ? 1 : (theta[i - 1] ?? 0)));
  const P = stationaryCovariance(ph, R);
  const a = new Float64Array(r);
  const K = new Float64Array(r);
  const n = w.length;
  let ssq = 0;
  let sumLog = 0;
  let steady = false;
  for (let t = 0; t < n; t++) {
    const v = w[t] - a[0];
    if (!steady) {
      const F = P[0];
      if (!(F > 0)) return { m2loglik: Infinity, sigma2: NaN };
      ssq += (v * v) / F;
      sumLog += Math.log(F);
      for (let i = 0; i < r; i++) K[i] = P[i * r] / F;
      // updated P = P - K K' F, then predicted P = T P T' + R R'
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] -= K[i] * K[j] * F;
      for (let i = 0; i < r; i++) a[i] += K[i] * v;
      predictCovariance(P, ph, R, r);
      steady = Math.abs(P[0] - 1) < 1e-10;
    } else {
      ssq += v * v;
      for (let i = 0; i < r; i++) a[i] += R[i] * v;
    }
    const a0 = a[0];
    for (let i = 0; i < r - 1; i++) a[i] = ph[i] * a0 + a[i + 1];
    a[r - 1] = ph[r - 1] * a0;
  }
  const sigma2 = ssq / n;
  return { m2loglik: n * Math.log(2 * Math.PI * sigma2) + sumLog + n, sigma2 };
}

/** P <- T P T' + R R' for the companion T (first column phi, ones above the diagonal). */
function predictCovariance(P: Float64Array, ph: Float64Array, R: Float64Array, r: number): void {
  const TP = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) TP[i * r + j] = ph[i] * P[j] + (i + 1 < r ? P[(i + 1) * r + j] : 0);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) P[i * r + j] = TP[i * r] * ph[j] + (j + 1 < r ? TP[i * r + j + 1] : 0) + R[i] * R[j];
}

/** Σ_k T^k R R' T'^k by doubling. The first row of P depends on P[j] = P[0][j] (row-major). */
function stationaryCovariance(ph: Float64Array, R: Float64Array): Float64Array {
  const r = ph.length;
  const P = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] = R[i] * R[j];
  let A = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    A[i * r] = ph[i];
    if (i + 1 < r) A[i * r + i + 1] = 1;
  }
  for (let iter = 0; iter < 60; iter++) {
    const AP = matMul(A, P, r);
    const APAt = matMulT(AP, A, r);
    let change = 0;
    for (let i = 0; i < r * r; i++) {
      P[i] += APAt[i];
      change = Math.max(change, Math.abs(APAt[i]));
    }
    if (change < 1e-12) break;
    A = matMul(A, A, r);
  }
  return P;
}

function matMul(A: Float64Array, B: Float64Array, r: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let k = 0; k < r; k++) {
      const a = A[i * r + k];
      if (a === 0) continue;
      for (let j = 0; j < r; j++) out[i * r + j] += a * B[k * r + j];
    }
  return out;
}

/** A B' */
function matMulT(A: Float64Array, B: Float64Array, r: number): Float64Array {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += A[i * r + k] * B[j * r + k];
      out[i * r + j] = s;
    }
  return out;
}
