// Column conventions shared by the panel reader and the long-panel detector.

/** Joins the id columns of a long file into one key: store=3, item=17 -> "3/17". */
export const SERIES_KEY_SEPARATOR = '/';

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
