// Size limits for uploaded series (the shortest, MIN_SERIES_LENGTH, is contracts': the dashboard
// and the rows-panel detector read it too).
import { MIN_SERIES_LENGTH } from '@seqcast/contracts';
import { DatasetValidationError } from '../errors';

export { MIN_SERIES_LENGTH };

/** Default caps, overridable per call: guard memory and the O(rows) training loop. */
export const DEFAULT_MAX_ROWS = 1_000_000;
export const DEFAULT_MAX_COLUMNS = 1_000;

export function assertMinLength(length: number): void {
  if (length < MIN_SERIES_LENGTH) {
    throw new DatasetValidationError(
      `The series has ${length} value${length === 1 ? '' : 's'}; at least ${MIN_SERIES_LENGTH} are needed ` +
        'to train on some and still score a holdout.',
    );
  }
}
