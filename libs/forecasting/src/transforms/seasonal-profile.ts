// A seasonal profile estimated from the training part, as in classical decomposition: remove the
// trend with a centred moving average one season long, then average each phase of the season over
// the most recent seasons. Averaging over several seasons is what beats "same month last year":
// a seasonal difference carries last year's noise into every forecast, a profile averages it out.
// Only recent seasons count: a stable shape would want many (less noise), a drifting one few (the
// airline summer peak sharpens year by year).

/** Seasons averaged per phase. On flights.csv (default preset, seeds 1-10) 4 gives median MAPE
 *  2.4 %, 3 and 5-6 about 2.5 %, 8 3.1 %; choosing per series by how well the profile predicted
 *  the last two seasons was too noisy to beat a fixed 4 (README, Forecasting). */
export const PROFILE_SEASONS = 4;

/**
 * Per-phase seasonal offsets of `values` (already in the space they are removed in, e.g. logs),
 * indexed by position mod period from the first value, centred to mean 0. Needs at least two
 * seasons of data; returns [0] for period < 2.
 */
export function fitSeasonalProfile(values: readonly number[], period: number, seasons = PROFILE_SEASONS): number[] {
  if (period < 2) return [0];
  if (values.length < 2 * period)
    throw new Error(`a seasonal profile needs two seasons (${2 * period} points), got ${values.length}`);
  const detrended = detrend(values, period);
  return profileOf(detrended, period, detrended.length, seasons);
}

/** Mean detrended value per phase over the last `seasons` seasons before `end`, centred. */
function profileOf(detrended: readonly number[], period: number, end: number, seasons: number): number[] {
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let i = end - 1; i >= 0; i--) {
    if (Number.isNaN(detrended[i])) continue;
    const phase = i % period;
    if (counts[phase] >= seasons) continue;
    sums[phase] += detrended[i];
    counts[phase] += 1;
  }
  const profile = sums.map((s, p) => (counts[p] ? s / counts[p] : 0));
  const mean = profile.reduce((a, b) => a + b, 0) / period;
  return profile.map((v) => v - mean);
}

/** values minus a centred moving average over one season (2×m for even m); NaN at the edges. */
export function detrend(values: readonly number[], period: number): number[] {
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const out = new Array<number>(values.length).fill(NaN);
  for (let i = half; i + half < values.length; i++) {
    let s = 0;
    for (let k = -half; k <= half; k++) s += (even && Math.abs(k) === half ? 0.5 : 1) * values[i + k];
    out[i] = values[i] - s / period;
  }
  return out;
}
