import { inferFrequency, nextTimestamps, seasonalPeriod } from './frequency';
import { formatTimestamp, parseMonth, parseTimestamp } from './timestamp';

const d = (s: string) => Date.parse(s);

describe('inferFrequency', () => {
  it.each([
    [['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01'], 'monthly'],
    [['2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01'], 'quarterly'],
    [['2019-01-01', '2020-01-01', '2021-01-01'], 'yearly'],
    [['2020-01-01', '2020-01-08', '2020-01-15'], 'weekly'],
    [['2020-01-01', '2020-01-02', '2020-01-03'], 'daily'],
    [['2020-01-01T00:00:00Z', '2020-01-01T01:00:00Z', '2020-01-01T02:00:00Z'], 'hourly'],
    [['2020-01-01', '2020-01-02', '2020-03-03'], 'irregular'],
    [['2020-01-01', '2020-01-02'], 'irregular'],
  ])('%p -> %s', (ts, freq) => {
    expect(inferFrequency(ts)).toBe(freq);
  });

  it('tolerates one gap in a long daily series', () => {
    const ts = Array.from({ length: 30 }, (_, i) => d('2020-01-01') + (i < 20 ? i : i + 1) * 86_400_000);
    expect(inferFrequency(ts)).toBe('daily');
  });
});

describe('seasonalPeriod', () => {
  it('maps frequencies to cycle lengths', () => {
    expect([seasonalPeriod('monthly'), seasonalPeriod('quarterly'), seasonalPeriod('weekly')]).toEqual([12, 4, 52]);
    expect([seasonalPeriod('daily'), seasonalPeriod('hourly'), seasonalPeriod('yearly')]).toEqual([7, 24, 1]);
    expect(seasonalPeriod(undefined)).toBe(1);
  });
});

describe('nextTimestamps', () => {
  it('steps calendar months, clamping the day', () => {
    const next = nextTimestamps(d('1960-12-01'), 'monthly', 3)!.map((t) => formatTimestamp(t, true));
    expect(next).toEqual(['1961-01-01', '1961-02-01', '1961-03-01']);
    const clamp = nextTimestamps(d('2021-01-31'), 'monthly', 2)!.map((t) => formatTimestamp(t, true));
    expect(clamp).toEqual(['2021-02-28', '2021-03-31']);
    expect(nextTimestamps(d('2020-01-01'), 'irregular', 2)).toBeUndefined();
    expect(nextTimestamps(d('2020-01-01'), 'weekly', 1)).toEqual([d('2020-01-08')]);
  });
});

describe('parseTimestamp / parseMonth', () => {
  it('accepts ISO-like forms only', () => {
    expect(parseTimestamp('1949-01')).toEqual({ ms: d('1949-01-01'), dateOnly: true });
    expect(parseTimestamp('2020/3/5')).toEqual({ ms: d('2020-03-05'), dateOnly: true });
    expect(parseTimestamp('2020-03-05T10:00:00+02:00')!.ms).toBe(d('2020-03-05T08:00:00Z'));
    expect(parseTimestamp('2021-02-30')).toBeUndefined();
    expect(parseTimestamp('03/05/2020')).toBeUndefined();
  });
  it('reads month numbers and English names', () => {
    expect(['Jan', 'january', 'SEPT', 'Sep.', '12', '03'].map(parseMonth)).toEqual([1, 1, 9, 9, 12, 3]);
    expect(['13', 'Mrz', 'ma', 'marchx'].map(parseMonth)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
