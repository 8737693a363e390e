// A seasonal ARIMA(p,d,q)(P,D,Q)_m with an optional constant (the mean of the differenced series:
// an intercept when d + D = 0, a drift when d + D = 1), fitted by conditional sum of squares
// (R's arima(method = "CSS"), which auto.arima uses to choose among models on long or seasonal
// series): the AR parameters are optimised through the partial autocorrelations (tanh), so every
// fit is stationary; MA roots are checked afterwards. Forecasts and one-step errors run the same
// recursion on the undifferenced series, so a fitted model filters any longer history.
import { nelderMead } from '../nelder-mead';
import { armaExactLikelihood } from './arma-likelihood';

export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Season length (1: no seasonal part). */
  m: number;
  constant: boolean;
}

export interface ArimaFit {
  order: ArimaOrder;
  ar: number[];
  ma: number[];
  sar: number[];
  sma: number[];
  /** Mean of the differenced series (0 without constant). */
  mean: number;
  sigma2: number;
  loglik: number;
  aicc: number;
  /** Points the recursion conditions on before its first one-step error: d + D·m + p + P·m. */
  ncond: number;
}

/** Expanded model for the recursions: x_t = Σ delta_k x_{t-k} + w_t,
 *  w_t - mean = Σ phi_i (w_{t-i} - mean) + e_t + Σ theta_j e_{t-j}. */
export interface ArimaPolynomials {
  delta: number[];
  phi: number[];
  theta: number[];
  mean: number;
}

export function arimaName(o: ArimaOrder): string {
  const s = o.m > 1 && (o.P || o.D || o.Q) ? `(${o.P},${o.D},${o.Q})[${o.m}]` : '';
  const c = o.constant ? (o.d + o.D === 0 ? ' with non-zero mean' : ' with drift') : '';
  return `ARIMA(${o.p},${o.d},${o.q})${s}${c}`;
}

/** (1 - Σ a_i B^i)(1 - Σ A_j B^{jm}) as coefficients c with 1 - Σ c_i B^i. */
function expandAr(a: readonly number[], seasonal: readonly number[], m: number): number[] {
  const out = new Array<number>(a.length + seasonal.length * m).fill(0);
  a.forEach((v, i) => (out[i] += v));
  seasonal.forEach((s, j) => {
    out[(j + 1) * m - 1] += s;
    a.forEach((v, i) => (out[(j + 1) * m + i] -= s * v));
  });
  return out;
}

/** (1 + Σ b_i B^i)(1 + Σ B_j B^{jm}) as coefficients c with 1 + Σ c_i B^i. */
function expandMa(b: readonly number[], seasonal: readonly number[], m: number): number[] {
  const out = new Array<number>(b.length + seasonal.length * m).fill(0);
  b.forEach((v, i) => (out[i] += v));
  seasonal.forEach((s, j) => {
    out[(j + 1) * m - 1] += s;
    b.forEach((v, i) => (out[(j + 1) * m + i] += s * v));
  });
  return out;
}

/** (1-B)^d (1-B^m)^D as delta with x_t = Σ delta_k x_{t-k} + w_t. */
function differencing(d: number, D: number, m: number): number[] {
  let poly = [1];
  const times = (f: number[]) => {
    const out = new Array<number>(poly.length + f.length - 1).fill(0);
    poly.forEach((a, i) => f.forEach((b, j) => (out[i + j] += a * b)));
    poly = out;
  };
  for (let i = 0; i < d; i++) times([1, -1]);
  for (let i = 0; i < D; i++) times([1, ...new Array<number>(m - 1).fill(0), -1]);
  return poly.slice(1).map((c) => -c);
}

export function arimaPolynomials(f: Pick<ArimaFit, 'order' | 'ar' | 'ma' | 'sar' | 'sma' | 'mean'>): ArimaPolynomials {
  const { d, D, m } = f.order;
  return {
    delta: differencing(d, D, m),
    phi: expandAr(f.ar, f.sar, m),
    theta: expandMa(f.ma, f.sma, m),
    mean: f.mean,
  };
}

/** R's partrans: unconstrained values -> a stationary AR polynomial via partial autocorrelations. */
export function arFromUnconstrained(raw: readonly number[]): number[] {
  const out = raw.map((v) => Math.tanh(v));
  const work = [...out];
  for (let j = 1; j < out.length; j++) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] -= a * out[j - k - 1];
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
  return out;
}

/** Whether 1 - Σ c_i z^i has every root outside |z| = radius (step-down / Schur-Cohn). */
export function rootsOutside(c: readonly number[], radius = 1): boolean {
  let a = c.map((v, i) => v * radius ** (i + 1));
  while (a.length && Math.abs(a[a.length - 1]) < 1e-12) a = a.slice(0, -1);
  for (let k = a.length; k >= 1; k--) {
    const kappa = a[k - 1];
    if (Math.abs(kappa) >= 1) return false;
    const next = new Array<number>(k - 1);
    for (let i = 0; i < k - 1; i++) next[i] = (a[i] + kappa * a[k - 2 - i]) / (1 - kappa * kappa);
    a = next;
  }
  return true;
}

/** The recursion's state after some observations: the latest values and one-step errors. */
export interface ArimaState {
  /** The last delta.length + phi.length values of the series (oldest first). */
  x: number[];
  /** The last theta.length one-step errors (oldest first). */
  e: number[];
}

/** One-step forecast from a state. */
export function arimaForecastOne(poly: ArimaPolynomials, s: ArimaState): number {
  const { delta, phi, theta, mean } = poly;
  const n = s.x.length;
  const w = (back: number) => {
    let v = s.x[n - back];
    for (let k = 0; k < delta.length; k++) v -= delta[k] * s.x[n - back - k - 1];
    return v;
  };
  let f = mean;
  for (let i = 0; i < phi.length; i++) if (phi[i] !== 0) f += phi[i] * (w(i + 1) - mean);
  for (let j = 0; j < theta.length; j++) if (theta[j] !== 0) f += theta[j] * s.e[s.e.length - 1 - j];
  for (let k = 0; k < delta.length; k++) f += delta[k] * s.x[n - 1 - k];
  return f;
}

/** The state after observing `y` (one-step error y - forecast). */
export function arimaUpdate(poly: ArimaPolynomials, s: ArimaState, y: number): ArimaState {
  const e = y - arimaForecastOne(poly, s);
  return { x: [...s.x.slice(1), y], e: poly.theta.length ? [...s.e.slice(1), e] : s.e };
}

/** Runs the model over `x` from index `start` (conditioning on the points before it, errors 0):
 *  final state and the one-step errors of the points from `start` on. */
export function filterArima(poly: ArimaPolynomials, x: readonly number[], start: number): { state: ArimaState; innovations: number[] } {
  const lx = poly.delta.length + poly.phi.length;
  if (start < lx) throw new Error(`ARIMA filter: need ${lx} points before the first error, got ${start}`);
  const xs = x.slice(start - lx, start);
  const es = new Array<number>(poly.theta.length).fill(0);
  const innovations = cssResiduals(poly, x, start);
  for (let t = start; t < x.length; t++) {
    if (lx) {
      xs.shift();
      xs.push(x[t]);
    }
    if (es.length) {
      es.shift();
      es.push(innovations[t - start]);
    }
  }
  return { state: { x: xs, e: es }, innovations };
}

/** One-step errors of x from `start` on (the conditional sum of squares' residuals), on the
 *  differenced series directly: sparse polynomials keep it O(n · nonzero coefficients). */
function cssResiduals(poly: ArimaPolynomials, x: readonly number[], start: number): number[] {
  const { delta, phi, theta, mean } = poly;
  const n = x.length;
  const dl = delta.length;
  const w = new Float64Array(n);
  for (let t = dl; t < n; t++) {
    let v = x[t];
    for (let k = 0; k < dl; k++) v -= delta[k] * x[t - k - 1];
    w[t] = v - mean;
  }
  const arIdx = phi.flatMap((c, i) => (c !== 0 ? [i] : []));
  const maIdx = theta.flatMap((c, i) => (c !== 0 ? [i] : []));
  const e = new Float64Array(n);
  const out: number[] = [];
  for (let t = start; t < n; t++) {
    let f = 0;
    for (const i of arIdx) f += phi[i] * w[t - i - 1];
    for (const j of maIdx) if (t - j - 1 >= start) f += theta[j] * e[t - j - 1];
    e[t] = w[t] - f;
    out.push(e[t]);
  }
  return out;
}

/** Point forecasts of `h` steps from a state. */
export function arimaForecast(poly: ArimaPolynomials, s: ArimaState, h: number): number[] {
  const out: number[] = [];
  let state = s;
  for (let i = 0; i < h; i++) {
    const f = arimaForecastOne(poly, state);
    out.push(f);
    state = arimaUpdate(poly, state, f);
  }
  return out;
}

/** AR and MA roots must lie outside 1.01 (as auto.arima rejects near-unit-root fits). */
const ROOT_MARGIN = 1.01;

/**
 * Fits one order to `x` by conditional sum of squares; undefined when the data are too short or
 * the fit is not invertible. AICc as R: -2 loglik + 2k + 2k(k+1)/(n - k - 1), k = coefficients + 1.
 */
export function fitArima(x: readonly number[], order: ArimaOrder, method: 'css' | 'ml' = 'ml'): ArimaFit | undefined {
  const { p, d, q, P, D, Q, m, constant } = order;
  const ncond = d + D * m + p + P * m;
  // As R: the likelihood counts every differenced point (CSS: σ² from the residuals after ncond).
  const nUsed = x.length - d - D * m;
  if (x.length - ncond < 3) return undefined;
  const k = p + q + P + Q + (constant ? 1 : 0) + 1;
  if (nUsed < k + 2 || nUsed < 3) return undefined;
  const base = { order, ar: [] as number[], ma: [] as number[], sar: [] as number[], sma: [] as number[], mean: 0 };
  const w0 = differencedMean(x, order);
  const scale = w0.sd > 0 ? w0.sd : 1;
  const unpack = (v: readonly number[]) => ({
    ...base,
    ar: arFromUnconstrained(v.slice(0, p)),
    ma: v.slice(p, p + q),
    sar: arFromUnconstrained(v.slice(p + q, p + q + P)),
    sma: v.slice(p + q + P, p + q + P + Q),
    mean: constant ? w0.mean + v[p + q + P + Q] * scale : 0,
  });
  const ssq = (v: readonly number[]) => {
    const f = unpack(v);
    const r = cssResiduals(arimaPolynomials(f), x, ncond);
    let s = 0;
    for (const e of r) s += e * e;
    return Number.isFinite(s) ? s : Infinity;
  };
  const dims = k - 1;
  let best = new Array<number>(dims).fill(0);
  let value = ssq(best);
  if (dims > 0) {
    // Restarted once from its result: Nelder-Mead's simplex can collapse before the optimum.
    for (let round = 0; round < 2; round++) {
      const r = nelderMead(ssq, best, { steps: new Array<number>(dims).fill(0.1), maxEvaluations: 150 * dims, relTol: 1e-8 });
      if (r.f <= value) {
        best = r.x;
        value = r.f;
      }
    }
  }
  let sigma2 = value / (x.length - ncond);
  let m2loglik = nUsed * (Math.log(2 * Math.PI * sigma2) + 1);
  let fit = unpack(best);
  if (method === 'ml') {
    // Exact likelihood from the CSS optimum (R's default "CSS-ML").
    const { w } = differencedMean(x, order);
    const exact = (v: readonly number[]) => {
      const f = unpack(v);
      const poly = arimaPolynomials(f);
      if (!rootsOutside(poly.theta.map((c) => -c))) return Infinity;
      return armaExactLikelihood(
        w.map((u) => u - f.mean),
        poly.phi,
        poly.theta,
      ).m2loglik;
    };
    let mlBest = best;
    let mlValue = exact(best);
    if (!Number.isFinite(mlValue)) {
      // A non-invertible CSS optimum: start the MA part from zero instead.
      mlBest = best.map((v, i) => ((i >= p && i < p + q) || (i >= p + q + P && i < dims - (constant ? 1 : 0)) ? 0 : v));
      mlValue = exact(mlBest);
    }
    if (dims > 0 && Number.isFinite(mlValue)) {
      for (let round = 0; round < 2; round++) {
        const r = nelderMead(exact, mlBest, { steps: new Array<number>(dims).fill(0.05), maxEvaluations: 150 * dims, relTol: 1e-8 });
        if (r.f <= mlValue) {
          mlBest = r.x;
          mlValue = r.f;
        }
      }
    }
    if (!Number.isFinite(mlValue)) return undefined;
    fit = unpack(mlBest);
    const poly = arimaPolynomials(fit);
    sigma2 = armaExactLikelihood(w.map((u) => u - fit.mean), poly.phi, poly.theta).sigma2;
    m2loglik = mlValue;
  }
  if (!(sigma2 > 0) || !Number.isFinite(sigma2) || !Number.isFinite(m2loglik)) return undefined;
  const poly = arimaPolynomials(fit);
  if (!rootsOutside(poly.phi, ROOT_MARGIN) || !rootsOutside(poly.theta.map((c) => -c), ROOT_MARGIN)) return undefined;
  const loglik = -0.5 * m2loglik;
  const aicc = -2 * loglik + 2 * k + (2 * k * (k + 1)) / (nUsed - k - 1);
  return { ...fit, sigma2, loglik, aicc, ncond };
}

function differencedMean(x: readonly number[], o: ArimaOrder): { mean: number; sd: number; w: number[] } {
  const delta = differencing(o.d, o.D, o.m);
  const w: number[] = [];
  for (let t = delta.length; t < x.length; t++) {
    let v = x[t];
    for (let k = 0; k < delta.length; k++) v -= delta[k] * x[t - k - 1];
    w.push(v);
  }
  const mean = w.reduce((a, b) => a + b, 0) / Math.max(1, w.length);
  const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, w.length - 1));
  return { mean, sd, w };
}
