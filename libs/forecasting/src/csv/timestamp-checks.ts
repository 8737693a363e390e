import { DatasetValidationError } from '../errors';
import { clockRepeatWarning, mergeClockRepeatsInFileOrder } from '../time/clock-repeats';

/** A forecaster assumes one point per time step: a repeated timestamp means a wrong column, a
 *  duplicated export or data to aggregate first, so it is rejected rather than guessed at. */
export function assertStrictlyIncreasing(ms: number[], where: (i: number) => string, labels: string[]): void {
  for (let i = 1; i < ms.length; i++) {
    if (ms[i] <= ms[i - 1]) {
      const what = ms[i] === ms[i - 1] ? 'repeats' : 'is earlier than';
      throw new DatasetValidationError(
        `${where(i)}: timestamp ${labels[i]} ${what} the previous one (${labels[i - 1]}); ` +
          'rows must be in chronological order with one row per time step.',
      );
    }
  }
}

/** The points as given when their timestamps strictly increase; newest first (a statement, a
 *  price download) read in reverse; with the hour a local clock repeats when daylight saving ends
 *  averaged (clock-repeats.ts); rows in no order (a database export without ORDER BY) sorted by
 *  time, as pandas and the forecasting libraries do; each with a warning saying so. A timestamp that
 *  repeats is the 400 of assertStrictlyIncreasing. */
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
  if (order.some((k, j) => j > 0 && ms[k] === ms[order[j - 1]])) assertStrictlyIncreasing(ms, where, ms.map(label));
  const first = ms.findIndex((t, i) => i > 0 && t < ms[i - 1]);
  return {
    ms: order.map((k) => ms[k]),
    values: order.map((k) => values[k]),
    warning:
      `The rows are not in time order (${where(first).replace(/^L/, 'l')}, ${label(ms[first])}, comes after ${label(ms[first - 1])}); ` +
      'they are read sorted by time.',
  };
}
