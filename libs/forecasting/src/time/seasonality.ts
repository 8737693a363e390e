// Which seasonal cycles a series actually has. Each frequency proposes candidate periods (the day
// and the week for sub-daily data, the week and the year for daily data, the year for monthly
// data, …); a candidate is kept only when the data show it:
//   - at least three full cycles (one is spent estimating the trend), or two for the tests of the
//     last two paragraphs;
//   - the tests below run on the series with isolated outliers clipped (clipSeasonalOutliers): a
//     single spike of 10× the level would otherwise hide any season;
//   - thetaf's autocorrelation test, on the series minus a centred moving average of one cycle
//     (so trends and random-walk wander do not pass for seasonality): r_m > 0 and
//     |r_m| > 1.645·sqrt((1 + 2Σ_{k<m} r_k²)/n);
//   - seasonal strength beyond what noise gives: with S the per-phase means of the detrended
//     series D and R = D − S, F = 1 − Var(R)/Var(D) is ≈ 1/c for white noise over c cycles, so the
//     test is (F − 1/c)/(1 − 1/c) >= MIN_STRENGTH (MSTL/tsfeatures' seasonal strength, corrected);
//   - or, without the autocorrelation test, a strength above noise's 99th percentile for that many
//     cycles (a clean pattern over 3-4 cycles fails the test: Σr_k² of a sinusoid is large).
// Candidates are tested shortest first, each on the series with the seasonal figures of the
// periods already kept removed, so a weekly cycle is kept only when the weeks differ beyond the
// daily pattern they repeat (several cycles at once, as MSTL).
// A cycle that a kept shorter one divides (the week after the day) may be kept from two cycles on
// (the two a seasonal profile needs; 3 weeks of 15- or 5-minute data, the common upload, have
// fewer than three), by a test that needs no trend estimate: repeating the series one cycle back
// must predict it clearly better than one shorter cycle back (mean absolute error ratio at most
// MAX_LAG_RATIO). The shorter cycle cancels in both differences, trends and wander favour the
// shorter lag, and noise gives a ratio near 1, so only a real longer cycle passes.
// Any other cycle is kept from two cycles on likewise, against the mean of every shorter lag (a
// variogram; variogramLimit tightens MAX_LAG_RATIO where few pairs lie a cycle apart): 2.75 years
// of weekly data have their year, which ETS fitted on them models (as stlf, from two cycles) and
// which the `default` preset missed for want of a third (holdout MASE 1.72 against ETS's 0.77 on
// generated weekly sales, fuel and flu counts; 0.71 now).
// The day of sub-daily data (or its session) is kept from under two cycles by a stricter variogram
// test over the pairs a day apart there are (dayTest, at least DAY_MIN_PAIRS), and up to two weeks
// by the variogram where the detrended tests fail (dayBeforeWeek): a load, traffic or sensor series
// of a day and a half or of five days has its day, and forecast as noise it scored 2-3.5× the error
// of repeating yesterday (README, "Under two days of sub-daily data").
import { centredMovingAverage } from '../baselines/decompose';
import { leastSquaresSlope } from '../series/least-squares-slope';
import { clipSeasonalOutliers } from '../series/seasonal-outliers';
import { autocorrelations, SEASONALITY_Z } from './autocorrelation';
import { DAY, HOUR, MINUTE, parseFrequency, WEEK, type Frequency } from './frequency';

/** Noise-corrected seasonal strength a cycle needs to be kept. */
export const MIN_STRENGTH = 0.1;
/** Full cycles a candidate needs in the data. */
export const MIN_CYCLES = 3;
/** Below this many cycles a cycle the detrended tests miss may still be kept by the variogram
 *  test: their moving average spends one cycle, and over the two or so left the autocorrelation
 *  test is blind and the strength test needs 0.85 (a ±12 % monthly season under 5 % noise failed
 *  both over 3 years in 4 of 18 generated series; the variogram kept all 18). */
export const FEW_CYCLES = 4;
/** Full cycles the lag comparison needs (a candidate a kept shorter cycle divides). */
export const MIN_LAG_CYCLES = 2;
/** Largest mean absolute error ratio (one cycle back / one shorter cycle back) that keeps a cycle. */
export const MAX_LAG_RATIO = 0.8;
/** Pairs a day apart the variogram test needs to keep the day of sub-daily data from under two
 *  days (an eighth of a day when that is more, as steps a few minutes apart hardly differ): the
 *  fewest a validation origin past one day leaves (a day, one origin and a horizon of 2). Over 3
 *  pairs the noise limit is a ratio of 0.28, and noise, AR(0.9) noise, walks and trends of 11-23
 *  three-hourly to hourly points pass it 0-3 % of the time; 6 pairs left 2- and 3-hourly data of
 *  two days or so untested (MAE 3.1-3.5× seasonal naive's; 1.6-2.0× now). */
export const DAY_MIN_PAIRS = 3;
/** Largest variogram ratio that keeps a day from under two days: the pairs a day apart lie close
 *  together there, so a random walk or slow wander passes the noise limit far more often than 5 %
 *  (8-13 % of 30- and 15-minute walks and AR(0.9) series at 0.7); a daily cycle under 5 % noise
 *  scores 0.2-0.35. */
export const UNDER_TWO_CYCLES_RATIO = 0.5;
/** Points tested per candidate: the most recent ones (more when three cycles need more). */
export const MAX_TEST_POINTS = 10_000;

export interface PeriodTest {
  period: number;
  /** Lag-`period` autocorrelation of the detrended series (absent when not computed). */
  acf?: number;
  threshold?: number;
  /** Noise-corrected seasonal strength in [0, 1]. */
  strength?: number;
  kept: boolean;
  reason: string;
}

export interface SeasonalityReport {
  /** Kept periods, shortest first. */
  periods: number[];
  /** The shortest kept period, 1 when none: what single-season models use. */
  primary: number;
  tested: PeriodTest[];
}

/** Seasonal periods worth testing for a frequency, shortest first. */
export function candidatePeriods(frequency: Frequency | string | undefined): number[] {
  const spec = parseFrequency(frequency);
  if (!spec || spec.kind === 'irregular') return [];
  if (spec.kind === 'business-day') return [5, 21, 261]; // week, ~month, ~year of trading days
  if (spec.kind === 'calendar') return spec.months < 12 && 12 % spec.months === 0 ? [12 / spec.months] : [];
  if (spec.kind === 'session') {
    // The session stands for the day, the week of sessions for the week (5 market days: 5 sessions).
    const hour = spec.stepMs <= MINUTE ? HOUR / spec.stepMs : 0;
    const week = spec.slots * spec.weekdays.length;
    return [hour, spec.slots, week].filter((p, i, all) => p >= 2 && all.indexOf(p) === i).sort((a, b) => a - b);
  }
  const s = spec.stepMs;
  const cycles = s < DAY ? (s <= MINUTE ? [HOUR, DAY, WEEK] : [DAY, WEEK]) : s < WEEK ? [WEEK, 365 * DAY] : [365.25 * DAY];
  const out: number[] = [];
  for (const c of cycles) {
    const p = c % s === 0 ? c / s : c >= 365 * DAY ? Math.round(c / s) : 0;
    if (p >= 2 && !out.includes(p)) out.push(p);
  }
  return out;
}

/** The cycles among `periods` whose seasonal profiles are smoothed along their phases
 *  (fitSeasonalProfile): the year of daily data, whose neighbouring days differ little while each
 *  is estimated from a few years at most. Sub-daily cycles (the day's hours, the week's days) and
 *  the year of weekly or monthly data keep every phase as estimated. */
export function smoothedCycles(frequency: Frequency | string | undefined, periods: readonly number[]): number[] {
  const spec = parseFrequency(frequency);
  if (spec?.kind !== 'fixed' || spec.stepMs !== DAY) return [];
  return periods.filter((m) => m >= 360);
}

export function detectSeasonality(values: ArrayLike<number>, frequency: Frequency | string | undefined): SeasonalityReport {
  const candidates = candidatePeriods(frequency);
  const tested: PeriodTest[] = [];
  const kept: number[] = [];
  let y = Float64Array.from(values);
  const n = y.length;
  const constant = y.every((v) => v === y[0]);
  const day = subDailyDay(frequency);
  for (const period of candidates) {
    if (constant) {
      tested.push({ period, kept: false, reason: 'constant series' });
      continue;
    }
    const shorter = [...kept].reverse().find((k) => period % k === 0);
    if (n < MIN_CYCLES * period) {
      if (n < MIN_LAG_CYCLES * period && period === day && n - period >= dayMinPairs(period)) {
        const test = dayTest(y, period);
        tested.push(test);
        if (test.kept) kept.push(period);
        continue;
      }
      if (n < MIN_LAG_CYCLES * period && weekAfterDay(n, period, shorter, day)) {
        const test = lagTest(y, period, shorter!);
        tested.push(test);
        if (test.kept) kept.push(period);
        continue;
      }
      if (n < MIN_LAG_CYCLES * period) {
        tested.push({
          period,
          kept: false,
          reason: `needs ${MIN_LAG_CYCLES} cycles (${MIN_LAG_CYCLES * period} points), has ${n}`,
        });
        continue;
      }
      const recent = y.subarray(n - Math.min(n, MAX_TEST_POINTS + period));
      // Kept without removing a figure: a longer cycle would need two of its own, more than this
      // one has (a cycle it divides is tested on the lags alone, which cancel this one).
      const test = shorter !== undefined ? lagTest(recent, period, shorter) : variogramTest(recent, period);
      tested.push(test);
      if (test.kept) kept.push(period);
      continue;
    }
    // The most recent MAX_TEST_POINTS (at least MIN_CYCLES cycles) say what the seasonality is now,
    // and bound the O(n·m) autocorrelations of long sub-daily series.
    const start = n - Math.min(n, Math.max(MAX_TEST_POINTS, MIN_CYCLES * period));
    // Tested with isolated outliers clipped: one spike would swamp the autocorrelations.
    const clipped = clipSeasonalOutliers(y.subarray(start), period);
    const { test: detrendedTest, figure } = testPeriod(clipped, period, start);
    // Below FEW_CYCLES cycles the moving average leaves too few to test: the variogram may keep it;
    // so may it the day of sub-daily data until its week can be tested (dayBeforeWeek).
    const lagFallback = n < FEW_CYCLES * period || (period === day && dayBeforeWeek(n, period));
    const test = detrendedTest.kept || !lagFallback ? detrendedTest : variogramTest(clipped, period);
    tested.push(test);
    if (test.kept) {
      kept.push(period);
      y = y.map((v, t) => v - figure[t % period]); // test longer cycles beyond this one
    }
  }
  return { periods: kept, primary: kept[0] ?? 1, tested };
}

/** The period of the day of sub-daily data (of the session for session data), else undefined. */
export function subDailyDay(frequency: Frequency | string | undefined): number | undefined {
  const spec = parseFrequency(frequency);
  if (spec?.kind === 'session') return spec.slots >= 2 ? spec.slots : undefined;
  if (spec?.kind !== 'fixed' || spec.stepMs >= DAY || DAY % spec.stepMs !== 0) return undefined;
  return DAY / spec.stepMs;
}

/** Whether `n` points of a sub-daily series with a day of `period` are under two weeks, too few to
 *  test the week: weekends unlike weekdays then swamp the detrended tests of the day (5 and 6 days
 *  of hourly or half-hourly load failed them in 6 of 16 series and were forecast as noise, 2-3× the
 *  error of repeating yesterday), so the variogram may keep it, as below FEW_CYCLES. */
export function dayBeforeWeek(n: number, period: number): boolean {
  return n < MIN_LAG_CYCLES * 7 * period;
}

/** Days of pairs a week apart the week of sub-daily data needs to be tested from under two weeks:
 *  over one day, data without a week passed the lag test 10 % of the time (half-hourly load without
 *  weekends and a wandering level, 8 days), over two 6 %, over three or more 0-2.5 %. */
export const WEEK_MIN_PAIR_DAYS = 2;

/** Whether a cycle is the week of sub-daily data (the kept day divides it) with WEEK_MIN_PAIR_DAYS
 *  of pairs a week apart: from then on it is tested on those pairs, one week back against one day
 *  back (lagTest), where it waited for two weeks. Weekends unlike weekdays otherwise went
 *  unmodelled under two weeks: 10-13 days of hourly and half-hourly load forecast a Sunday from a
 *  profile of weekdays (README, "Under two weeks of sub-daily data"). */
export function weekAfterDay(n: number, period: number, shorter: number | undefined, day: number | undefined): boolean {
  return day !== undefined && shorter === day && period > day && n - period >= WEEK_MIN_PAIR_DAYS * day;
}

/** Pairs a day apart a sub-daily series needs for its day to be tested from under two days. */
export function dayMinPairs(period: number): number {
  return Math.max(DAY_MIN_PAIRS, Math.ceil(period / 8));
}

/** Fewer than MIN_CYCLES cycles: kept when the series one `period` back predicts it clearly better
 *  than one `shorter` (a kept cycle dividing it) back. */
function lagTest(y: Float64Array, period: number, shorter: number): PeriodTest {
  let errLong = 0;
  let errShort = 0;
  for (let t = period; t < y.length; t++) {
    errLong += Math.abs(y[t] - y[t - period]);
    errShort += Math.abs(y[t] - y[t - shorter]);
  }
  const ratio = errShort > 0 ? errLong / errShort : 1;
  const kept = ratio <= MAX_LAG_RATIO;
  const cycles = (y.length / period).toFixed(1);
  const verdict = kept ? `<= ${MAX_LAG_RATIO}` : `> ${MAX_LAG_RATIO}`;
  return {
    period,
    kept,
    reason: `${cycles} cycles: repeating ${period} steps back errs ${ratio.toFixed(3)}× as much as ${shorter} steps back (${verdict})`,
  };
}

/** Two to three cycles, none shorter kept: too few for a moving-average trend, so kept when the
 *  series less a straight line is clearly closer one `period` back than at the shorter lags on
 *  average (mean absolute differences: a variogram). Random-walk wander makes the longest lag the
 *  farthest, noise makes all lags alike, and a season makes its own lag the closest. */
export function lagShowsCycle(y: ArrayLike<number>, period: number): boolean {
  return variogramTest(y, period).kept;
}

function variogramTest(y: ArrayLike<number>, period: number): PeriodTest {
  // Less its least-squares line: a trend adds its growth over a cycle to every lag-`period`
  // difference, and can outgrow the season (sales up 12 a year, a season of ±10).
  return variogramVerdict(period, y.length, variogramRatio(lessLine(y), period), variogramLimit(y.length, period));
}

/** A day from one to two days of sub-daily data (too few cycles to clip outliers against). Not less
 *  a line: over so few cycles the line pulls the first and the last hours, the only ones a day
 *  apart, together, and a random walk passed for a cycle 15-30 % of the time (a day's drift is
 *  small beside its cycle, and only hides it). */
export function dayTest(y: ArrayLike<number>, period: number): PeriodTest {
  const ratio = variogramRatio(y, period);
  return variogramVerdict(period, y.length, ratio, Math.min(UNDER_TWO_CYCLES_RATIO, variogramLimit(y.length, period)));
}

function variogramVerdict(period: number, n: number, ratio: number, limit: number): PeriodTest {
  const kept = ratio <= limit;
  const cycles = (n / period).toFixed(1);
  const verdict = kept ? `<= ${limit.toFixed(3)}` : `> ${limit.toFixed(3)}`;
  return {
    period,
    kept,
    reason: `${cycles} cycles: repeating ${period} steps back errs ${ratio.toFixed(3)}× as much as the shorter lags on average (${verdict})`,
  };
}

function lessLine(y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const slope = leastSquaresSlope(y);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t];
  mean /= n;
  return Float64Array.from(y, (v, t) => v - mean - slope * (t - (n - 1) / 2));
}

/** The variogram ratio a cycle needs over n points: MAX_LAG_RATIO, or less where few pairs lie a
 *  cycle apart. Over N = n − period pairs, noise's ratio is about 1 ± 0.756/√N (the coefficient
 *  of variation of a normal difference's absolute value, √(π/2 − 1)), so its one-sided 5 % limit
 *  is 1 − 1.645 · 0.756/√N: 0.67 for 30 months, where 0.8 kept white noise's "season" 8-11 % of
 *  the time. */
function variogramLimit(n: number, period: number): number {
  return Math.min(MAX_LAG_RATIO, 1 - (SEASONALITY_Z * Math.sqrt(Math.PI / 2 - 1)) / Math.sqrt(Math.max(1, n - period)));
}

/** Mean |y[t] − y[t − period]| over the mean of |y[t] − y[t − k]|, k < period, both over t >= period. */
function variogramRatio(y: ArrayLike<number>, period: number): number {
  const n = y.length;
  let atPeriod = 0;
  let shorter = 0;
  // Up to 64 shorter lags, evenly spread: a week of minutes has 10,079.
  const stride = Math.max(1, Math.floor((period - 1) / 64));
  let lags = 0;
  for (let k = 1; k < period; k += stride) lags++;
  for (let t = period; t < n; t++) {
    atPeriod += Math.abs(y[t] - y[t - period]);
    for (let k = 1; k < period; k += stride) shorter += Math.abs(y[t] - y[t - k]);
  }
  shorter /= lags;
  return shorter > 0 ? atPeriod / shorter : 1;
}

/** `offset`: index of y[0] in the whole series, so that figure[p] is the index of phase p. */
/** The strength fallback of the tests below alone (a clear pattern over few cycles, where the
 *  autocorrelation test is blind): for the selection's own season test (selection/seasonality.ts),
 *  which would otherwise drop a season this detection keeps, e.g. 4 years of monthly data. */
export function showsStrongPattern(values: readonly number[], period: number): boolean {
  if (period < 2 || values.length < MIN_CYCLES * period) return false;
  return testPeriod(values, period, 0).strongPattern;
}

function testPeriod(
  y: readonly number[],
  period: number,
  offset: number,
): { test: PeriodTest; figure: number[]; strongPattern: boolean } {
  const trend = centredMovingAverage(y, period);
  const half = Math.floor(period / 2);
  const detrended: number[] = [];
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let t = half; t < y.length - half; t++) {
    const d = y[t] - trend[t];
    detrended.push(d);
    sums[(t + offset) % period] += d;
    counts[(t + offset) % period]++;
  }
  const raw = sums.map((s, i) => (counts[i] ? s / counts[i] : 0));
  const mean = raw.reduce((a, b) => a + b, 0) / period;
  const figure = raw.map((v) => v - mean);
  let varD = 0;
  let varR = 0;
  const dMean = detrended.reduce((a, b) => a + b, 0) / detrended.length;
  for (let i = 0; i < detrended.length; i++) {
    const t = i + half;
    varD += (detrended[i] - dMean) ** 2;
    varR += (detrended[i] - dMean - figure[(t + offset) % period]) ** 2;
  }
  const cycles = detrended.length / period;
  const f = varD > 0 ? 1 - varR / varD : 0;
  const strength = Math.max(0, Math.min(1, (f - 1 / cycles) / (1 - 1 / cycles)));
  const r = autocorrelations(detrended, period);
  let sum = 0;
  for (let k = 0; k < period - 1; k++) sum += r[k] * r[k];
  const threshold = SEASONALITY_Z * Math.sqrt((1 + 2 * sum) / detrended.length);
  const acf = r[period - 1];
  const acfPasses = acf > threshold;
  // A clean pattern over few cycles fails the autocorrelation test (Σr_k² of a sinusoid is large):
  // keep it anyway when its strength is beyond what noise or a random walk reaches (their 99th
  // percentile is ≈ 0.6 at 3 cycles, 0.45 at 4, 0.2 at 9, 0.13 at 19).
  const strong = Math.min(0.9, 1.2 / Math.sqrt(cycles));
  const strongPattern = acf > 0 && strength >= strong;
  const kept = (acf > 0 && acfPasses && strength >= MIN_STRENGTH) || strongPattern;
  const fmt = (v: number) => v.toFixed(3);
  const reason = kept
    ? acfPasses && strength >= MIN_STRENGTH
      ? `lag-${period} autocorrelation ${fmt(acf)} > ${fmt(threshold)} and seasonal strength ${fmt(strength)} >= ${MIN_STRENGTH}`
      : `seasonal strength ${fmt(strength)} >= ${fmt(strong)} over ${cycles.toFixed(1)} cycles`
    : !acfPasses
      ? `lag-${period} autocorrelation ${fmt(acf)} not above ${fmt(threshold)}, seasonal strength ${fmt(strength)} < ${fmt(strong)}`
      : `seasonal strength ${fmt(strength)} < ${MIN_STRENGTH}`;
  return { test: { period, acf, threshold, strength, kept, reason }, figure, strongPattern };
}
