// Isolated outliers (a strike, a recording error, a COVID month) clipped before seasonal analysis.
// One spike of 10× the level swamps every autocorrelation and shifts its phase's seasonal offset
// by spike/seasons, so the seasonality tests and the seasonal profile see the series through this.
// Each point is compared with a robust fit of the series that the spike itself cannot drag:
//   - the trend: the median of each full cycle, linearly interpolated between cycle centres (a
//     centred moving average would carry spike/period into the period points around it, which
//     would then look like outliers themselves);
//   - the season: per phase, the median of the detrended values over the nearest SEASON_CYCLES
//     cycles (a local median follows a season that drifts, and ignores up to two spikes);
// and a point further from that fit than OUTLIER_SCALES robust noise standard deviations
// (1.4826·MAD of the seasonal differences, over √2) is clipped to that bound. The seasonal pattern is in the fit, so
// a sharp December peak is never clipped, only a departure from what its phase usually does; on
// Gaussian noise a 4.5-sigma clip touches about one point in 150,000.

/** Robust standard deviations of the remainder beyond which a point is clipped. */
export const OUTLIER_SCALES = 4.5;
/** Cycles in each phase's local median. */
export const SEASON_CYCLES = 5;
/** Full cycles needed: with fewer, a phase's median of two is their mean and not robust. */
export const MIN_OUTLIER_CYCLES = 3;
/** 1.4826·MAD estimates the standard deviation of Gaussian data. */
const MAD_TO_SD = 1.4826;

/**
 * `values` with isolated outliers clipped to the robust seasonal fit ± OUTLIER_SCALES robust
 * noise standard deviations. Returned unchanged (copied) when `period` < 2, with fewer than
 * MIN_OUTLIER_CYCLES cycles, when more than half the values are equal (intermittent data with
 * mostly zeros), or when the noise scale is 0 (a noise-free series).
 */
export function clipSeasonalOutliers(values: ArrayLike<number>, period: number): number[] {
  const y = Array.from(values);
  const n = y.length;
  if (period < 2 || n < MIN_OUTLIER_CYCLES * period) return y;
  // More than half the values alike (intermittent data, mostly zeros): no noise to judge by, and
  // a demand is no outlier.
  const level = median(y);
  if (median(y.map((v) => Math.abs(v - level))) === 0) return y;
  const trend = cycleMedianTrend(y, period);
  const detrended = y.map((v, t) => v - trend[t]);
  const season = localPhaseMedians(detrended, period);
  // The noise scale from the seasonal differences (d_t - d_{t-period} = e_t - e_{t-period}, whose
  // standard deviation is √2·σ; a spike is 2 of them, which the MAD ignores), not from the
  // remainder: the local medians include the point itself, which shrinks its remainder and would
  // understate σ (and clip about 1 % of clean points at 4.5 such scales).
  // Exact repeats (a solar series' nights, a shop's closed days) say nothing of the noise: counted,
  // they shrink the scale until ordinary days are clipped toward their phase's median, which
  // makes a longer cycle of the clipped series out of nothing.
  const differences: number[] = [];
  for (let t = period; t < n; t++) if (y[t] !== y[t - period]) differences.push(detrended[t] - detrended[t - period]);
  if (differences.length < period) return y;
  const centre = median(differences);
  const scale = (MAD_TO_SD * median(differences.map((d) => Math.abs(d - centre)))) / Math.SQRT2;
  // Rounding noise on a noise-free series is no scale either.
  if (!(scale > 1e-9 * Math.abs(level))) return y;
  const bound = OUTLIER_SCALES * scale;
  return y.map((v, t) => {
    const fit = trend[t] + season[t];
    return Math.min(fit + bound, Math.max(fit - bound, v));
  });
}

/** Median of each full cycle (counted back from the last point), linearly interpolated between
 *  the cycles' centres and extended along the first and last segments. Needs two cycles. */
function cycleMedianTrend(y: readonly number[], period: number): number[] {
  const n = y.length;
  const cycles = Math.floor(n / period);
  const first = n - cycles * period;
  const centres: number[] = [];
  const levels: number[] = [];
  for (let c = 0; c < cycles; c++) {
    const start = first + c * period;
    centres.push(start + (period - 1) / 2);
    levels.push(median(y.slice(start, start + period)));
  }
  const out = new Array<number>(n);
  let segment = 0;
  for (let t = 0; t < n; t++) {
    while (segment < cycles - 2 && t > centres[segment + 1]) segment++;
    const slope = (levels[segment + 1] - levels[segment]) / period;
    out[t] = levels[segment] + slope * (t - centres[segment]);
  }
  return out;
}

/** For each point, the median of its phase's values over the SEASON_CYCLES nearest cycles
 *  (itself included; the window shifts inward at the ends). */
function localPhaseMedians(d: readonly number[], period: number): number[] {
  const n = d.length;
  return d.map((_, t) => {
    const phase = t % period;
    const count = Math.floor((n - 1 - phase) / period) + 1;
    const width = Math.min(SEASON_CYCLES, count);
    const from = Math.max(0, Math.min(Math.floor(t / period) - Math.floor(width / 2), count - width));
    const window: number[] = [];
    for (let k = from; k < from + width; k++) window.push(d[phase + k * period]);
    return median(window);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
