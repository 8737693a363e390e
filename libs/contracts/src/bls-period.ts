// The U.S. Bureau of Labor Statistics dates its observations by a year and a period code, in its
// flat files (`series_id, year, period, value`) and its API's answers (`{ year, period: "M01",
// value }`): M01-M12 months, Q01-Q04 quarters, S01-S02 halves, A01 the year; M13, Q05 and S03 are
// annual averages, a summary of the rows beside them rather than a time step.

/** One period code. */
export const BLS_PERIOD = /^(?:M(?:0[1-9]|1[0-3])|Q0[1-5]|S0[1-3]|A01)$/i;
/** The codes of an annual average. */
const ANNUAL_AVERAGE = /^(?:M13|Q05|S03)$/i;
/** A column holding period codes is named so. */
const PERIOD_NAMES = ['period', 'periode', 'periodo'];

/** The column of `header` holding BLS period codes on every row of `rows`, beside a year column
 *  (found by the caller); undefined where there is none. */
export function blsPeriodColumn(header: readonly string[], rows: ReadonlyArray<readonly string[]>): number | undefined {
  const c = header.findIndex((h) => PERIOD_NAMES.includes(h.trim().toLowerCase()));
  if (c < 0 || !rows.length || !rows.every((r) => BLS_PERIOD.test((r[c] ?? '').trim()))) return undefined;
  return c;
}

/** Which codes of a column are annual averages to leave out, the column's `codes` decide: M13, Q05
 *  and S03 always; A01 beside months, quarters or halves, but not in an annual series (every code
 *  A01), where it is the year itself. */
export function annualAverageTest(codes: Iterable<string>): (code: string) => boolean {
  let annualSeries = true;
  for (const code of codes) if (code.trim().toUpperCase() !== 'A01') annualSeries = false;
  return (code) => {
    const c = code.trim().toUpperCase();
    return ANNUAL_AVERAGE.test(c) || (c === 'A01' && !annualSeries);
  };
}

/** The first month (1-12) of the period a code names: M03 → 3, Q02 → 4, S02 → 7, A01 → 1. */
export function blsPeriodMonth(code: string): number | undefined {
  const c = code.trim().toUpperCase();
  if (!BLS_PERIOD.test(c) || ANNUAL_AVERAGE.test(c)) return undefined;
  const n = Number(c.slice(1));
  return c[0] === 'M' ? n : c[0] === 'Q' ? 3 * n - 2 : c[0] === 'S' ? 6 * n - 5 : 1;
}

/** The warning for annual averages left out: how many, the first one's code and line. */
export function annualAveragesWarning(count: number, code: string, firstLine: number): string {
  return (
    `${count} row${count === 1 ? '' : 's'} of annual averages (period ${code}, first on line ${firstLine}) ` +
    `left out: ${count === 1 ? 'it sums' : 'they sum'} up the year, not a time step.`
  );
}
