import { isDayMonthColumn, parseDayMonthCell, parseDayMonthColumn } from './day-month-dates';

const iso = (r: ReturnType<typeof parseDayMonthColumn>) => r?.parsed?.map((p) => new Date(p.ms).toISOString().slice(0, 10));

describe('parseDayMonthColumn', () => {
  it('a first number above 12 makes the column day-first, a second above 12 month-first', () => {
    const dayFirst = parseDayMonthColumn(['30.12.2020', '31.12.2020', '01.01.2021']);
    expect(dayFirst?.order).toBe('day-first');
    expect(iso(dayFirst)).toEqual(['2020-12-30', '2020-12-31', '2021-01-01']);
    const monthFirst = parseDayMonthColumn(['1/31/2020', '2/29/2020', '3/31/2020']);
    expect(monthFirst?.order).toBe('month-first');
    expect(iso(monthFirst)).toEqual(['2020-01-31', '2020-02-29', '2020-03-31']);
  });

  it('without such a number, keeps the reading that gives increasing dates on a regular step', () => {
    // Monthly on the 1st, written day-first: month-first would read Jan 1, Jan 2, … Jan 12, then Jan 1 again.
    const cells = Array.from(
      { length: 14 },
      (_, i) => `01/${String((i % 12) + 1).padStart(2, '0')}/${2020 + Math.floor(i / 12)}`,
    );
    expect(parseDayMonthColumn(cells)?.order).toBe('day-first');
    // Hours of one day whose day and month are both 12 or less: both readings are hourly, no gaps.
    const hours = Array.from({ length: 16 }, (_, i) => `01/02/2020 ${String(i).padStart(2, '0')}:00`);
    expect(parseDayMonthColumn(hours)?.order).toBe('ambiguous');
  });

  it("reads two-digit years as strptime's %y does (Excel's m/d/yy), after / or . only", () => {
    expect(iso(parseDayMonthColumn(['1/30/20', '1/31/20', '2/1/20']))).toEqual(['2020-01-30', '2020-01-31', '2020-02-01']);
    expect(iso(parseDayMonthColumn(['30.12.99', '31.12.99', '01.01.00']))).toEqual(['1999-12-30', '1999-12-31', '2000-01-01']);
    // `20-05-03` may be year-first: not read as a day-month date.
    expect(parseDayMonthColumn(['30-12-20', '31-12-20'])).toBeUndefined();
  });

  it("reads ENTSO-E's periods (`13.01.2020 00:00 - 13.01.2020 01:00`) as their starts", () => {
    const cells = ['13.01.2020 23:00 - 14.01.2020 00:00', '14.01.2020 00:00 - 14.01.2020 01:00'];
    const r = parseDayMonthColumn(cells);
    expect(r?.order).toBe('day-first');
    expect(r?.parsed?.map((p) => new Date(p.ms).toISOString())).toEqual(['2020-01-13T23:00:00.000Z', '2020-01-14T00:00:00.000Z']);
    expect(parseDayMonthColumn(['13.01.2020 00:00 - later'])).toBeUndefined();
  });

  it('reads times of day and refuses what is not of this form or not a date in either order', () => {
    const t = parseDayMonthColumn(['13/01/2020 23:00', '14/01/2020 00:00']);
    expect(t?.parsed?.map((p) => new Date(p.ms).toISOString())).toEqual(['2020-01-13T23:00:00.000Z', '2020-01-14T00:00:00.000Z']);
    expect(t?.parsed?.[0].dateOnly).toBe(false);
    expect(parseDayMonthColumn(['2020-01-01', '02/01/2020'])).toBeUndefined();
    expect(parseDayMonthColumn(['13/13/2020'])).toBeUndefined();
    expect(parseDayMonthColumn(['12', '13'])).toBeUndefined();
  });

  it('reads 12-hour times (Excel US exports: 1/4/2021 1:30 PM)', () => {
    const t = parseDayMonthColumn(['1/13/2021 11:00 AM', '1/13/2021 12:00 PM', '1/13/2021 1:00 PM']);
    expect(t?.order).toBe('month-first');
    expect(t?.parsed?.map((p) => new Date(p.ms).toISOString().slice(11, 16))).toEqual(['11:00', '12:00', '13:00']);
    expect(parseDayMonthColumn(['1/13/2021 13:00 PM'])).toBeUndefined();
  });
});

describe('isDayMonthColumn / parseDayMonthCell', () => {
  it('a column of such dates in either order, and one cell read in a known order', () => {
    expect(isDayMonthColumn(['1/2/2020', '1/2/2020', '13/2/2020'])).toBe(true);
    expect(isDayMonthColumn(['13/2/2020', '2/13/2020'])).toBe(false);
    expect(isDayMonthColumn(['2020-01-02'])).toBe(false);
    expect(parseDayMonthCell('1/2/2020', 'month-first')).toEqual({ ms: Date.UTC(2020, 0, 2), dateOnly: true });
    expect(parseDayMonthCell('1/2/2020', 'day-first')).toEqual({ ms: Date.UTC(2020, 1, 1), dateOnly: true });
    expect(parseDayMonthCell('1/13/2020', 'day-first')).toBeUndefined();
  });
});
