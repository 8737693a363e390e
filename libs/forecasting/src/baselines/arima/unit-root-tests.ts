// How many differences an automatic ARIMA takes (forecast::ndiffs / nsdiffs defaults, as
// statsforecast's AutoARIMA): first differences while the KPSS level-stationarity test rejects at
// 5 % (at most 2), a seasonal difference when the seasonal strength exceeds 0.64 (at most 1).
import { centredMovingAverage, decompose } from '../decompose';

/** KPSS 5 % critical value for the level-stationary case (Kwiatkowski et al. 1992, table 1). */
const KPSS_CRITICAL_5 = 0.463;
const SEASONAL_STRENGTH_LIMIT = 0.64;

/** KPSS statistic (level), Newey-West variance with R's lag trunc(3·√n / 13). */
export function kpssStatistic(x: readonly number[]): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const e = x.map((v) => v - mean);
  let s = 0;
  let eta = 0;
  for (const v of e) {
    s += v;
    eta += s * s;
  }
  eta /= n * n;
  const lags = Math.trunc((3 * Math.sqrt(n)) / 13);
  let variance = e.reduce((a, v) => a + v * v, 0) / n;
  for (let l = 1; l <= lags; l++) {
    let c = 0;
    for (let t = l; t < n; t++) c += e[t] * e[t - l];
    variance += (2 * (1 - l / (lags + 1)) * c) / n;
  }
  return variance > 0 ? eta / variance : 0;
}

export function difference(x: readonly number[], lag = 1): number[] {
  const out: number[] = [];
  for (let t = lag; t < x.length; t++) out.push(x[t] - x[t - lag]);
  return out;
}

function isConstant(x: readonly number[]): boolean {
  return x.every((v) => v === x[0]);
}

/** First differences needed (0..maxD). */
export function ndiffs(x: readonly number[], maxD = 2): number {
  let y = x;
  let d = 0;
  while (d < maxD && y.length > 2 && !isConstant(y) && kpssStatistic(y) > KPSS_CRITICAL_5) {
    y = difference(y);
    d++;
  }
  return d;
}

/** Strength of the season: 1 - var(remainder) / var(season + remainder) of a classical additive
 *  decomposition (R uses STL; the measure is Wang, Smith & Hyndman's). */
export function seasonalStrength(x: readonly number[], m: number): number {
  const { seasonal } = decompose(x, m, 'additive');
  const trend = centredMovingAverage(x, m);
  const rem: number[] = [];
  const both: number[] = [];
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(trend[t])) continue;
    rem.push(x[t] - trend[t] - seasonal[t]);
    both.push(x[t] - trend[t]);
  }
  const varOf = (v: number[]) => {
    const mu = v.reduce((a, b) => a + b, 0) / v.length;
    return v.reduce((a, b) => a + (b - mu) ** 2, 0);
  };
  const total = varOf(both);
  return total > 0 ? Math.max(0, Math.min(1, 1 - varOf(rem) / total)) : 0;
}

/** Seasonal differences needed (0 or 1); needs more than two seasons. */
export function nsdiffs(x: readonly number[], m: number): number {
  if (m < 2 || x.length < 2 * m + 1 || isConstant(x)) return 0;
  return seasonalStrength(x, m) > SEASONAL_STRENGTH_LIMIT ? 1 : 0;
}
