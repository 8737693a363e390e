// Sampling frequency of a series, inferred from its timestamps. It drives the seasonal period used
// by seasonal baselines, MASE and seasonal differencing, and the dates given to future forecasts.

export const FREQUENCIES = ['minutely', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Inclusive ranges of a single step; calendar months/quarters/years vary in length.
const STEP_RANGES: Array<[Exclude<Frequency, 'irregular'>, number, number]> = [
  ['minutely', MINUTE, MINUTE],
  ['hourly', HOUR, HOUR],
  ['daily', 23 * HOUR, 25 * HOUR], // 23/25 h across DST changes when local times were converted
  ['weekly', 7 * DAY - HOUR, 7 * DAY + HOUR],
  ['monthly', 28 * DAY, 31 * DAY + HOUR],
  ['quarterly', 89 * DAY, 92 * DAY + HOUR],
  ['yearly', 365 * DAY, 366 * DAY + HOUR],
];

/** Share of steps that must match one frequency; tolerates a few gaps (e.g. a missing day). */
const MATCH_SHARE = 0.9;

/** Infers the frequency from epoch-ms timestamps (ascending). Fewer than 3 points or no dominant
 *  step length gives 'irregular'. Strings are accepted too (parsed with Date.parse). */
export function inferFrequency(timestamps: ReadonlyArray<number | string>): Frequency {
  const ms = timestamps.map((t) => (typeof t === 'number' ? t : Date.parse(t)));
  if (ms.length < 3 || ms.some((t) => !Number.isFinite(t))) return 'irregular';
  const steps: number[] = [];
  for (let i = 1; i < ms.length; i++) steps.push(ms[i] - ms[i - 1]);
  for (const [freq, lo, hi] of STEP_RANGES) {
    const hits = steps.filter((s) => s >= lo && s <= hi).length;
    if (hits / steps.length >= MATCH_SHARE) return freq;
  }
  return 'irregular';
}

/** Observations per seasonal cycle: the lag seasonal baselines and MASE compare against. */
export function seasonalPeriod(frequency: Frequency | undefined): number {
  switch (frequency) {
    case 'monthly':
      return 12;
    case 'quarterly':
      return 4;
    case 'weekly':
      return 52;
    case 'daily':
      return 7;
    case 'hourly':
      return 24;
    case 'minutely':
      return 60;
    default:
      return 1;
  }
}

/** The `count` timestamps (epoch ms) following `last`, stepping by `frequency`. Calendar steps keep
 *  the day of month (clamped: Jan 31 + 1 month = Feb 28/29). Undefined for irregular series. */
export function nextTimestamps(last: number, frequency: Frequency | undefined, count: number): number[] | undefined {
  const out: number[] = [];
  const months = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : frequency === 'yearly' ? 12 : 0;
  const fixed =
    frequency === 'minutely'
      ? MINUTE
      : frequency === 'hourly'
        ? HOUR
        : frequency === 'daily'
          ? DAY
          : frequency === 'weekly'
            ? 7 * DAY
            : 0;
  if (!months && !fixed) return undefined;
  const base = new Date(last);
  for (let k = 1; k <= count; k++) {
    if (fixed) {
      out.push(last + k * fixed);
      continue;
    }
    const y = base.getUTCFullYear();
    const m = base.getUTCMonth() + k * months;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const day = Math.min(base.getUTCDate(), lastDay);
    const timeOfDay = last - Date.UTC(y, base.getUTCMonth(), base.getUTCDate());
    out.push(Date.UTC(y, m, day) + timeOfDay);
  }
  return out;
}
