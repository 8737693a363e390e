// Maximum-likelihood fit of one ETS model, as forecast::ets's etsmodel(): smoothing parameters and
// initial states optimised together by Nelder–Mead within R's default bounds ("both": usual and
// the simple admissibility conditions), starting from R's initparam()/initstate() values.
import { decompose } from '../decompose';
import { nelderMead } from '../nelder-mead';
import { admissibleInequalities, admissibleSeasonal } from './admissible';
import { etsFilter, etsLikelihood, etsName, etsProject, type EtsParams, type EtsSpec, type EtsStates } from './ets-model';

export interface EtsFit {
  spec: EtsSpec;
  /** "ETS(M,Ad,M)" */
  name: string;
  /** Season length the model uses (1 without season). */
  period: number;
  params: EtsParams;
  initial: EtsStates;
  final: EtsStates;
  n: number;
  /** Estimated parameters including σ (R's df). */
  k: number;
  /** -0.5 · R's objective (R's `loglik`, without the constant terms). */
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σe²/(n − k + 1): variance of the (relative, for multiplicative errors) one-step errors, as R's sigma2. */
  sigma2: number;
  /** Objective evaluations used by Nelder–Mead. */
  evaluations: number;
}

// R's default bounds: lower = c(1e-4, 1e-4, 1e-4, 0.8), upper = c(0.9999, 0.9999, 0.9999, 0.98).
const LOWER = 1e-4;
const UPPER = 0.9999;
const PHI_LOWER = 0.8;
const PHI_UPPER = 0.98;
/** Objective evaluations of the joint Nelder–Mead (R's maxit) and of the first, smaller stage. */
const MAX_EVALS = 2000;
const STAGE_EVALS = 400;
// Relative change of the objective (≈ n·log σ²) at which the simplex counts as converged: 1e-6 of
// ~1000 is 0.001 in AICc, far below what separates models, and half the work of R's 1.5e-8.
const REL_TOL = 1e-6;
// Globals (Infinity, Math) are looked up through an interceptor inside a vm context (jest): the
// optimiser's objective uses these module constants instead.
const INF = Number.POSITIVE_INFINITY;

/** Free parameters R estimates for this spec, excluding σ: α (+β, b0) (+φ) (+γ, m−1 seasonal states) + l0. */
export function etsParamCount(spec: EtsSpec, m: number): number {
  return 2 + (spec.trend !== 'N' ? 2 : 0) + (spec.trend === 'Ad' ? 1 : 0) + (spec.season !== 'N' ? m : 0);
}

/** Fits `spec` to `y`. Undefined when the series is too short for it or no finite likelihood was found. */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec, period: number): EtsFit | undefined {
  const n = y.length;
  const seasonal = spec.season !== 'N';
  const m = seasonal ? period : 1;
  if (seasonal && (m < 2 || n < 2 * m + 1)) return undefined;
  const trended = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const np = etsParamCount(spec, m);
  if (n <= np + 4) return undefined; // R fits no optimised model then (n <= npars + 4)

  const init = initialStates(y, spec, m);
  if (!init) return undefined;
  // Vector layout: alpha, [beta], [gamma], [phi], l0, [b0], [s_1 … s_{m-1}] (s_0 follows from the sum).
  const alpha0 = Math.min(LOWER + (0.2 * (UPPER - LOWER)) / (period > 1 ? period : 1), 0.5);
  const x0: number[] = [alpha0];
  const steps: number[] = [Math.max(0.05, alpha0)];
  if (trended) {
    x0.push(LOWER + 0.1 * (alpha0 - LOWER));
    steps.push(0.4 * (alpha0 - LOWER));
  }
  if (seasonal) {
    x0.push(LOWER + 0.05 * (1 - alpha0 - LOWER));
    steps.push(0.05);
  }
  if (damped) {
    x0.push(PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER));
    steps.push(-0.05);
  }
  const scale = spread(y);
  x0.push(init.level);
  steps.push(0.1 * (Math.abs(init.level) || scale || 1));
  if (trended) {
    x0.push(init.trend);
    steps.push(0.1 * (Math.abs(init.trend) || 0.01 * (scale || 1)));
  }
  if (seasonal) {
    for (let j = 1; j < m; j++) {
      x0.push(init.season[j]);
      steps.push(spec.season === 'M' ? 0.02 : 0.1 * (Math.abs(init.season[j]) || 0.01 * (scale || 1)));
    }
  }

  const unpack = (x: readonly number[]): { p: EtsParams; s: EtsStates } | undefined => {
    let i = 0;
    const alpha = x[i++];
    const beta = trended ? x[i++] : 0;
    const gamma = seasonal ? x[i++] : 0;
    const phi = damped ? x[i++] : 1;
    if (!(alpha >= LOWER && alpha <= UPPER)) return undefined;
    if (trended && !(beta >= LOWER && beta <= Math.min(alpha, UPPER))) return undefined;
    if (seasonal && !(gamma >= LOWER && gamma <= Math.min(1 - alpha, UPPER))) return undefined;
    if (damped && !(phi >= PHI_LOWER && phi <= PHI_UPPER)) return undefined;
    if (seasonal && !admissibleInequalities(alpha, beta, gamma, phi, m)) return undefined;
    const level = x[i++];
    const trend = trended ? x[i++] : 0;
    const season: number[] = [];
    if (seasonal) {
      let sum = 0;
      for (let j = 1; j < m; j++) sum += x[i + j - 1];
      season.push((spec.season === 'M' ? m : 0) - sum);
      for (let j = 1; j < m; j++) season.push(x[i + j - 1]);
      if (spec.season === 'M' && season.some((v) => v < 0)) return undefined;
    }
    return { p: { alpha, beta, gamma, phi }, s: { level, trend, season } };
  };
  const work = new Float64Array(Math.max(m, 1));
  let strict = false; // also the characteristic-root test (slow: only when the optimum failed it)
  const objective = (x: number[]): number => {
    // The hot path of unpack(), without allocating.
    let i = 0;
    const alpha = x[i++];
    const beta = trended ? x[i++] : 0;
    const gamma = seasonal ? x[i++] : 0;
    const phi = damped ? x[i++] : 1;
    if (!(alpha >= LOWER && alpha <= UPPER)) return INF;
    if (trended && !(beta >= LOWER && beta <= alpha && beta <= UPPER)) return INF;
    if (seasonal && !(gamma >= LOWER && gamma <= 1 - alpha && gamma <= UPPER)) return INF;
    if (damped && !(phi >= PHI_LOWER && phi <= PHI_UPPER)) return INF;
    if (seasonal && !admissibleInequalities(alpha, beta, gamma, phi, m)) return INF;
    if (strict && !admissibleSeasonal(alpha, beta, gamma, phi, m)) return INF;
    const level = x[i++];
    const trend = trended ? x[i++] : 0;
    if (seasonal) {
      let sum = 0;
      for (let j = 1; j < m; j++) sum += work[j] = x[i + j - 1];
      work[0] = (spec.season === 'M' ? m : 0) - sum;
      if (spec.season === 'M') for (let j = 0; j < m; j++) if (work[j] < 0) return INF;
    }
    return clampLik(etsLikelihood(y, spec, m, alpha, beta, gamma, phi, level, trend, work));
  };
  if (!Number.isFinite(objective(x0))) return undefined;
  const optimise = () => {
    // Seasonal models have m-1 more dimensions than the rest; Nelder–Mead converges slowly there.
    // First optimise the smoothing parameters and level/trend with the seasonal states held at
    // their starting values, then everything together from that point.
    const free = x0.length - (seasonal ? m - 1 : 0);
    let start = x0;
    let used = 0;
    if (seasonal) {
      const tail = x0.slice(free);
      const stage = nelderMead((x) => objective([...x, ...tail]), x0.slice(0, free), {
        steps: steps.slice(0, free),
        maxEvaluations: STAGE_EVALS,
        relTol: REL_TOL,
      });
      used += stage.evaluations;
      start = [...stage.x, ...tail];
    }
    const result = nelderMead(objective, start, { steps, maxEvaluations: MAX_EVALS, relTol: REL_TOL });
    return { ...result, evaluations: used + result.evaluations };
  };
  let opt = optimise();
  let evaluations = opt.evaluations;
  // The optimum passed the cheap inequalities; R also requires the characteristic roots inside the
  // unit circle. Rarely binding within the usual bounds, so only then optimise again with it.
  const found = unpack(opt.x);
  if (seasonal && found && !admissibleSeasonal(found.p.alpha, found.p.beta, found.p.gamma, found.p.phi, m)) {
    strict = true;
    if (!Number.isFinite(objective(x0))) return undefined;
    opt = optimise();
    evaluations += opt.evaluations;
  }
  const u = unpack(opt.x);
  if (!u || !Number.isFinite(opt.f)) return undefined;
  const run = etsFilter(y, spec, m, u.p, u.s);
  const lik = clampLik(run.lik);
  const k = np + 1;
  const aic = lik + 2 * k;
  return {
    spec,
    name: etsName(spec),
    period: m,
    params: u.p,
    initial: u.s,
    final: run.final,
    n,
    k,
    loglik: -0.5 * lik,
    aic,
    aicc: n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity,
    bic: lik + Math.log(n) * k,
    sigma2: run.sse / Math.max(1, n - np),
    evaluations,
  };
}

/** R's objective guard: NaN/+∞ is infeasible; a perfect fit (log 0) counts as -1e10. */
function clampLik(lik: number): number {
  if (lik !== lik || lik === INF) return INF; // NaN or +∞
  return lik < -1e10 ? -1e10 : lik;
}

/** Point forecasts of a fitted model, h = 1..horizon after its last observation. */
export function etsFitForecast(fit: EtsFit, horizon: number): number[] {
  return etsProject(fit.spec, fit.period, fit.params.phi, fit.final, fit.n, horizon);
}

/** R's initstate(): seasonal indices from a classical decomposition (or a linear trend + one
 *  Fourier term when there are fewer than three seasons), level and trend from a regression on
 *  the first max(10, 2m) seasonally adjusted values. */
function initialStates(y: ArrayLike<number>, spec: EtsSpec, m: number): EtsStates | undefined {
  const n = y.length;
  let season: number[] = [];
  let adjusted: number[] = Array.from(y);
  if (spec.season !== 'N') {
    const mult = spec.season === 'M';
    let seasonalOf: (t: number) => number;
    if (n < 3 * m) {
      const fit = trendFourierFit(y, m);
      seasonalOf = (t) => (mult ? y[t] / (fit.a + fit.b * (t + 1)) : y[t] - fit.a - fit.b * (t + 1));
    } else {
      const d = decompose(y, m, mult ? 'multiplicative' : 'additive');
      seasonalOf = (t) => d.seasonal[t];
    }
    season = Array.from({ length: m }, (_, j) => seasonalOf(j));
    if (mult) {
      // R clamps the free indices (its s_0 … s_{m-2}, our phases 1 … m-1) and derives phase 0.
      const free = season.slice(1).map((v) => Math.max(v, 1e-2));
      let total = free.reduce((a, b) => a + b, 0);
      if (total > m) {
        const denom = free.reduce((a, b) => a + b + 1e-2, 0);
        for (let j = 0; j < free.length; j++) free[j] /= denom;
        total = free.reduce((a, b) => a + b, 0);
      }
      season = [m - total, ...free];
      adjusted = adjusted.map((v, t) => v / Math.max(seasonalOf(t), 1e-2));
    } else {
      const free = season.slice(1);
      season = [-free.reduce((a, b) => a + b, 0), ...free];
      adjusted = adjusted.map((v, t) => v - seasonalOf(t));
    }
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  let level: number;
  let trend = 0;
  if (spec.trend === 'N') {
    level = mean(adjusted.slice(0, maxn));
  } else {
    const { a, b } = linearFit(adjusted.slice(0, maxn));
    level = a;
    trend = b;
    if (Math.abs(level + trend) < 1e-8) {
      level *= 1 + 1e-3;
      trend *= 1 - 1e-3;
    }
  }
  if (!Number.isFinite(level) || !Number.isFinite(trend) || season.some((v) => !Number.isFinite(v))) return undefined;
  return { level, trend, season };
}

/** Least squares y = a + b·t with t = 1..n (R's lsfit(1:maxn, y)). */
function linearFit(y: ArrayLike<number>): { a: number; b: number } {
  const n = y.length;
  if (n < 2) return { a: y[0], b: 0 };
  const tMean = (n + 1) / 2;
  const yMean = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i + 1 - tMean) * (y[i] - yMean);
    sxx += (i + 1 - tMean) ** 2;
  }
  const b = sxy / sxx;
  return { a: yMean - b * tMean, b };
}

/** y ~ a + b·t + sin/cos(2πt/m) by least squares (R's tslm(y ~ trend + fourier(y, 1))); returns a, b. */
function trendFourierFit(y: ArrayLike<number>, m: number): { a: number; b: number } {
  const n = y.length;
  const cols = (t: number) => {
    const base = [1, t + 1, Math.sin((2 * Math.PI * (t + 1)) / m)];
    return m > 2 ? [...base, Math.cos((2 * Math.PI * (t + 1)) / m)] : base;
  };
  const k = cols(0).length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let t = 0; t < n; t++) {
    const c = cols(t);
    for (let i = 0; i < k; i++) {
      xty[i] += c[i] * y[t];
      for (let j = 0; j < k; j++) xtx[i][j] += c[i] * c[j];
    }
  }
  const beta = solve(xtx, xty);
  return beta ? { a: beta[0], b: beta[1] } : linearFit(y);
}

/** Gaussian elimination with partial pivoting; undefined when singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const M = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-12) return undefined;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x;
}

function mean(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s / y.length;
}

function spread(y: ArrayLike<number>): number {
  const mu = mean(y);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - mu) ** 2;
  return Math.sqrt(s / Math.max(1, y.length - 1));
}
