// Missing steps of a seasonal series filled along its cycles, as R's forecast::na.interp does for
// seasonal data: estimate the seasonal component on the series with its gaps filled linearly,
// interpolate the seasonally adjusted series linearly across each gap, add the season back. A
// straight line across a missing day of half-hourly load is a flat day where the profile has a
// morning and an evening peak; the last day before a forecast is the one seasonal naive repeats and
// every network's input window reads.
import { fitSeasonalProfiles } from '../transforms/seasonal-profile';
import type { Frequency } from './frequency';
import { detectSeasonality } from './seasonality';

/**
 * `values` with every gap already filled linearly and `filled[t]` true at the inserted steps (each
 * run of them has an observed point either side). Returns the inserted steps re-interpolated along
 * the cycles detectSeasonality keeps (all of them, MSTL-style, dropping the longest while fewer than
 * two of it fit), and those cycles; undefined when the series shows none.
 */
export function interpolateAlongCycles(
  values: readonly number[],
  filled: readonly boolean[],
  frequency: Frequency | string,
): { values: number[]; periods: number[] } | undefined {
  const periods = detectSeasonality(values, frequency).periods.filter((m) => values.length >= 2 * m);
  if (!periods.length) return undefined;
  // Every season averaged per phase: a gap anywhere in the series takes the series' typical shape.
  const profiles = fitSeasonalProfiles(values, periods, Infinity);
  const season = (t: number) => profiles.reduce((s, p, j) => s + p[t % periods[j]], 0);
  const out = [...values];
  for (let a = 0; a < out.length; a++) {
    if (!filled[a]) continue;
    let b = a;
    while (filled[b + 1]) b++;
    const before = values[a - 1] - season(a - 1);
    const after = values[b + 1] - season(b + 1);
    for (let t = a; t <= b; t++) out[t] = before + ((after - before) * (t - a + 1)) / (b - a + 2) + season(t);
    a = b;
  }
  return { values: out, periods };
}
