// Numbers in uploaded files are parsed strictly: Number('') is 0 and Number('0x1f') is 31, and
// parseFloat('12abc') is 12 — each would silently put a wrong value into the series.

import { MISSING_VALUE_CELL } from './dataset';

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/** As spreadsheets format numbers: thousands grouped by commas (`1,234,567.5`, a quoted cell of a
 *  comma-separated file), or by dots before a decimal comma (`1.234.567,5`, `;`/tab separated). */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const GROUPED_DECIMAL_COMMA = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/;
/** Thousands grouped by spaces, as French, Nordic and SI style write them (`1 234 567,5`; Excel
 *  uses a no-break or narrow no-break space): the decimal mark, a comma or a dot, is then the only
 *  one, so either reads unambiguously. */
const SPACE_GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;
/** Thousands grouped by apostrophes, as Swiss locales write them (`1'234'567.50`, Excel's `’`). */
const APOSTROPHE_GROUPED = /^[+-]?\d{1,3}(?:['\u2019]\d{3})+(?:[.,]\d+)?$/;
/** A currency sign before the number (`$12`) or after it (`12,50 €`, as European locales print
 *  it), or a percent sign after it, as a formatted cell shows them (the number is kept as written:
 *  `12%` is 12). */
const DECORATION = /^([+-]?)\s*[$€£¥]\s*|\s*[%€£¥]$/g;
/** A unit of measure or a currency code after the number, as meter, shop and bank exports print
 *  them (`12.5 kWh`, `3.2 °C`, `250ms`, `1,234.50 EUR`): the number is read. Only these known
 *  units: a word after a number may say something else (`12 Jan` is a date). */
const UNIT_SUFFIX =
  /\s*(?:[kMG]?Wh|[kMG]?W|kVAh?|kg|lbs?|km|mi|cm|mm|m³|m3|°[CF]|℃|ms|sec|min|hrs?|kB|MB|GB|TB|Mbps|kbps|USD|EUR|GBP|CHF|JPY|CNY|SEK|NOK|DKK|PLN|CZK|CAD|AUD|INR|BRL)$/;
/** Eurostat's flags after a value (`12.3 p` provisional, `5 e` estimated, `7.1 bep`): the value is read. */
const STATISTICS_FLAGS = /\s+[bcdefinprsuz]{1,4}$/;
/** A note on a value: a footnote mark as tables copied from the web carry it (`2,980[a]`, `12[3]`),
 *  BLS' preliminary and revised marks (`258.8(P)`, `(R)`), or asterisks: the value is read. */
const ANNOTATION = /\s*(?:\[\w{1,4}\]|\((?:p|r|e|est|prel)\)|\*{1,3})$/i;
/** A value below a limit (`<1`, Google Trends' "under 1 on its 0-100 scale"; `< 0.5`, a lab's
 *  detection limit): read as half the limit, the usual substitution for a censored value. */
const BELOW_LIMIT = /^<\s*(.+)$/;

/** A decimal comma as a `,` file can only hold it, quoted (`"10,5"`): a comma before other than
 *  three digits separates no thousands. */
const UNGROUPED_DECIMAL_COMMA = /^[+-]?\d+,(?:\d{1,2}|\d{4,})$/;
/** A decimal point (`10.5`, `1,234.5`): the file's numbers then have no decimal comma. */
const DECIMAL_POINT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/;

/** Whether a file's numbers are written with a decimal comma: in a `;`, tab or `|` separated file,
 *  and in a `,` one whose cells write it (`"10,5"`, as German and French tools quote it when they
 *  separate by commas) and none a decimal point. */
export function hasDecimalComma(delimiter: string, rows: readonly (readonly string[])[]): boolean {
  if (delimiter !== ',') return true;
  let comma = false;
  for (const row of rows) {
    for (const cell of row) {
      const c = cell.trim();
      if (DECIMAL_POINT.test(c)) return false;
      comma ||= UNGROUPED_DECIMAL_COMMA.test(c);
    }
  }
  return comma;
}

/** Parses one cell. `decimalComma` accepts `1,5` (only sensible for `;`/tab separated files, where
 *  the comma cannot be the delimiter). Thousands separators (commas, dots before a decimal comma,
 *  spaces, apostrophes), a currency or percent sign, a unit after the number, accounting's parentheses and
 *  the typographic minus are read as a spreadsheet writes them; a footnote or preliminary mark after
 *  it is passed over, and `<1` is half its limit. Returns undefined when the cell is not such a number. */
export function parseNumericCell(cell: string, decimalComma = false): number | undefined {
  const s = cell.trim();
  if (PLAIN_NUMBER.test(s)) return Number(s);
  const signed = withAsciiSign(s);
  if (signed !== s) return parseNumericCell(signed, decimalComma);
  const noted = s.replace(ANNOTATION, '');
  if (noted !== s && noted !== '' && !ANNOTATION.test(noted)) return parseNumericCell(noted, decimalComma);
  const below = BELOW_LIMIT.exec(s);
  if (below) {
    const limit = parseNumericCell(below[1], decimalComma);
    return limit !== undefined && limit >= 0 && !BELOW_LIMIT.test(below[1]) ? limit / 2 : undefined;
  }
  // One flag or unit: `12 kWh kWh` is no number.
  const unflagged = s.replace(STATISTICS_FLAGS, '').replace(UNIT_SUFFIX, '');
  if (unflagged !== s && unflagged !== '' && !STATISTICS_FLAGS.test(unflagged) && !UNIT_SUFFIX.test(unflagged))
    return parseNumericCell(unflagged, decimalComma);
  if (decimalComma && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  const bare = s.replace(DECORATION, '$1');
  if (bare !== s && PLAIN_NUMBER.test(bare)) return Number(bare);
  if (decimalComma) {
    if (DECIMAL_COMMA.test(bare)) return Number(bare.replace(',', '.'));
    if (GROUPED_DECIMAL_COMMA.test(bare)) return Number(bare.replace(/\./g, '').replace(',', '.'));
  } else if (GROUPED.test(bare)) {
    return Number(bare.replace(/,/g, ''));
  }
  if (SPACE_GROUPED.test(bare)) return Number(bare.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  if (APOSTROPHE_GROUPED.test(bare)) return Number(bare.replace(/['\u2019]/g, '').replace(',', '.'));
  return undefined;
}

/** Accounting's negatives, `(1,234.50)` or `($12)`, and the typographic minus sign (U+2212, as
 *  Excel and LibreOffice print negatives in some locales) as a leading `-`; other cells unchanged. */
function withAsciiSign(s: string): string {
  const accounting = /^\((.+)\)$/.exec(s);
  if (accounting && !/^[+\-\u2212(]/.test(accounting[1].trim())) return `-${accounting[1].trim()}`;
  return s.startsWith('\u2212') ? `-${s.slice(1)}` : s;
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
