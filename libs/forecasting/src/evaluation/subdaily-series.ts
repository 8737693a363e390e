// Sub-daily series with a daily and a weekly cycle, shaped like the load, traffic and sensor data
// users upload: weekdays with a morning and an evening peak, weekends lower with one broad midday
// hump (so the week is not the day repeated: a seasonal naive one day back misses every Monday and
// Saturday), a slow level drift, AR(1) noise. Timestamps are included, so the frequency is inferred
// as an upload's would be; the start weekday follows the seed, so the 1-day holdout falls on
// different weekdays (weekends and Mondays included). Deterministic for a seed.
// Session series (market or office hours: points only from `open` to `close` on weekdays) have a
// U-shaped day (busy at the open and the close) and a weekday effect (Mondays busier, Fridays
// quieter); their "day" is the session and their week five sessions.
import { mulberry32 } from '../gru/seeded-random';
import type { SeriesInput } from '../pipeline/series-input';
import type { Frequency } from '../time/frequency';

export interface SubdailySeriesSpec {
  name: string;
  frequency: Frequency;
  stepMinutes: number;
  /** Length in days (the holdout is the last day); session series: in sessions. */
  days: number;
  /** Only these UTC hours (open inclusive, close exclusive), Monday to Friday; `pause`: hours
   *  without points inside the session (a market's lunch break). */
  session?: { open: number; close: number; pause?: { from: number; to: number } };
  level: number;
  /** Relative level change over the whole series (slow, linear). */
  drift: number;
  /** Noise standard deviation as a fraction of the level. */
  noise: number;
  /** Weekends like weekdays: a daily cycle only (a sensor's, a process's). */
  noWeek?: boolean;
}

/** The suite `npm run quality -- --subdaily` measures: lengths a user would upload. */
export const SUBDAILY_SUITE: SubdailySeriesSpec[] = [
  { name: 'load-30min-4w', frequency: '30min', stepMinutes: 30, days: 28, level: 1000, drift: 0.05, noise: 0.03 },
  { name: 'load-30min-8w', frequency: '30min', stepMinutes: 30, days: 56, level: 1000, drift: -0.08, noise: 0.03 },
  { name: 'traffic-15min-3w', frequency: '15min', stepMinutes: 15, days: 21, level: 400, drift: 0.04, noise: 0.05 },
  { name: 'traffic-15min-4w', frequency: '15min', stepMinutes: 15, days: 28, level: 400, drift: 0.06, noise: 0.05 },
  { name: 'sensor-5min-2w', frequency: '5min', stepMinutes: 5, days: 14, level: 60, drift: 0.03, noise: 0.04 },
  { name: 'sensor-5min-3w', frequency: '5min', stepMinutes: 5, days: 21, level: 60, drift: -0.04, noise: 0.04 },
  // Coarser and odder steps: a day of 144, 12 or 8 points (a week of 1008, 84 or 56).
  { name: 'meter-10min-3w', frequency: '10min', stepMinutes: 10, days: 21, level: 250, drift: 0.04, noise: 0.04 },
  { name: 'grid-2h-8w', frequency: '2h', stepMinutes: 120, days: 56, level: 5000, drift: 0.05, noise: 0.03 },
  { name: 'weather-3h-10w', frequency: '3h', stepMinutes: 180, days: 70, level: 20, drift: -0.05, noise: 0.05 },
  {
    name: 'market-5min-6w',
    frequency: '5min 09:30-16:00 mon-fri',
    stepMinutes: 5,
    days: 30,
    level: 100,
    drift: 0.03,
    noise: 0.06,
    session: { open: 9.5, close: 16 },
  },
  {
    // Tokyo: 09:00-11:30 and 12:30-15:00 JST (00:00-02:30, 03:30-06:00 UTC).
    name: 'market-lunch-5min-4w',
    frequency: '5min 00:00-02:30,03:30-06:00 mon-fri',
    stepMinutes: 5,
    days: 20,
    level: 100,
    drift: 0.03,
    noise: 0.06,
    session: { open: 0, close: 6, pause: { from: 2.5, to: 3.5 } },
  },
  {
    name: 'office-hourly-8w',
    frequency: 'hourly 08:00-18:00 mon-fri',
    stepMinutes: 60,
    days: 40,
    level: 50,
    drift: -0.05,
    noise: 0.05,
    session: { open: 8, close: 18 },
  },
];

/** Points in a day of the series (a session series: in a session). */
export function pointsPerDay(spec: SubdailySeriesSpec): number {
  const pause = spec.session?.pause ? spec.session.pause.to - spec.session.pause.from : 0;
  const hours = spec.session ? spec.session.close - spec.session.open - pause : 24;
  return (hours * 60) / spec.stepMinutes;
}

/** Points in a week of the series (a session series: five sessions). */
export function pointsPerWeek(spec: SubdailySeriesSpec): number {
  return (spec.session ? 5 : 7) * pointsPerDay(spec);
}

/** Session shape at `hour` of a session from `open` to `close`: the open and the close are busiest. */
function sessionShape(hour: number, session: { open: number; close: number }, weekday: number): number {
  const span = session.close - session.open;
  const day = weekday === 1 ? 1.15 : weekday === 5 ? 0.9 : 1;
  return day * (0.7 + 0.6 * bump(hour, session.open, span / 10) + 0.4 * bump(hour, session.close, span / 8));
}

/** Monday 2026-01-05 00:00 UTC. */
const MONDAY_MS = Date.UTC(2026, 0, 5);

/** Bump of height 1 centred at hour `at` with width `width` hours. */
const bump = (hour: number, at: number, width: number) => Math.exp(-0.5 * ((hour - at) / width) ** 2);

/** Multiplicative shape of the day at `hour` (0-24): weekdays two peaks, weekends one lower hump. */
export function dayShape(hour: number, weekend: boolean): number {
  if (weekend) return 0.7 + 0.35 * bump(hour, 13, 3.5);
  return 0.75 + 0.55 * bump(hour, 8.5, 1.5) + 0.45 * bump(hour, 18, 2) + 0.15 * bump(hour, 13, 2);
}

/** Standard normal from two uniforms (Box-Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function generateSubdailySeries(
  spec: SubdailySeriesSpec,
  seed: number,
): SeriesInput & { values: number[]; timestamps: string[] } {
  const random = mulberry32(seed);
  const n = spec.days * pointsPerDay(spec);
  const start = MONDAY_MS + (seed % 7) * 86_400_000;
  const values: number[] = [];
  const timestamps: string[] = [];
  let ar = 0;
  for (let ms = start; values.length < n; ms += spec.stepMinutes * 60_000) {
    const date = new Date(ms);
    const weekday = date.getUTCDay();
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    const { session } = spec;
    if (session && (weekday === 0 || weekday === 6 || hour < session.open || hour >= session.close)) continue;
    if (session?.pause && hour >= session.pause.from && hour < session.pause.to) continue;
    const level = spec.level * (1 + (spec.drift * values.length) / n);
    ar = 0.6 * ar + Math.sqrt(1 - 0.36) * gaussian(random);
    const shape = session
      ? sessionShape(hour, session, weekday)
      : dayShape(hour, !spec.noWeek && (weekday === 0 || weekday === 6));
    values.push(level * shape * (1 + spec.noise * ar));
    timestamps.push(date.toISOString());
  }
  return { values, timestamps };
}
