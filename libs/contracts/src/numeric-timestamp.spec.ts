import { mayHoldNumericTime, parseNumericTimestamp, parseTimeValue } from './numeric-timestamp';

const day = (iso: string) => ({ ms: Date.parse(`${iso}T00:00:00Z`), dateOnly: true });
const instant = (iso: string) => ({ ms: Date.parse(iso), dateOnly: false });

describe('parseNumericTimestamp', () => {
  it('reads bare years as January 1st', () => {
    expect(parseNumericTimestamp('1871')).toEqual(day('1871-01-01'));
    expect(parseNumericTimestamp(' 2020 ')).toEqual(day('2020-01-01'));
    expect(parseNumericTimestamp('1900.0')).toEqual(day('1900-01-01'));
  });

  it("reads R's decimal time on the month grid, full or short printed", () => {
    expect(parseNumericTimestamp('1949.08333333333')).toEqual(day('1949-02-01'));
    expect(parseNumericTimestamp('1949.16666666667')).toEqual(day('1949-03-01'));
    expect(parseNumericTimestamp('1949.91666666667')).toEqual(day('1949-12-01'));
    expect(parseNumericTimestamp('1949.083')).toEqual(day('1949-02-01'));
    expect(parseNumericTimestamp('1949.917')).toEqual(day('1949-12-01'));
    expect(['1990.25', '1990.5', '1990.75'].map(parseNumericTimestamp)).toEqual([
      day('1990-04-01'),
      day('1990-07-01'),
      day('1990-10-01'),
    ]);
  });

  it('rejects fractions off the month grid (weekly k/52, two-digit prints) and implausible years', () => {
    // 1/52, 2/52, 3/52 of a year: weekly decimal time.
    expect(['2020.01923076923', '2020.03846153846', '2020.05769230769'].map(parseNumericTimestamp)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(parseNumericTimestamp('1949.17')).toBeUndefined(); // 2.04 months
    expect(parseNumericTimestamp('1949.9999')).toBeUndefined(); // next January, not December
    expect(parseNumericTimestamp('0050')).toBeUndefined();
    expect(parseNumericTimestamp('-2020')).toBeUndefined();
    expect(parseNumericTimestamp('123')).toBeUndefined();
  });

  it('reads epoch seconds and milliseconds as date-times', () => {
    expect(parseNumericTimestamp('1704067200')).toEqual(instant('2024-01-01T00:00:00Z'));
    expect(parseNumericTimestamp('1704067200.25')).toEqual(instant('2024-01-01T00:00:00.250Z'));
    expect(parseNumericTimestamp('946684800')).toEqual(instant('2000-01-01T00:00:00Z')); // 9 digits
    expect(parseNumericTimestamp('1704067200123')).toEqual(instant('2024-01-01T00:00:00.123Z'));
    expect(parseNumericTimestamp('17040672001')).toBeUndefined(); // 11 digits: neither
  });

  it('reads compact YYYYMMDD dates that exist, and YYYYMM months', () => {
    expect(parseNumericTimestamp('20240229')).toEqual(day('2024-02-29'));
    expect(parseNumericTimestamp('202402')).toEqual(day('2024-02-01'));
    expect(['202413', '202400', '999912', '12345'].map((s) => parseNumericTimestamp(s)?.ms)).toEqual([
      undefined,
      undefined,
      undefined,
      Date.UTC(1933, 9, 18),
    ]);
    expect(parseNumericTimestamp('20230229')).toBeUndefined();
    expect(parseNumericTimestamp('20241301')).toBeUndefined();
  });

  it("reads a spreadsheet's 5-digit date serial (days since 1899-12-30), a fraction as the time of day", () => {
    expect(parseNumericTimestamp('43831')).toEqual(day('2020-01-01'));
    expect(parseNumericTimestamp('25569')).toEqual(day('1970-01-01'));
    expect(parseNumericTimestamp('43831.5')).toEqual(instant('2020-01-01T12:00:00Z'));
    expect(parseNumericTimestamp('09999')).toBeUndefined();
    expect(parseNumericTimestamp('123456')).toBeUndefined(); // 6 digits: no encoding
  });

  it('reads a number as epoch milliseconds, only in the 12–13-digit span', () => {
    expect(parseNumericTimestamp(1704067200000)).toEqual(instant('2024-01-01T00:00:00Z'));
    expect(parseNumericTimestamp(2020)).toBeUndefined(); // would be 1970-01-01T00:00:02.020Z
    expect(parseNumericTimestamp(1704067200)).toBeUndefined(); // seconds, as a number
    expect(parseNumericTimestamp(NaN)).toBeUndefined();
  });
});

describe('parseTimeValue', () => {
  it('takes date strings first, then numeric strings and numbers; nothing else', () => {
    expect(parseTimeValue('2020-03-01')).toEqual(day('2020-03-01'));
    expect(parseTimeValue('2020 Q2')).toEqual(day('2020-04-01'));
    expect(parseTimeValue('1990.25')).toEqual(day('1990-04-01'));
    // Where a dotted year-month overlaps decimal time, decimal time wins; elsewhere they are months.
    expect(parseTimeValue('1990.5')).toEqual(day('1990-07-01'));
    expect(['2020.05', '2020.10', '2020.3'].map(parseTimeValue)).toEqual([
      day('2020-05-01'),
      day('2020-10-01'),
      day('2020-03-01'),
    ]);
    expect(parseTimeValue(1704067200000)).toEqual(instant('2024-01-01T00:00:00Z'));
    expect([null, undefined, true, {}, '', 'yesterday'].map(parseTimeValue)).toEqual(Array(6).fill(undefined));
  });
});

describe('mayHoldNumericTime', () => {
  it('knows time columns by name, with a unit or zone after it as loggers write them', () => {
    const names = [
      'ds',
      'timestamp',
      'unix',
      'timestamp_ms',
      'epoch (s)',
      'ts_ms',
      'time (UTC)',
      'Time(UTC)',
      'date_utc',
      'year',
      'Month',
    ];
    expect(names.filter((n) => !mayHoldNumericTime(n))).toEqual([]);
    // A plural or another word is no time column: a value column of days or sales stays one.
    expect(['days', 'weeks', 'sales', 'time_zone', 'period_total'].filter(mayHoldNumericTime)).toEqual([]);
  });
});
