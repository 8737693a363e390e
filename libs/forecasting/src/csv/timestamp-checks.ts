import { DatasetValidationError } from '../errors';
import { clockRepeatWarning, mergeClockRepeatsInFileOrder } from '../time/clock-repeats';

/** A forecaster assumes chronological order; unsorted or duplicated timestamps almost always mean
 *  a wrong column or a broken export, so they are rejected rather than silently sorted. */
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
 *  averaged (clock-repeats.ts), and a warning saying so; else the 400 of assertStrictlyIncreasing. */
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
  assertStrictlyIncreasing(ms, where, ms.map(label));
  return { ms, values };
}
