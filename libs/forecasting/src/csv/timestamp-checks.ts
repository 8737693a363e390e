import { DatasetValidationError } from '../errors';

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
