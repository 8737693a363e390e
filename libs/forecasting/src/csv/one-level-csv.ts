// An upload whose header has two levels (pandas' MultiIndex columns, yfinance's download: contracts'
// multi-level-header.ts), as the one-level CSV it stands for, before either parser reads it.
import { multiLevelHeaderAsCsv, type MultiLevelTable } from '@seqcast/contracts';
import { decodeCsvBytes } from './decode-text';

/** Bytes enough to see the header lines and the first rows. */
const HEAD_BYTES = 64 * 1024;

/** The upload rewritten with one header line, and the warning saying so; undefined for any other
 *  upload (a binary file too: the parser names it). Only a file that opens so is decoded whole. */
export function oneLevelCsv(content: Uint8Array | string): MultiLevelTable | undefined {
  const text = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? bytes : decodeCsvBytes(bytes));
  try {
    const head = typeof content === 'string' ? content.slice(0, HEAD_BYTES) : text(content.subarray(0, HEAD_BYTES));
    return multiLevelHeaderAsCsv(head) && multiLevelHeaderAsCsv(text(content));
  } catch {
    return undefined;
  }
}
