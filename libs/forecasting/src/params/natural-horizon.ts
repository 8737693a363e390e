// The holdout and horizon the `default` preset takes when a run names neither: one natural
// forecasting period of the data's frequency, not 12 steps whatever the step. M4's horizons where
// it set one (yearly 6, quarterly 8, weekly 13, daily 14; monthly stays at one year, 12, as the
// flights.csv protocol); sub-daily data one day (a day-ahead forecast: 48 half-hours, 288
// five-minute steps), or one session of session data; finer steps one hour or one minute.
import type { Frequency } from '../time/frequency';
import { parseFrequency, seasonalPeriod } from '../time/frequency';

const DAY = 86_400_000;
/** Undated data, and steps with no natural period (2-day, 10-week): the preset's 12. */
const FALLBACK = 12;

export function naturalHorizon(frequency: Frequency | string | undefined): number {
  const spec = parseFrequency(frequency);
  if (!spec || spec.kind === 'irregular') return FALLBACK;
  if (spec.kind === 'business-day') return 10; // two weeks
  if (spec.kind === 'session') return seasonalPeriod(frequency);
  if (spec.kind === 'calendar') {
    if (spec.months === 1) return 12;
    if (spec.months === 3) return 8;
    if (spec.months >= 12) return 6;
    return Math.max(4, Math.round(24 / spec.months)); // two years
  }
  if (spec.stepMs === 7 * DAY) return 13;
  if (spec.stepMs === DAY) return 14;
  if (spec.stepMs < DAY) return Math.max(FALLBACK, seasonalPeriod(frequency));
  return FALLBACK;
}

/** The default holdout: the natural horizon, at most a quarter of the series (so short series keep
 *  three quarters to train and choose on: 20 yearly points hold out 5, not 6). */
export function naturalTestSize(frequency: Frequency | string | undefined, length: number): number {
  return Math.max(1, Math.min(naturalHorizon(frequency), Math.floor(length / 4)));
}
