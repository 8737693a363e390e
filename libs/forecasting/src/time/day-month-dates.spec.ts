import { parseDayMonthColumn } from './day-month-dates';

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

  it('reads times of day and refuses what is not of this form or not a date in either order', () => {
    const t = parseDayMonthColumn(['13/01/2020 23:00', '14/01/2020 00:00']);
    expect(t?.parsed?.map((p) => new Date(p.ms).toISOString())).toEqual(['2020-01-13T23:00:00.000Z', '2020-01-14T00:00:00.000Z']);
    expect(t?.parsed?.[0].dateOnly).toBe(false);
    expect(parseDayMonthColumn(['2020-01-01', '02/01/2020'])).toBeUndefined();
    expect(parseDayMonthColumn(['13/13/2020'])).toBeUndefined();
    expect(parseDayMonthColumn(['12', '13'])).toBeUndefined();
  });
});
