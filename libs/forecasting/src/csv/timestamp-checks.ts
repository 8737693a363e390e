import { DatasetValidationError } from '../errors';
import { clockRepeatWarning, mergeClockRepeatsInFileOrder } from '../time/clock-repeats';

/** A forecaster assumes one point per time step: a repeated timestamp means data to aggregate
 *  first, several series in one file or a duplicated export, so it is rejected rather than guessed
 *  at. The 400 names the first row (in file order) whose time an earlier row already had. */
function assertNoRepeats(ms: readonly number[], where: (i: number) => string, label: (ms: number) => string): void {
  const first = new Map<number, number>();
  for (let i = 0; i < ms.length; i++) {
    const earlier = first.get(ms[i]);
    if (earlier !== undefined) {
      throw new DatasetValidationError(
        `${where(i)}: timestamp ${label(ms[i])} repeats ${where(earlier).replace(/^L/, 'l')}; a series has one row per ` +
          'time step: send aggregate=sum (or mean, count, min, max, last) to combine the rows of each step (with ' +
          'frequency=daily, hourly, … to resample them to a coarser one), or upload the series as a panel naming their ' +
          'id column (seriesColumn).',
      );
    }
    first.set(ms[i], i);
  }
}

/** The points as given when their timestamps strictly increase; newest first (a statement, a
 *  price download) read in reverse; with the hour a local clock repeats when daylight saving ends
 *  averaged (clock-repeats.ts); rows in no order (a database export without ORDER BY) sorted by
 *  time, as pandas and the forecasting libraries do; each with a warning saying so. A timestamp that
 *  repeats is a 400 (assertNoRepeats). */
export function chronologicalPoints(
  ms: number[],
  values: number[],
  where: (i: number) => string,
  label: (ms: number) => string,
): { ms: number[]; values: number[]; warning?: string } {
  if (ms.length > 1 && ms.every((t, i) => i === 0 || t < ms[i - 1])) {
    return {
      ms: [...ms].reverse(),
      values: [...values].reverse(),
      warning: `The rows run from newest (${label(ms[0])}) to oldest (${label(ms[ms.length - 1])}); they are read in reverse.`,
    };
  }
  const increasing = ms.every((t, i) => i === 0 || t > ms[i - 1]);
  const merged = increasing ? undefined : mergeClockRepeatsInFileOrder(ms, values);
  if (merged) return { ms: merged.ms, values: merged.values, warning: clockRepeatWarning(merged.repeats, label) };
  if (increasing) return { ms, values };
  const order = ms.map((_, i) => i).sort((a, b) => ms[a] - ms[b]);
  assertNoRepeats(ms, where, label);
  const first = ms.findIndex((t, i) => i > 0 && t < ms[i - 1]);
  return {
    ms: order.map((k) => ms[k]),
    values: order.map((k) => values[k]),
    warning:
      `The rows are not in time order (${where(first).replace(/^L/, 'l')}, ${label(ms[first])}, comes after ${label(ms[first - 1])}); ` +
      'they are read sorted by time.',
  };
}
