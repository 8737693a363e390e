// Whether a training part shows its season: the test the M4 competition's Theta and SES/Holt
// benchmarks used (Makridakis et al. 2018): the autocorrelation at the seasonal lag exceeds its
// 90 % limit under the hypothesis of no autocorrelation beyond lag m - 1 (Bartlett's formula).
import { clipSeasonalOutliers } from '../series/seasonal-outliers';
import {
  dayBeforeWeek,
  dayMinPairs,
  dayTest,
  FEW_CYCLES,
  lagShowsCycle,
  MIN_CYCLES,
  MIN_LAG_CYCLES,
  showsStrongPattern,
} from '../time/seasonality';
import { detrend } from '../transforms/seasonal-profile';

// Removing a seasonal profile from a series without one only adds its noise to every forecast.
// The test runs on the series (logs when positive) minus its centred moving average one season
// long: on levels, any trend makes every autocorrelation large, so trending prices and indices
// would all look seasonal; detrending keeps the season and removes the trend. Isolated outliers
// are clipped first (clipSeasonalOutliers): one spike would swamp the autocorrelations.

/** Needs two seasons, or the pairs detection tests a sub-daily series' day on (dayMinPairs: only a
 *  day can arrive here from under two cycles, unless the params fix the season); shorter parts are
 *  treated as non-seasonal. Below three, too few to detrend, detection's variogram test decides
 *  (the season's lag clearly the closest); so may it, as in detection, for the day of sub-daily
 *  data (`subDailyDay`) under two weeks, whose weekends can swamp the autocorrelation test. */
export function showsSeason(values: readonly number[], period: number, subDailyDay = false): boolean {
  if (period < 2) return false;
  if (values.length < MIN_LAG_CYCLES * period) {
    return values.length - period >= dayMinPairs(period) && dayTest(values, period).kept;
  }
  if (values.length < MIN_CYCLES * period) return lagShowsCycle(values, period);
  const positive = values.every((v) => v > 0);
  const level = positive ? values.map((v) => Math.log(v)) : values;
  const clipped = clipSeasonalOutliers(level, period);
  const detrended = detrend(clipped, period).filter((v) => !Number.isNaN(v));
  const n = detrended.length;
  const acf = autocorrelations(detrended, period);
  let sumSq = 0;
  for (let k = 1; k < period; k++) sumSq += acf[k] ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * sumSq) / n);
  // Over few cycles a clear pattern fails the autocorrelation test (a sinusoid's Σr_k² is large):
  // 4 years of monthly data were modelled without their season, though detection and ETS saw it.
  return (
    Math.abs(acf[period]) > limit ||
    showsStrongPattern(clipped, period) ||
    ((values.length < FEW_CYCLES * period || (subDailyDay && dayBeforeWeek(values.length, period))) &&
      lagShowsCycle(clipped, period))
  );
}

function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let denom = 0;
  for (const v of values) denom += (v - mean) ** 2;
  const out = [1];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (values[t] - mean) * (values[t - k] - mean);
    out.push(denom > 0 ? s / denom : 0);
  }
  return out;
}
