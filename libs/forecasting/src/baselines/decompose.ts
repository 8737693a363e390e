// Classical seasonal decomposition (R's stats::decompose): a centred moving average of one season
// is the trend; the per-phase mean of what is left, normalised, is the seasonal figure. Used for
// ETS starting states, the Theta method and seasonal adjustment of long periods.

export interface Decomposition {
  type: 'additive' | 'multiplicative';
  period: number;
  /** Seasonal index of each phase t mod period (sums to 0, or averages 1 when multiplicative). */
  figure: number[];
  /** The seasonal component for every observation: figure[t % period]. */
  seasonal: number[];
}

/** Needs at least two full periods (as decompose does). */
export function decompose(y: ArrayLike<number>, period: number, type: Decomposition['type']): Decomposition {
  const n = y.length;
  if (period < 2 || n < 2 * period) throw new Error(`decompose: need two periods (${2 * period} points), got ${n}`);
  const trend = centredMovingAverage(y, period);
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t])) continue;
    const detrended = type === 'additive' ? y[t] - trend[t] : y[t] / trend[t];
    if (!Number.isFinite(detrended)) continue;
    sums[t % period] += detrended;
    counts[t % period]++;
  }
  const raw = sums.map((s, i) => (counts[i] ? s / counts[i] : type === 'additive' ? 0 : 1));
  const mean = raw.reduce((a, b) => a + b, 0) / period;
  const figure = raw.map((v) => (type === 'additive' ? v - mean : v / mean));
  return { type, period, figure, seasonal: Array.from({ length: n }, (_, t) => figure[t % period]) };
}

/** R's filter(y, c(0.5, rep(1, m-1), 0.5)/m) for even m, rep(1/m, m) for odd; NaN at the ends.
 *  Running sums: O(n) whatever the period. */
export function centredMovingAverage(y: ArrayLike<number>, m: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n).fill(NaN);
  const half = Math.floor(m / 2);
  if (n < 2 * half + 1) return out;
  const inner = m % 2 === 1 ? half : half - 1; // full-weight terms each side
  let s = 0;
  for (let k = half - inner; k <= half + inner; k++) s += y[k];
  for (let t = half; t < n - half; t++) {
    if (t > half) s += y[t + inner] - y[t - inner - 1];
    out[t] = (m % 2 === 1 ? s : s + 0.5 * (y[t - half] + y[t + half])) / m;
  }
  return out;
}
