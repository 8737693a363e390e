import { DatasetValidationError } from '../errors';

// Size limits for uploaded series.
/**
 * The shortest series accepted anywhere (CSV or JSON). 16 is the smallest length for which the
 * smallest sensible setup still fits: a window of 4 steps, a holdout of 4 points and 8 training
 * windows (4 + 4 + 8). Shorter series cannot give the network enough samples to learn from nor
 * leave a holdout worth scoring; the chosen window/testSize are then checked against the actual
 * length by resolveParams, which may demand more (the `seed` preset needs at least 25).
 */
export const MIN_SERIES_LENGTH = 16;

/** Default caps, overridable per call: guard memory and the O(rows) training loop. */
export const DEFAULT_MAX_ROWS = 1_000_000;
export const DEFAULT_MAX_COLUMNS = 1_000;

export function assertMinLength(length: number): void {
  if (length < MIN_SERIES_LENGTH) {
    throw new DatasetValidationError(
      `The series has ${length} value${length === 1 ? '' : 's'}; at least ${MIN_SERIES_LENGTH} are needed ` +
        'to train on some windows and still score a holdout.',
    );
  }
}
