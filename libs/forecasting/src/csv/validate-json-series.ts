import { DatasetValidationError } from '../errors';
import { fillGaps } from '../time/fill-gaps';
import { inferFrequency, inferFrequencyWithMissing } from '../time/frequency';
import { snapToGrid, snapWarning } from '../time/snap-to-grid';
import {
  describeBadNumber,
  formatTimestamp,
  isYearRangeColumn,
  parseTimeValue,
  parseYearRange,
  yearRangeWarning,
} from '@seqcast/contracts';
import { assertMinLength, DEFAULT_MAX_ROWS } from './dataset-limits';
import type { ParsedDataset } from './parsed-dataset';
import { chronologicalPoints } from './timestamp-checks';

export interface JsonSeriesInput {
  values: unknown;
  timestamps?: unknown;
}

/** Same rules as parseCsvDataset for a series posted as JSON; errors name the array index. */
export function validateJsonSeries(input: JsonSeriesInput, options: { maxRows?: number } = {}): ParsedDataset {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const { values, timestamps } = input ?? ({} as JsonSeriesInput);
  if (!Array.isArray(values)) throw new DatasetValidationError('"values" must be an array of numbers.');
  if (values.length === 0) throw new DatasetValidationError('"values" is empty.');
  if (values.length > maxRows) {
    throw new DatasetValidationError(`"values" has ${values.length} entries; at most ${maxRows} are allowed.`);
  }
  const dated = Array.isArray(timestamps);
  // With timestamps a null value is a missing time step (filled like other gaps), as in a CSV.
  const observed: number[] = [];
  const checked = values.flatMap((v: unknown, i) => {
    if (v === null && dated) return [];
    observed.push(i);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const why =
        typeof v === 'number'
          ? describeBadNumber(String(v))
          : typeof v === 'string'
            ? `is a string ("${v.slice(0, 40)}"), not a number`
            : `is ${v === null ? 'null' : typeof v}, not a number`;
      throw new DatasetValidationError(`values[${i}] ${why}.`, { index: i });
    }
    return [v];
  });
  const missing = values.length - checked.length;
  assertMinLength(checked.length);

  const result: ParsedDataset = { values: checked, columns: [], valueColumn: 'values', warnings: [] };
  if (timestamps === undefined || timestamps === null) return result;
  if (!Array.isArray(timestamps)) throw new DatasetValidationError('"timestamps" must be an array of date strings.');
  if (timestamps.length !== values.length) {
    throw new DatasetValidationError(
      `"timestamps" has ${timestamps.length} entries but "values" has ${values.length}; they must match one to one.`,
    );
  }
  const yearRanges = isYearRangeColumn(timestamps.map((t) => (typeof t === 'string' ? t : '')));
  if (yearRanges) result.warnings.push(yearRangeWarning('timestamps', timestamps[0] as string));
  const parsed = observed.map((i) => {
    const t: unknown = timestamps[i];
    // Date strings, numeric strings (years, R decimal time, epoch seconds, YYYYMMDD) and numbers
    // as epoch milliseconds (Date.now()).
    const p = yearRanges ? parseYearRange(t as string) : parseTimeValue(t);
    if (!p) {
      throw new DatasetValidationError(
        `timestamps[${i}] is not a date (got ${JSON.stringify(t)?.slice(0, 40)}; ` +
          `${typeof t === 'number' ? 'a number is read as epoch milliseconds; ' : ''}use YYYY-MM-DD or ISO 8601).`,
        { index: i },
      );
    }
    return p;
  });
  const dateOnly = parsed.every((p) => p.dateOnly);
  const label = (t: number) => formatTimestamp(t, dateOnly);
  const points = chronologicalPoints(
    parsed.map((p) => p.ms),
    checked,
    (j) => `timestamps[${observed[j]}]`,
    label,
  );
  let frequency = inferFrequencyWithMissing(
    points.ms,
    values.flatMap((v, i) => (v === null ? [parseTimeValue(timestamps[i])?.ms ?? NaN] : [])),
  );
  const snapped = frequency === 'irregular' ? snapToGrid(points.ms, points.values) : undefined;
  if (snapped) [points.ms, points.values, frequency] = [snapped.ms, snapped.values, inferFrequency(snapped.ms)];
  const filled = fillGaps(points.ms, points.values, frequency, label);
  return {
    ...result,
    values: filled.values,
    timestamps: filled.ms.map(label),
    timeColumn: 'timestamps',
    frequency,
    warnings: [
      missing
        ? `"values" has ${missing} null${missing === 1 ? '' : 's'} (first at values[${values.indexOf(null)}]): treated as ` +
          'missing time steps, filled like other gaps inside the series and left out at its ends.'
        : undefined,
      points.warning,
      snapped && snapWarning(snapped, label, snapped.ms[0]),
      filled.warning,
    ].filter((w): w is string => w !== undefined),
  };
}
