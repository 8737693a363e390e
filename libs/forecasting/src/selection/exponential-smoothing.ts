// Exponential smoothing of a deseasonalized series: the statistical half of the hybrid candidates
// (ES-RNN, Smyl 2020: exponential smoothing carries level and trend, a recurrent net models what
// is left). One filter covers the three bases the selection uses:
//   - 'ses'    simple exponential smoothing (level only; random walks, mean-reverting series),
//   - 'damped' Holt's damped additive trend (Gardner & McKenzie; the strongest single ES model in
//              the M3/M4 comparisons),
//   - 'theta'  SES with drift equal to half the least-squares slope, which is what the Theta
//              method's forecasts reduce to (Hyndman & Billah 2003).
// Parameters minimise the in-sample one-step squared error over a small grid: cheap (a few
// hundred passes of a scalar loop), deterministic, and never stuck in a local optimum. For long
// horizons (a day of sub-daily data: 48-288 steps) they minimise the squared error over the
// horizon instead (the "trace" criterion): with autocorrelated noise the one-step fit tracks the
// last few points (alpha 0.7 on 5-minute data) and carries their noise through the whole day;
// the trace fit keeps the level of the recent cycles.
import { leastSquaresSlope } from '../series/least-squares-slope';

export type SmoothingBase = 'ses' | 'damped' | 'theta';

/** Longest horizon fitted one step ahead: two years of monthly data, a day of hourly data. */
export const ONE_STEP_FIT_MAX_HORIZON = 24;

export interface SmoothingParams {
  base: SmoothingBase;
  alpha: number;
  beta: number;
  phi: number;
  /** Initial level and trend (trend fixed for 'theta', 0 for 'ses'). */
  level0: number;
  trend0: number;
}

export interface SmoothingState {
  level: number;
  trend: number;
}

const ALPHAS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];
const BETA_SHARES = [0.01, 0.05, 0.1, 0.2, 0.4]; // beta = share * alpha (0 <= beta <= alpha)
const PHIS = [0.8, 0.85, 0.9, 0.95, 0.98];

/** Fits `base` to `d` (at least 3 values) by grid search on the one-step SSE, or with `horizon`
 *  > 1 on the squared errors of 1..horizon-step forecasts (see traceSse). */
export function fitSmoothing(d: readonly number[], base: SmoothingBase, horizon = 1): SmoothingParams {
  const n = d.length;
  if (n < 3) throw new Error(`exponential smoothing needs at least 3 values, got ${n}`);
  const k = Math.min(n - 1, 4);
  const slope0 = (d[k] - d[0]) / k;
  const candidates: SmoothingParams[] = [];
  if (base === 'ses') {
    for (const alpha of ALPHAS) candidates.push({ base, alpha, beta: 0, phi: 1, level0: d[0], trend0: 0 });
  } else if (base === 'theta') {
    const drift = leastSquaresSlope(d) / 2;
    for (const alpha of ALPHAS) candidates.push({ base, alpha, beta: 0, phi: 1, level0: d[0], trend0: drift });
  } else {
    for (const alpha of ALPHAS)
      for (const share of BETA_SHARES)
        for (const phi of PHIS) candidates.push({ base, alpha, beta: share * alpha, phi, level0: d[0], trend0: slope0 });
  }
  let best = candidates[0];
  let bestSse = Infinity;
  for (const p of candidates) {
    const sse = horizon > 1 ? traceSse(d, p, horizon) : oneStepSse(d, p);
    if (sse < bestSse) {
      bestSse = sse;
      best = p;
    }
  }
  return best;
}

/** Runs the filter over `d`; returns the final state and the one-step errors (innovations). */
export function filterSmoothing(d: readonly number[], p: SmoothingParams): { state: SmoothingState; innovations: number[] } {
  let level = p.level0;
  let trend = p.trend0;
  const innovations: number[] = [];
  for (let t = 1; t < d.length; t++) {
    const f = level + p.phi * trend;
    const e = d[t] - f;
    innovations.push(e);
    ({ level, trend } = updateState({ level, trend }, e, p));
  }
  return { state: { level, trend }, innovations };
}

/** One-step forecast from a state. */
export function smoothingForecast(state: SmoothingState, p: SmoothingParams): number {
  return state.level + p.phi * state.trend;
}

/** The state after observing a value `innovation` away from the one-step forecast. */
export function updateState(state: SmoothingState, innovation: number, p: SmoothingParams): SmoothingState {
  const f = state.level + p.phi * state.trend;
  return {
    level: f + p.alpha * innovation,
    trend: p.base === 'theta' ? state.trend : p.phi * state.trend + p.beta * innovation,
  };
}

function oneStepSse(d: readonly number[], p: SmoothingParams): number {
  let level = p.level0;
  let trend = p.trend0;
  let sse = 0;
  for (let t = 1; t < d.length; t++) {
    const f = level + p.phi * trend;
    const e = d[t] - f;
    sse += e * e;
    level = f + p.alpha * e;
    if (p.base !== 'theta') trend = p.phi * trend + p.beta * e;
  }
  return sse;
}

/** Forecast origins per horizon in traceSse: enough to average over the cycle, few enough to
 *  keep a 288-step horizon over thousands of points cheap. */
const TRACE_ORIGINS_PER_HORIZON = 8;

/** Squared errors of the 1..horizon-step forecasts from origins every horizon/8 steps. */
function traceSse(d: readonly number[], p: SmoothingParams, horizon: number): number {
  const every = Math.max(1, Math.floor(horizon / TRACE_ORIGINS_PER_HORIZON));
  let level = p.level0;
  let trend = p.trend0;
  let sse = 0;
  for (let t = 1; t < d.length; t++) {
    // State after d[0..t-1]: forecast d[t..t+horizon-1] from here.
    if (t % every === 0) {
      let damp = 0;
      let phiK = 1;
      for (let h = 0; h < horizon && t + h < d.length; h++) {
        phiK *= p.phi;
        damp += phiK;
        sse += (d[t + h] - (level + damp * trend)) ** 2;
      }
    }
    const f = level + p.phi * trend;
    const e = d[t] - f;
    level = f + p.alpha * e;
    if (p.base !== 'theta') trend = p.phi * trend + p.beta * e;
  }
  return sse;
}
