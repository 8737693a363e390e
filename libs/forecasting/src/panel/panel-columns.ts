// Column conventions shared by the panel reader and the long-panel detector.

export { SERIES_KEY_SEPARATOR } from '@seqcast/contracts';

/** The time column, chosen by name (or timeColumn), may hold numeric time: years, epoch seconds, …
 *  (time/numeric-timestamp.ts). `year` comes last: a wide file's year column is its time, not a series. */
export const TIME_NAMES = [
  'ds',
  'date',
  'time',
  'timestamp',
  'datetime',
  'dt',
  'ts',
  'epoch',
  'period',
  'month',
  'quarter',
  'week',
  'day',
  'year',
];
