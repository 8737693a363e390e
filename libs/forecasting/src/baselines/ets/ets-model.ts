// One exponential smoothing state space model ETS(error, trend, season) (Hyndman et al. 2008),
// written as R's forecast::ets computes it (src/etscalc.c): the state updates below are the same
// for additive and multiplicative errors, only the likelihood differs.
//   level  l_t = q + α(p - q)            q = l_{t-1} + φ b_{t-1} (damped) ; p = y_t deseasonalised
//   trend  b_t = φ b_{t-1} + (β/α)(l_t - l_{t-1} - φ b_{t-1})
//   season s_t = s_{t-m} + γ(y_t / q − s_{t-m})   (or y_t − q for additive seasons)
// Objective (R's "lik"): n·log(Σe²) + 2·Σ log|ŷ| for multiplicative errors (e = (y−ŷ)/ŷ),
// n·log(Σe²) for additive ones; AIC = lik + 2k, k counting σ.

/** Math.log bound once: see etsLikelihood. */
const ln = Math.log;

export type EtsErrorType = 'A' | 'M';
export type EtsTrendType = 'N' | 'A' | 'Ad';
export type EtsSeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: EtsErrorType;
  trend: EtsTrendType;
  season: EtsSeasonType;
}

export interface EtsParams {
  alpha: number;
  beta: number; // 0 without trend
  gamma: number; // 0 without season
  phi: number; // 1 unless damped
}

/** Initial (t = 0) states; season[j] is the index of phase j, i.e. of observations j, j+m, … */
export interface EtsStates {
  level: number;
  trend: number;
  season: number[];
}

/** "ETS(M,Ad,M)" */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

export interface EtsFilterResult {
  /** R's objective (see top); NaN when a forecast was not finite. */
  lik: number;
  /** States after the last observation. */
  final: EtsStates;
  fitted: Float64Array;
  sse: number;
}

/** Runs the model through `y` from `init`. `m` is the season length (1 without season). */
export function etsFilter(
  y: ArrayLike<number>,
  spec: EtsSpec,
  m: number,
  p: EtsParams,
  init: EtsStates,
  keepFitted = false,
): EtsFilterResult {
  const n = y.length;
  const seasonal = spec.season !== 'N';
  const trended = spec.trend !== 'N';
  const multSeason = spec.season === 'M';
  const multError = spec.error === 'M';
  const s = Float64Array.from(seasonal ? init.season : [0]);
  const fitted = keepFitted ? new Float64Array(n) : new Float64Array(0);
  let l = init.level;
  let b = trended ? init.trend : 0;
  const { alpha, gamma } = p;
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const betaRatio = trended ? p.beta / alpha : 0;
  let sse = 0;
  let logSum = 0;
  let phase = 0;
  for (let t = 0; t < n; t++) {
    const phib = trended ? phi * b : 0;
    const q = l + phib;
    const st = seasonal ? s[phase] : 0;
    const f = !seasonal ? q : multSeason ? q * st : q + st;
    if (!Number.isFinite(f)) return { lik: NaN, final: { level: l, trend: b, season: [...s] }, fitted, sse: NaN };
    if (keepFitted) fitted[t] = f;
    const yt = y[t];
    const e = multError ? (yt - f) / f : yt - f;
    sse += e * e;
    if (multError) logSum += Math.log(Math.abs(f));
    const desea = !seasonal ? yt : multSeason ? (Math.abs(st) < 1e-10 ? 1e10 : yt / st) : yt - st;
    const lNew = q + alpha * (desea - q);
    if (trended) b = phib + betaRatio * (lNew - l - phib);
    if (seasonal) {
      const target = multSeason ? (Math.abs(q) < 1e-10 ? 1e10 : yt / q) : yt - q;
      s[phase] = st + gamma * (target - st);
      phase = phase + 1 === m ? 0 : phase + 1;
    }
    l = lNew;
  }
  const season = seasonal ? Array.from(s) : [];
  let lik = n * Math.log(sse);
  if (multError) lik += 2 * logSum;
  return { lik, final: { level: l, trend: b, season }, fitted, sse };
}

/** Point forecasts h = 1..horizon from the states after observation n-1 (`n` = number of
 *  observations, to find the season phase). */
export function etsProject(spec: EtsSpec, m: number, phi: number, final: EtsStates, n: number, horizon: number): number[] {
  const out: number[] = [];
  const damped = spec.trend === 'Ad';
  let cum = 0;
  for (let h = 1; h <= horizon; h++) {
    cum += damped ? phi ** h : 1;
    let f = final.level + (spec.trend === 'N' ? 0 : cum * final.trend);
    if (spec.season !== 'N') {
      const st = final.season[(n + h - 1) % m];
      f = spec.season === 'M' ? f * st : f + st;
    }
    out.push(f);
  }
  return out;
}

/**
 * R's objective only (see top), without allocating: the optimiser calls this thousands of times.
 * No global lookups in the loop (Math, Number): inside a vm context (jest) each costs an interceptor call.
 * `season` holds the initial seasonal indices by phase and is overwritten.
 */
export function etsLikelihood(
  y: ArrayLike<number>,
  spec: EtsSpec,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level: number,
  trend: number,
  season: Float64Array,
): number {
  const n = y.length;
  const seasonal = spec.season !== 'N';
  const trended = spec.trend !== 'N';
  const multSeason = spec.season === 'M';
  const multError = spec.error === 'M';
  const damping = spec.trend === 'Ad' ? phi : 1;
  const betaRatio = trended ? beta / alpha : 0;
  let l = level;
  let b = trended ? trend : 0;
  let sse = 0;
  let logSum = 0;
  let phase = 0;
  for (let t = 0; t < n; t++) {
    const phib = trended ? damping * b : 0;
    const q = l + phib;
    const st = seasonal ? season[phase] : 0;
    const f = !seasonal ? q : multSeason ? q * st : q + st;
    if (f - f !== 0) return NaN; // not finite
    const yt = y[t];
    const e = multError ? (yt - f) / f : yt - f;
    sse += e * e;
    if (multError) logSum += ln(f < 0 ? -f : f);
    const desea = !seasonal ? yt : multSeason ? (st < 1e-10 && st > -1e-10 ? 1e10 : yt / st) : yt - st;
    const lNew = q + alpha * (desea - q);
    if (trended) b = phib + betaRatio * (lNew - l - phib);
    if (seasonal) {
      const target = multSeason ? (q < 1e-10 && q > -1e-10 ? 1e10 : yt / q) : yt - q;
      season[phase] = st + gamma * (target - st);
      phase = phase + 1 === m ? 0 : phase + 1;
    }
    l = lNew;
  }
  return n * ln(sse) + (multError ? 2 * logSum : 0);
}
