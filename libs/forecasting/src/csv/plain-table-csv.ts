// An upload laid out for reading, not for parsing, as the plain CSV it stands for, before either
// parser reads it: a header of two levels (pandas' MultiIndex columns, yfinance's download:
// contracts' multi-level-header.ts) or a calendar table (a row per year, a column per month or
// quarter: contracts' calendar-table.ts).
import { calendarTableAsCsv, multiLevelHeaderAsCsv } from '@seqcast/contracts';
import { decodeCsvBytes } from './decode-text';

/** Bytes enough to see the header lines and the first rows. */
const HEAD_BYTES = 64 * 1024;

export interface PlainTable {
  csv: string;
  warning: string;
}

/** The upload rewritten as a plain table, and the warning saying so; undefined for any other
 *  upload (a binary file too: the parser names it). Only a file that opens so is decoded whole.
 *  `columnsNamed`: the upload names its time or value column, which a calendar table has none of
 *  (the user reads one of its columns as a yearly series). */
export function plainTableCsv(content: Uint8Array | string, columnsNamed = false): PlainTable | undefined {
  const text = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? bytes : decodeCsvBytes(bytes));
  const readers = columnsNamed ? [multiLevelHeaderAsCsv] : [multiLevelHeaderAsCsv, calendarTableAsCsv];
  try {
    const head = typeof content === 'string' ? content.slice(0, HEAD_BYTES) : text(content.subarray(0, HEAD_BYTES));
    const reader = readers.find((read) => read(head));
    return reader && reader(text(content));
  } catch {
    return undefined;
  }
}
