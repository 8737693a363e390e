// Numbers in uploaded files are parsed strictly: Number('') is 0 and Number('0x1f') is 31, and
// parseFloat('12abc') is 12 — each would silently put a wrong value into the series.

import { MISSING_VALUE_CELL } from '@seqcast/contracts';

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** Parses one cell. `decimalComma` accepts `1,5` (only sensible for `;`/tab separated files, where
 *  the comma cannot be the delimiter). Returns undefined when the cell is not a plain number. */
export function parseNumericCell(cell: string, decimalComma = false): number | undefined {
  const s = cell.trim();
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (decimalComma && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

/** Whether a cell says "not observed" rather than holding a number. */
export function isMissingCell(cell: string): boolean {
  return MISSING_VALUE_CELL.test(cell.trim());
}

/** Why a cell is not usable as a value, phrased for the user. */
export function describeBadNumber(cell: string): string {
  const s = cell.trim();
  if (s === '') return 'is empty';
  if (/^[+-]?nan$/i.test(s)) return 'is NaN';
  if (/^[+-]?(inf|infinity)$/i.test(s)) return 'is infinite';
  const n = Number(s);
  if (PLAIN_NUMBER.test(s) && !Number.isFinite(n)) return `is too large ("${s}")`;
  return `is not a number ("${s.length > 40 ? `${s.slice(0, 40)}…` : s}")`;
}
