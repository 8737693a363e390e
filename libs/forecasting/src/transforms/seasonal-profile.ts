// A seasonal profile estimated from the training part, as in classical decomposition: remove the
// trend with a centred moving average one season long, then average each phase of the season over
// the most recent seasons. Averaging over several seasons is what beats "same month last year":
// a seasonal difference carries last year's noise into every forecast, a profile averages it out.
// Only recent seasons count: a stable shape would want many (less noise), a drifting one few (the
// airline summer peak sharpens year by year). Isolated outliers are clipped before detrending
// (clipSeasonalOutliers): a spike would shift its phase's offset by spike/PROFILE_SEASONS, and the
// moving average would carry it into the season around it.
import { clipSeasonalOutliers } from '../series/seasonal-outliers';

/** Seasons averaged per phase. On flights.csv (default preset, seeds 1-10) 4 gives median MAPE
 *  2.4 %, 3 and 5-6 about 2.5 %, 8 3.1 %; choosing per series by how well the profile predicted
 *  the last two seasons was too noisy to beat a fixed 4 (README, Forecasting). */
export const PROFILE_SEASONS = 4;

/** Phases on either side averaged into a smoothed profile's phase: 15 days of a year of daily
 *  data, about the resolution of the 10 yearly harmonics dynamic harmonic regression and Prophet
 *  fit to daily data. Each day of the year is the mean of at most PROFILE_SEASONS values, so
 *  unsmoothed it carries most of their noise into every forecast (`npm run quality -- --daily-year`:
 *  geometric-mean MASE 0.918 → 0.797 over 3.4 years, 0.921 → 0.873 over 4; on a first 4-year
 *  sample 3 phases either side gave 0.870, 7 0.858, 10 0.859). */
export const SMOOTHED_PROFILE_HALF_WIDTH = 7;

/**
 * Per-phase seasonal offsets of `values` (already in the space they are removed in, e.g. logs),
 * indexed by position mod period from the first value, centred to mean 0. Needs at least two
 * seasons of data; returns [0] for period < 2. `smoothed`: a cycle whose neighbouring phases differ
 * little (the days of a year): each phase is averaged with SMOOTHED_PROFILE_HALF_WIDTH on either side.
 */
export function fitSeasonalProfile(
  values: readonly number[],
  period: number,
  seasons = PROFILE_SEASONS,
  smoothed = false,
): number[] {
  if (period < 2) return [0];
  if (values.length < 2 * period)
    throw new Error(`a seasonal profile needs two seasons (${2 * period} points), got ${values.length}`);
  const detrended = detrend(clipSeasonalOutliers(values, period), period);
  const profile = profileOf(detrended, period, detrended.length, seasons);
  const smoothable = smoothed && period > 2 * SMOOTHED_PROFILE_HALF_WIDTH;
  return smoothable ? centred(circularMean(profile, SMOOTHED_PROFILE_HALF_WIDTH)) : profile;
}

/** Each phase averaged with `half` phases on either side, the cycle wrapping around. */
function circularMean(profile: readonly number[], half: number): number[] {
  const m = profile.length;
  return profile.map((_, p) => {
    let sum = 0;
    for (let d = -half; d <= half; d++) sum += profile[(p + d + m) % m];
    return sum / (2 * half + 1);
  });
}

function centred(profile: readonly number[]): number[] {
  const mean = profile.reduce((a, b) => a + b, 0) / profile.length;
  return profile.map((v) => v - mean);
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
  return centred(sums.map((s, p) => (counts[p] ? s / counts[p] : 0)));
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

/** Passes over the cycles when several are fitted at once (MSTL's and R mstl's default `iterate`). */
export const CYCLE_ITERATIONS = 2;

/**
 * Several seasonal cycles at once (the day and the week of half-hourly data), as MSTL decomposes
 * them: each cycle's profile is fitted on the series minus the other cycles' current profiles,
 * shortest first, CYCLE_ITERATIONS times over, so the week keeps only what the day does not
 * explain (weekday/weekend shape differences) and the day is estimated free of the week. A cycle
 * with a longer one after it averages over at least one whole longer cycle (the day over the last
 * 7 days, not 4): every weekday counts once in the average day, and with the week removed there
 * is no recent mix of weekdays to follow (on the sub-daily suite, a profile-only forecast's MASE
 * relative to seasonal naive: 4 days 0.85, 7 days 0.78, 11 0.80, 28 0.79). Returns one profile
 * per period, each indexed by position mod its period from the first value. One period: exactly
 * fitSeasonalProfile. Needs two of the longest cycle.
 */
export function fitSeasonalProfiles(
  values: readonly number[],
  periods: readonly number[],
  seasons = PROFILE_SEASONS,
  smoothed: readonly number[] = [],
): number[][] {
  if (periods.length <= 1) return periods.map((m) => fitSeasonalProfile(values, m, seasons, smoothed.includes(m)));
  const profiles: number[][] = periods.map(() => []);
  for (let pass = 0; pass < CYCLE_ITERATIONS; pass++) {
    for (const [i, m] of periods.entries()) {
      const rest = values.map((v, t) => {
        let s = v;
        for (const [j, p] of profiles.entries()) if (j !== i && p.length) s -= p[t % periods[j]];
        return s;
      });
      const next = periods[i + 1];
      profiles[i] = fitSeasonalProfile(rest, m, next ? Math.max(seasons, Math.round(next / m)) : seasons, smoothed.includes(m));
    }
  }
  return profiles;
}
