// The cycle the `snaive` member repeats: the longest cycle the candidates model, except for a
// longer one the data showed but they could not model (a week's holdout on two weeks of data, a
// week kept from 9-13 days) and sub-daily data too short to test its week (under a week and two
// days before the holdout: too few pairs a week apart). Such data still has a week, weekends
// unlike weekdays, and the daily profile every other candidate removes averages them together;
// repeating the last week is the benchmark users hold it to (R's snaive on multi-seasonal msts
// data repeats the longest period). The member
// then repeats the week whenever the history before the first validation origin holds one, and
// validation decides whether it is any good.
import { DAY, parseFrequency, type Frequency } from '../time/frequency';
import { candidatePeriods, subDailyDay, weekAfterDay } from '../time/seasonality';

export function naiveCycle(
  frequency: Frequency | string | undefined,
  trainPoints: number,
  modelled: readonly number[],
  firstOrigin: number,
  dropped: readonly number[] = [],
): number {
  const longest = Math.max(1, ...modelled);
  const spec = parseFrequency(frequency);
  const subDaily = spec?.kind === 'session' || (spec?.kind === 'fixed' && spec.stepMs < DAY);
  const week = subDaily ? candidatePeriods(frequency).at(-1) : undefined;
  // Tested from a week and two days on (weekAfterDay): kept, it is repeated as a cycle too long to model.
  const day = subDailyDay(frequency);
  const untested = week !== undefined && day !== undefined && !weekAfterDay(trainPoints, week, day, day);
  // The longest cycle the data showed but the candidates could not model (too long for the
  // history before the first origin), or the untested week, that the history before the first
  // origin holds (the day of two days of hourly data, whose week is untested).
  const repeatable = [...dropped, ...(untested ? [week] : [])].filter((c) => c > longest && c % longest === 0 && firstOrigin > c);
  return Math.max(longest, ...repeatable);
}
