// Sampling frequency of a series, inferred from its timestamps. It drives the nominal seasonal
// period (seasonal baselines, MASE), the candidate periods seasonality detection tests and the
// dates given to future forecasts.
//
// A frequency is stored as a label (datasets.frequency): the named ones below, or a multiple of a
// unit: `${k}s`, `${k}min`, `${k}h`, `${k}d`, `${k}w` (fixed steps) and `${k}mo`, `${k}y` (calendar
// steps that keep the day of month). 'business-daily' is Monday–Friday with weekends skipped.

/** Named labels; other regular steps get a multiple label such as '30min', '15min', '2h' or '6mo'. */
export const FREQUENCIES = [
  'minutely',
  'hourly',
  'daily',
  'business-daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
] as const;
export type NamedFrequency = (typeof FREQUENCIES)[number];
export type Frequency = NamedFrequency | `${number}${'s' | 'min' | 'h' | 'd' | 'w' | 'mo' | 'y'}`;

/** What a frequency label means. */
export type FrequencySpec =
  | { kind: 'fixed'; label: Frequency; stepMs: number }
  | { kind: 'calendar'; label: Frequency; months: number }
  | { kind: 'business-day'; label: Frequency }
  | { kind: 'irregular'; label: 'irregular' };

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const FIXED_UNITS: Array<[suffix: string, ms: number, one?: NamedFrequency]> = [
  ['w', WEEK, 'weekly'],
  ['d', DAY, 'daily'],
  ['h', HOUR, 'hourly'],
  ['min', MINUTE, 'minutely'],
  ['s', SECOND],
];
const MULTIPLE = /^([1-9]\d{0,5})(s|min|h|d|w|mo|y)$/;

/** The meaning of a label; undefined for anything that is not a frequency label. */
export function parseFrequency(label: string | undefined | null): FrequencySpec | undefined {
  if (!label) return undefined;
  switch (label) {
    case 'irregular':
      return { kind: 'irregular', label };
    case 'business-daily':
      return { kind: 'business-day', label };
    case 'monthly':
      return { kind: 'calendar', label, months: 1 };
    case 'quarterly':
      return { kind: 'calendar', label, months: 3 };
    case 'yearly':
      return { kind: 'calendar', label, months: 12 };
  }
  const named = FIXED_UNITS.find(([, , one]) => one === label);
  if (named) return { kind: 'fixed', label: label as Frequency, stepMs: named[1] };
  const m = MULTIPLE.exec(label);
  if (!m) return undefined;
  const k = Number(m[1]);
  // One canonical label per step: '60min' is 'hourly', '12mo' is 'yearly'.
  if (canonicalLabel(m[2], k) !== label) return undefined;
  if (m[2] === 'mo') return { kind: 'calendar', label: label as Frequency, months: k };
  if (m[2] === 'y') return { kind: 'calendar', label: label as Frequency, months: 12 * k };
  return { kind: 'fixed', label: label as Frequency, stepMs: k * FIXED_UNITS.find(([s]) => s === m[2])![1] };
}

export function isFrequency(label: string | undefined | null): label is Frequency {
  return parseFrequency(label) !== undefined;
}

/** The label of a fixed step (ms) or calendar step (months). */
export function frequencyLabel(step: { stepMs: number } | { months: number }): Frequency | 'irregular' {
  if ('months' in step) {
    const k = step.months;
    if (k === 1) return 'monthly';
    if (k === 3) return 'quarterly';
    if (k % 12 === 0) return canonicalLabel('y', k / 12);
    return canonicalLabel('mo', k);
  }
  for (const [suffix, ms, one] of FIXED_UNITS) {
    if (step.stepMs % ms === 0) return step.stepMs === ms && one ? one : canonicalLabel(suffix, step.stepMs / ms);
  }
  return 'irregular';
}

function canonicalLabel(suffix: string, k: number): Frequency {
  if (suffix === 'mo') return k === 1 ? 'monthly' : k === 3 ? 'quarterly' : k % 12 === 0 ? canonicalLabel('y', k / 12) : `${k}mo`;
  if (suffix === 'y') return k === 1 ? 'yearly' : `${k}y`;
  const unit = FIXED_UNITS.find(([s]) => s === suffix)!;
  const ms = k * unit[1];
  for (const [s, unitMs, one] of FIXED_UNITS) {
    if (ms % unitMs === 0) return ms === unitMs && one ? one : (`${ms / unitMs}${s}` as Frequency);
  }
  return `${k}${suffix}` as Frequency;
}

/** Share of steps that must be regular; tolerates a few gaps (e.g. a missing day). */
const MATCH_SHARE = 0.9;

/** Infers the frequency label from epoch-ms timestamps (ascending). Fewer than 3 points or no
 *  dominant step gives 'irregular'. Strings are accepted too (parsed with Date.parse). */
export function inferFrequency(timestamps: ReadonlyArray<number | string>): Frequency {
  return describeFrequency(timestamps).label;
}

/**
 * The structured form of inferFrequency. In order:
 * 1. calendar steps of k months (monthly, quarterly, yearly, …): the month advances by k at ≥ 90 %
 *    of the steps and the day of month stays (or is clamped to the month's end); times are rounded
 *    to the nearest day first, so local midnights converted across a DST change still count;
 * 2. business days: no weekend dates, and ≥ 90 % of steps are one business day (Friday → Monday);
 * 3. a fixed step: the most common step, when ≥ 90 % of steps equal it or differ from it by the
 *    hour a DST change adds or removes (23/25-hour days; a skipped or repeated hour in sub-daily
 *    local times) and the rest are whole multiples of it (missing points).
 */
export function describeFrequency(timestamps: ReadonlyArray<number | string>): FrequencySpec {
  const irregular = { kind: 'irregular', label: 'irregular' } as const;
  const ms = timestamps.map((t) => (typeof t === 'number' ? t : Date.parse(t)));
  if (ms.length < 3 || ms.some((t) => !Number.isFinite(t))) return irregular;
  return calendarStep(ms) ?? businessDays(ms) ?? fixedStep(ms) ?? irregular;
}

function calendarStep(ms: number[]): FrequencySpec | undefined {
  const days = ms.map((t) => new Date(Math.round(t / DAY) * DAY));
  const monthIndex = days.map((d) => d.getUTCFullYear() * 12 + d.getUTCMonth());
  const diffs = monthIndex.slice(1).map((m, i) => m - monthIndex[i]);
  const k = mode(diffs);
  if (!(k >= 1)) return undefined;
  let regular = 0;
  for (let i = 1; i < days.length; i++) {
    const diff = diffs[i - 1];
    if (diff <= 0 || diff % k !== 0 || !sameDayOfMonth(days[i - 1], days[i])) return undefined;
    if (diff === k) regular++;
  }
  if (regular / diffs.length < MATCH_SHARE) return undefined;
  return { kind: 'calendar', label: frequencyLabel({ months: k }), months: k };
}

function sameDayOfMonth(a: Date, b: Date): boolean {
  const da = a.getUTCDate();
  const db = b.getUTCDate();
  if (da === db) return true;
  const lastB = daysInMonth(b.getUTCFullYear(), b.getUTCMonth());
  const lastA = daysInMonth(a.getUTCFullYear(), a.getUTCMonth());
  return (db === lastB && da > db) || (da === lastA && db === lastB); // clamped, or month ends
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function businessDays(ms: number[]): FrequencySpec | undefined {
  const dayNumbers = ms.map((t) => Math.round(t / DAY));
  // 1970-01-01 (day 0) was a Thursday: weekday = (day + 4) mod 7, 0 = Sunday.
  const weekday = (d: number) => (((d + 4) % 7) + 7) % 7;
  if (dayNumbers.some((d) => weekday(d) === 0 || weekday(d) === 6)) return undefined;
  let oneBusinessDay = 0;
  let weekendJumps = 0;
  for (let i = 1; i < dayNumbers.length; i++) {
    const gap = dayNumbers[i] - dayNumbers[i - 1];
    if (gap <= 0) return undefined;
    const isNext = gap === 1 || (gap === 3 && weekday(dayNumbers[i - 1]) === 5);
    if (isNext) oneBusinessDay++;
    if (gap === 3 && isNext) weekendJumps++;
  }
  if (!weekendJumps || oneBusinessDay / (dayNumbers.length - 1) < MATCH_SHARE) return undefined;
  return { kind: 'business-day', label: 'business-daily' };
}

function fixedStep(ms: number[]): FrequencySpec | undefined {
  const steps = ms.slice(1).map((t, i) => t - ms[i]);
  const step = mode(steps.filter((s) => s > 0));
  if (!(step > 0)) return undefined;
  const dst = step >= HOUR || HOUR % step === 0; // DST moves local clocks by an hour
  let regular = 0;
  let odd = 0;
  for (const s of steps) {
    if (s === step || (dst && Math.abs(s - step) === HOUR)) regular++;
    else if (s > 0 && (s % step === 0 || (dst && (s + HOUR) % step === 0) || (dst && (s - HOUR) % step === 0))) continue;
    else if (dst && s <= 0 && s > -HOUR - step)
      regular++; // a repeated hour in local times
    else odd++;
  }
  if (regular / steps.length < MATCH_SHARE || odd > Math.max(1, 0.01 * steps.length)) return undefined;
  const label = frequencyLabel({ stepMs: step });
  return label === 'irregular' ? undefined : { kind: 'fixed', label, stepMs: step };
}

/** Most frequent value (the smallest on ties). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = NaN;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  }
  return best;
}

/** Observations per seasonal cycle: the lag seasonal baselines and MASE compare against (the
 *  `period` column of anchors.csv). Calendar and weekly data: the year (12, 4, 52; yearly 1);
 *  daily: the week (7); business days: 1, as R's scores for business-daily data (markets rarely
 *  repeat by weekday; detectSeasonality still tests 5); sub-daily steps: the day when it has
 *  at most 288 steps (5-minute data), else the hour (minutely: 60), else the minute. */
export function seasonalPeriod(frequency: Frequency | string | undefined): number {
  const spec = parseFrequency(frequency);
  if (!spec || spec.kind === 'irregular' || spec.kind === 'business-day') return 1;
  if (spec.kind === 'calendar') return spec.months < 12 && 12 % spec.months === 0 ? 12 / spec.months : 1;
  const s = spec.stepMs;
  if (s % WEEK === 0) return s === WEEK ? 52 : Number.isInteger(52 / (s / WEEK)) ? 52 / (s / WEEK) : 1;
  if (s === DAY) return 7;
  if (s > DAY) return 1;
  for (const cycle of [DAY, HOUR, MINUTE]) {
    if (cycle % s === 0 && cycle / s >= 2 && cycle / s <= 288) return cycle / s;
  }
  return 1;
}

/** The `count` timestamps (epoch ms) following `last`, stepping by `frequency`. Calendar steps keep
 *  the day of month (clamped: Jan 31 + 1 month = Feb 28/29); business days skip Saturday and
 *  Sunday. Undefined for irregular series. */
export function nextTimestamps(last: number, frequency: Frequency | string | undefined, count: number): number[] | undefined {
  const spec = parseFrequency(frequency);
  if (!spec || spec.kind === 'irregular') return undefined;
  const out: number[] = [];
  if (spec.kind === 'fixed') {
    for (let k = 1; k <= count; k++) out.push(last + k * spec.stepMs);
    return out;
  }
  if (spec.kind === 'business-day') {
    let t = last;
    while (out.length < count) {
      t += DAY;
      const wd = new Date(t).getUTCDay();
      if (wd !== 0 && wd !== 6) out.push(t);
    }
    return out;
  }
  const base = new Date(last);
  const y = base.getUTCFullYear();
  const timeOfDay = last - Date.UTC(y, base.getUTCMonth(), base.getUTCDate());
  for (let k = 1; k <= count; k++) {
    const m = base.getUTCMonth() + k * spec.months;
    const day = Math.min(base.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
    out.push(Date.UTC(y, m, day) + timeOfDay);
  }
  return out;
}
