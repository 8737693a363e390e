import { DatasetValidationError } from '../errors';
import { validateJsonSeries } from './validate-json-series';

const values = Array.from({ length: 20 }, (_, i) => i + 0.5);
const timestamps = values.map((_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);

describe('validateJsonSeries', () => {
  it('accepts a valid series and infers the frequency', () => {
    const ds = validateJsonSeries({ values, timestamps });
    expect(ds.values).toEqual(values);
    expect(ds.frequency).toBe('daily');
    expect(ds.timestamps![0]).toBe('2024-01-01');
    expect(validateJsonSeries({ values }).timestamps).toBeUndefined();
  });

  it.each([
    [NaN, /values\[3\] is NaN/],
    [Infinity, /values\[3\] is infinite/],
    [null, /values\[3\] is null/],
    ['12', /values\[3\] is a string/],
  ])('names the index of a bad value (%p)', (bad, re) => {
    const v: unknown[] = [...values];
    v[3] = bad;
    expect(() => validateJsonSeries({ values: v })).toThrow(re);
  });

  it('reads a null value of a dated series as a missing time step: filled inside, left out at the ends', () => {
    const v: unknown[] = [...values];
    v[0] = null;
    v[6] = null;
    const ds = validateJsonSeries({ values: v, timestamps });
    expect(ds.timestamps![0]).toBe('2024-01-02');
    expect(ds.values).toHaveLength(19);
    expect(ds.values[5]).toBeCloseTo(6.5);
    expect(ds.warnings[0]).toMatch(/"values" has 2 nulls \(first at values\[0\]\): treated as missing time steps/);
  });

  it('checks timestamps: length, parse, order', () => {
    expect(() => validateJsonSeries({ values, timestamps: timestamps.slice(1) })).toThrow(/19 entries .* 20/);
    const t = [...timestamps];
    t[2] = 'yesterday';
    expect(() => validateJsonSeries({ values, timestamps: t })).toThrow(/timestamps\[2\] is not a date/);
    t[2] = timestamps[1];
    expect(() => validateJsonSeries({ values, timestamps: t })).toThrow(/timestamps\[2\].*repeats/);
  });

  it('averages an hour a local clock repeats (hourly, 01:00 twice) and warns', () => {
    const t = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2023, 9, 29) + i * 3_600_000).toISOString());
    const wall = [...t.slice(0, 2), t[1], ...t.slice(2, 19)];
    const ds = validateJsonSeries({ values, timestamps: wall });
    expect(ds.frequency).toBe('hourly');
    expect(ds.values.slice(0, 3)).toEqual([0.5, 2, 3.5]);
    expect(ds.warnings).toEqual([expect.stringMatching(/2023-10-29T01:00:00.000Z appear twice.*daylight saving/)]);
  });

  it('rejects short, empty, non-array and oversized input', () => {
    expect(() => validateJsonSeries({ values: [1, 2, 3] })).toThrow(DatasetValidationError);
    expect(() => validateJsonSeries({ values: [] })).toThrow(/empty/);
    expect(() => validateJsonSeries({ values: 'x' })).toThrow(/array/);
    expect(() => validateJsonSeries({ values }, { maxRows: 10 })).toThrow(/at most 10/);
  });
});

describe('validateJsonSeries: missing time steps', () => {
  it('fills them on the inferred grid and warns', () => {
    const months = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10));
    const keep = months.map((_, i) => i).filter((i) => i !== 7 && i !== 8);
    const ds = validateJsonSeries({ values: keep.map((i) => 2 * i), timestamps: keep.map((i) => months[i]) });
    expect(ds.frequency).toBe('monthly');
    expect(ds.timestamps).toEqual(months);
    expect(ds.values[7]).toBeCloseTo(14);
    expect(ds.values[8]).toBeCloseTo(16);
    expect(ds.warnings).toEqual([expect.stringMatching(/2 missing time steps were filled/)]);
  });
});

describe('validateJsonSeries: numeric timestamps', () => {
  const start = Date.UTC(2024, 0, 1);
  const n = values.length;

  it('reads numbers as epoch milliseconds (Date.now()), date-times', () => {
    const ds = validateJsonSeries({ values, timestamps: values.map((_, i) => start + i * 300_000) });
    expect(ds.frequency).toBe('5min');
    expect(ds.timestamps![0]).toBe('2024-01-01T00:00:00.000Z');
  });

  it('reads numeric strings: years, decimal time, epoch seconds, YYYYMMDD', () => {
    const years = validateJsonSeries({ values, timestamps: values.map((_, i) => String(1871 + i)) });
    expect(years).toMatchObject({ frequency: 'yearly', timestamps: expect.arrayContaining(['1871-01-01']) });
    const quarters = validateJsonSeries({ values, timestamps: values.map((_, i) => String(1990 + i / 4)) });
    expect(quarters.frequency).toBe('quarterly');
    expect(quarters.timestamps!.slice(0, 3)).toEqual(['1990-01-01', '1990-04-01', '1990-07-01']);
    const months = validateJsonSeries({ values, timestamps: values.map((_, i) => (1949 + i / 12).toFixed(3)) });
    expect(months.frequency).toBe('monthly');
    expect(months.timestamps![1]).toBe('1949-02-01');
    const seconds = validateJsonSeries({ values, timestamps: values.map((_, i) => String(start / 1000 + i * 300)) });
    expect(seconds).toMatchObject({ frequency: '5min', timestamps: expect.arrayContaining(['2024-01-01T00:05:00.000Z']) });
    const compact = validateJsonSeries({ values, timestamps: Array.from({ length: n }, (_, i) => String(20240101 + i)) });
    expect(compact.frequency).toBe('daily');
    expect(compact.timestamps![0]).toBe('2024-01-01');
  });

  it('rejects weekly decimal time and numbers that are not epoch milliseconds, naming the index', () => {
    const weekly = values.map((_, i) => String(2020 + i / 52));
    expect(() => validateJsonSeries({ values, timestamps: weekly })).toThrow(/timestamps\[1\] is not a date/);
    const yearNumbers = values.map((_, i) => 1990 + i);
    expect(() => validateJsonSeries({ values, timestamps: yearNumbers })).toThrow(
      /timestamps\[0\] is not a date \(got 1990; a number is read as epoch milliseconds; use YYYY-MM-DD/,
    );
  });
});
