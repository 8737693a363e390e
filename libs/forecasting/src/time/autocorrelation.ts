// Sample autocorrelation and the seasonality test R's forecast::thetaf (and our period detection)
// use: a lag-m autocorrelation is significant at 90 % (one-sided 95 %) when
//   |r_m| > 1.645 · sqrt((1 + 2 Σ_{k<m} r_k²) / n)      (Bartlett's variance under MA(m-1)).

/** One-sided 95 % normal quantile (qnorm(0.95)), the threshold thetaf uses. */
export const SEASONALITY_Z = 1.6448536269514722;

/** r_1..r_maxLag of the series (demeaned, denominator n, as R's acf). r[k-1] is lag k; NaN for a
 *  constant series. */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): number[] {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  const d = new Float64Array(n);
  let c0 = 0;
  for (let i = 0; i < n; i++) {
    d[i] = y[i] - mean;
    c0 += d[i] * d[i];
  }
  const out: number[] = [];
  for (let k = 1; k <= Math.min(maxLag, n - 1); k++) {
    let c = 0;
    for (let i = k; i < n; i++) c += d[i] * d[i - k];
    out.push(c0 > 0 ? c / c0 : NaN);
  }
  return out;
}

export interface SeasonalityTest {
  period: number;
  /** Autocorrelation at lag `period`. */
  acf: number;
  /** |acf| must exceed this to count as seasonal. */
  threshold: number;
  seasonal: boolean;
}

/** thetaf's test: seasonal when |r_m| > 1.645·sqrt((1+2Σ_{k<m} r_k²)/n). Undefined when the series
 *  is shorter than 2m + 1 or constant (thetaf: n > 2m). `acfs` may pass precomputed r_1..r_m. */
export function seasonalityTest(y: ArrayLike<number>, period: number, acfs?: readonly number[]): SeasonalityTest | undefined {
  const n = y.length;
  if (period < 2 || n <= 2 * period) return undefined;
  const r = acfs && acfs.length >= period ? acfs : autocorrelations(y, period);
  if (!Number.isFinite(r[period - 1])) return undefined;
  let sum = 0;
  for (let k = 0; k < period - 1; k++) sum += r[k] * r[k];
  const threshold = SEASONALITY_Z * Math.sqrt((1 + 2 * sum) / n);
  const acf = r[period - 1];
  return { period, acf, threshold, seasonal: Math.abs(acf) > threshold };
}
