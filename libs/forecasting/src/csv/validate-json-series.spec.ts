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

  it('checks timestamps: length, parse, order', () => {
    expect(() => validateJsonSeries({ values, timestamps: timestamps.slice(1) })).toThrow(/19 entries .* 20/);
    const t = [...timestamps];
    t[2] = 'yesterday';
    expect(() => validateJsonSeries({ values, timestamps: t })).toThrow(/timestamps\[2\] is not a date/);
    t[2] = timestamps[1];
    expect(() => validateJsonSeries({ values, timestamps: t })).toThrow(/timestamps\[2\].*repeats/);
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
