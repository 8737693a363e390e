import {
  describeFrequency,
  inferFrequency,
  inferFrequencyWithMissing,
  nextTimestamps,
  parseFrequency,
  seasonalPeriod,
  sessionSlot,
  type SessionSpec,
} from './frequency';
import { formatTimestamp, parseMonth, parseTimestamp } from '@seqcast/contracts';

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

  it('counts the instants of missing values (NA rows) toward the grid; a lower share reads a gappier one', () => {
    // Every fifth day without a value: 75 % of the observed steps are one day, under the 90 % a
    // lone series needs; with the NA rows' days the grid is whole.
    const all = Array.from({ length: 60 }, (_, i) => d('2024-01-01') + i * 86_400_000);
    const observed = all.filter((_, i) => i % 5 !== 2);
    const missing = all.filter((_, i) => i % 5 === 2);
    expect(inferFrequency(observed)).toBe('irregular');
    expect(inferFrequencyWithMissing(observed, missing)).toBe('daily');
    expect(inferFrequencyWithMissing(observed, [NaN])).toBe('irregular'); // an unreadable instant adds nothing
    expect(describeFrequency(observed, 0.5).label).toBe('daily'); // a panel's other series vouch for the grid
  });

  const MIN = 60_000;
  const steps = (start: string, stepMs: number, n: number, skip: number[] = []) =>
    Array.from({ length: n + skip.length }, (_, i) => d(start) + i * stepMs).filter((_, i) => !skip.includes(i));

  it.each([
    [1_000, '1s'],
    [10_000, '10s'],
    [MIN, 'minutely'],
    [5 * MIN, '5min'],
    [15 * MIN, '15min'],
    [30 * MIN, '30min'],
    [90 * MIN, '90min'],
    [60 * MIN, 'hourly'],
    [120 * MIN, '2h'],
    [6 * 60 * MIN, '6h'],
    [24 * 60 * MIN, 'daily'],
    [2 * 24 * 60 * MIN, '2d'],
    [7 * 24 * 60 * MIN, 'weekly'],
    [14 * 24 * 60 * MIN, '2w'],
  ])('fixed step of %p ms -> %s, also with a few missing points', (stepMs, label) => {
    expect(inferFrequency(steps('2021-03-01T00:00:00Z', stepMs, 200))).toBe(label);
    expect(inferFrequency(steps('2021-03-01T00:00:00Z', stepMs, 200, [17, 18, 90, 150]))).toBe(label);
    expect(describeFrequency(steps('2021-03-01T00:00:00Z', stepMs, 50))).toEqual({ kind: 'fixed', label, stepMs });
    expect(parseFrequency(label)).toEqual({ kind: 'fixed', label, stepMs });
  });

  it.each([
    ['monthly', 1],
    ['quarterly', 3],
    ['6mo', 6],
    ['yearly', 12],
    ['2y', 24],
  ])('calendar steps: %s, keeping the day of month, with a gap', (label, months) => {
    const dates = Array.from({ length: 40 }, (_, i) => Date.UTC(2001, i * months, 15)).filter((_, i) => i !== 20);
    expect(inferFrequency(dates)).toBe(label);
    expect(parseFrequency(label)).toEqual({ kind: 'calendar', label, months });
  });

  it('month ends and local midnights across DST changes are still monthly', () => {
    const ends = Array.from({ length: 24 }, (_, i) => Date.UTC(2020, i + 1, 0)); // Jan 31, Feb 29, Mar 31, …
    expect(inferFrequency(ends)).toBe('monthly');
    // Europe/Berlin midnights: +01:00 in winter, +02:00 in summer.
    const local = Array.from({ length: 24 }, (_, i) => {
      const month = i % 12;
      const offset = month >= 3 && month <= 9 ? 2 : 1;
      return Date.UTC(2020 + Math.floor(i / 12), month, 1) - offset * 3_600_000;
    });
    expect(inferFrequency(local)).toBe('monthly');
  });

  it('daily local midnights across DST (23- and 25-hour days) are daily', () => {
    // US/Eastern 2021: DST from Mar 14 to Nov 7.
    const ts = Array.from({ length: 365 }, (_, i) => {
      const day = Date.UTC(2021, 0, 1 + i);
      const summer = day >= Date.UTC(2021, 2, 14) && day < Date.UTC(2021, 10, 7);
      return day + (summer ? 4 : 5) * 3_600_000;
    });
    const lengths = new Set(ts.slice(1).map((t, i) => (t - ts[i]) / 3_600_000));
    expect([...lengths].sort()).toEqual([23, 24, 25]);
    expect(inferFrequency(ts)).toBe('daily');
  });

  it('sub-daily local clock times with a skipped and a repeated hour keep their step', () => {
    // Naive local times (no offset) read as UTC: in spring 02:00-02:59 does not exist, in autumn
    // 02:00-02:59 happens twice (the second pass is dropped or written again).
    const half = 30 * MIN;
    const spring = steps('2021-03-27T00:00:00Z', half, 200).filter(
      (t) => !(t >= d('2021-03-28T02:00:00Z') && t < d('2021-03-28T03:00:00Z')),
    );
    expect(inferFrequency(spring)).toBe('30min');
    const hourly = steps('2021-10-30T00:00:00Z', 60 * MIN, 100);
    const repeated = [...hourly.slice(0, 27), hourly[26], ...hourly.slice(27)]; // 02:00 twice
    expect(inferFrequency(repeated)).toBe('hourly');
    const quarter = steps('2021-10-30T00:00:00Z', 15 * MIN, 300);
    const back = [...quarter.slice(0, 112), ...quarter.slice(108)]; // 02:00-02:45 again after 02:45
    expect(inferFrequency(back)).toBe('15min');
  });

  it('business days: weekends skipped, holidays tolerated; calendar days stay daily', () => {
    const weekdays: number[] = [];
    for (let t = d('2021-01-04'); weekdays.length < 300; t += 86_400_000) {
      const wd = new Date(t).getUTCDay();
      if (wd !== 0 && wd !== 6) weekdays.push(t);
    }
    expect(inferFrequency(weekdays)).toBe('business-daily');
    const holidays = weekdays.filter((_, i) => ![10, 50, 120, 121, 200].includes(i));
    expect(inferFrequency(holidays)).toBe('business-daily');
    expect(parseFrequency('business-daily')).toEqual({ kind: 'business-day', label: 'business-daily' });
    expect(inferFrequency(steps('2021-01-04', 86_400_000, 300))).toBe('daily');
    // One week Monday-Friday without a weekend in it is plain daily.
    expect(inferFrequency(weekdays.slice(0, 5))).toBe('daily');
  });

  it('refuses steps without a dominant length', () => {
    let t = d('2021-01-01');
    const ts = Array.from({ length: 100 }, (_, i) => (t += (1 + (i % 3) * 7) * 60_000));
    expect(inferFrequency(ts)).toBe('irregular');
    expect(parseFrequency('60min')).toBeUndefined(); // one label per step: 'hourly'
    expect(parseFrequency('fortnightly')).toBeUndefined();
  });
});

describe('session frequencies', () => {
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  /** Points every `stepMs` from `open` (UTC clock, ms after midnight) for `slots` steps, on the
   *  days from `from` whose UTC weekday is in `weekdays`, `days` calendar days. */
  const sessions = (from: string, days: number, open: number, slots: number, stepMs: number, weekdays = [1, 2, 3, 4, 5]) => {
    const out: number[] = [];
    for (let k = 0; k < days; k++) {
      const day = d(from) + k * 86_400_000;
      if (!weekdays.includes(new Date(day).getUTCDay())) continue;
      for (let s = 0; s < slots; s++) out.push(day + open + s * stepMs);
    }
    return out;
  };
  const iso = (ts: number[] | undefined) => ts!.map((t) => new Date(t).toISOString().slice(0, 16));

  it('market hours: 5-minute bars 09:30-16:00 on weekdays, with a holiday and a missing bar', () => {
    const ts = sessions('2024-01-01', 28, 9.5 * HOUR, 78, 5 * MIN).filter((_, i) => i !== 100 && (i < 78 * 7 || i >= 78 * 8));
    const spec = describeFrequency(ts);
    expect(spec).toEqual({
      kind: 'session',
      label: '5min 09:30-16:00 mon-fri',
      stepMs: 5 * MIN,
      startMs: 9.5 * HOUR,
      slots: 78,
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(parseFrequency('5min 09:30-16:00 mon-fri')).toEqual(spec);
    expect(seasonalPeriod(spec.label)).toBe(78);
    // Friday's close → Monday's open.
    expect(iso(nextTimestamps(d('2024-01-26T15:50:00Z'), spec.label, 3))).toEqual([
      '2024-01-26T15:55',
      '2024-01-29T09:30',
      '2024-01-29T09:35',
    ]);
  });

  it('office hours every day, whole weekdays, and a session across midnight', () => {
    expect(inferFrequency(sessions('2024-03-01', 10, 8 * HOUR, 10, HOUR, [0, 1, 2, 3, 4, 5, 6]))).toBe('hourly 08:00-18:00');
    expect(inferFrequency(sessions('2024-03-04', 21, 0, 96, 15 * MIN))).toBe('15min mon-fri');
    expect(seasonalPeriod('15min mon-fri')).toBe(96);
    expect(iso(nextTimestamps(d('2024-03-08T23:45:00Z'), '15min mon-fri', 2))).toEqual(['2024-03-11T00:00', '2024-03-11T00:15']);
    // 22:00 to 06:00 UTC (a night shift), 30-minute steps.
    const night = sessions('2024-03-01', 7, 22 * HOUR, 16, 30 * MIN, [0, 1, 2, 3, 4, 5, 6]);
    expect(inferFrequency(night)).toBe('30min 22:00-06:00');
    expect(iso(nextTimestamps(night[night.length - 1], '30min 22:00-06:00', 2))).toEqual([
      '2024-03-08T22:00',
      '2024-03-08T22:30',
    ]);
  });

  it('a session whose UTC opening moves with daylight saving keeps its length and takes the latest opening', () => {
    // New York 09:30-16:00: 14:30 UTC in winter, 13:30 UTC from 2024-03-11.
    const winter = sessions('2024-02-19', 21, 14.5 * HOUR, 78, 5 * MIN);
    const summer = sessions('2024-03-11', 14, 13.5 * HOUR, 78, 5 * MIN);
    expect(inferFrequency([...winter, ...summer])).toBe('5min 13:30-20:00 mon-fri');
  });

  it('a lunch break inside the session (Tokyo: 09:00-11:30 and 12:30-15:00 JST) is a pause, not a second session', () => {
    const morning = sessions('2024-03-04', 21, 0, 30, 5 * MIN); // 00:00-02:30 UTC
    const afternoon = sessions('2024-03-04', 21, 3.5 * HOUR, 30, 5 * MIN); // 03:30-06:00 UTC
    const ts = [...morning, ...afternoon].sort((a, b) => a - b).filter((_, i) => i !== 95); // a missing bar
    const spec = describeFrequency(ts);
    expect(spec).toEqual({
      kind: 'session',
      label: '5min 00:00-02:30,03:30-06:00 mon-fri',
      stepMs: 5 * MIN,
      startMs: 0,
      slots: 60,
      weekdays: [1, 2, 3, 4, 5],
      pause: { afterSlot: 30, closedSlots: 12 },
    });
    expect(parseFrequency(spec.label)).toEqual(spec);
    expect(seasonalPeriod(spec.label)).toBe(60);
    // The morning's last bar → the afternoon's first; Friday's close → Monday's open.
    expect(iso(nextTimestamps(d('2024-03-22T02:20:00Z'), spec.label, 3))).toEqual([
      '2024-03-22T02:25',
      '2024-03-22T03:30',
      '2024-03-22T03:35',
    ]);
    expect(iso(nextTimestamps(d('2024-03-22T05:55:00Z'), spec.label, 1))).toEqual(['2024-03-25T00:00']);
    expect(sessionSlot(d('2024-03-22T02:25:00Z'), spec as SessionSpec)).toBe(29);
    expect(sessionSlot(d('2024-03-22T03:30:00Z'), spec as SessionSpec)).toBe(30);
    // Two alike closures (two shifts a day), or a pause that is no shorter than half the night, are
    // not read as a pause.
    const shifts = [...sessions('2024-03-04', 21, 0, 48, 5 * MIN), ...sessions('2024-03-04', 21, 12 * HOUR, 48, 5 * MIN)];
    expect(inferFrequency(shifts.sort((a, b) => a - b))).toBe('5min');
    for (const label of ['5min 00:00-02:30,02:00-06:00', '5min 09:00-11:30,12:30-09:30 mon-fri', '5min 09:00-11:30,12:31-15:00'])
      expect(parseFrequency(label)).toBeUndefined();
  });

  it('full days, short spans and labels that are not canonical are no sessions', () => {
    expect(inferFrequency(sessions('2024-03-01', 10, 0, 96, 15 * MIN, [0, 1, 2, 3, 4, 5, 6]))).toBe('15min');
    expect(inferFrequency(sessions('2024-03-04', 2, 9 * HOUR, 8, HOUR))).toBe('hourly'); // two sessions
    for (const label of [
      '5min 09:30-16:00 mon-sun',
      'daily 09:00-17:00',
      '7min 09:00-10:00',
      '5min 9:30-16:00',
      'hourly 08:00-08:00',
    ])
      expect(parseFrequency(label)).toBeUndefined();
  });
});

describe('seasonalPeriod', () => {
  it('maps frequencies to cycle lengths', () => {
    expect([seasonalPeriod('monthly'), seasonalPeriod('quarterly'), seasonalPeriod('weekly')]).toEqual([12, 4, 52]);
    expect([seasonalPeriod('daily'), seasonalPeriod('hourly'), seasonalPeriod('yearly')]).toEqual([7, 24, 1]);
    expect(seasonalPeriod(undefined)).toBe(1);
    // Sub-daily: the day (<= 288 steps), else the hour; business days 1 (R's scores, anchors.csv).
    expect(['30min', '15min', '5min', '2h', 'minutely', '10s'].map(seasonalPeriod)).toEqual([48, 96, 288, 12, 60, 6]);
    expect(['business-daily', '6mo', '2w', '2d', 'irregular'].map(seasonalPeriod)).toEqual([1, 2, 26, 1, 1]);
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

  it('steps every regular frequency', () => {
    const iso = (ts: number[] | undefined) => ts!.map((t) => new Date(t).toISOString());
    // Friday → Monday.
    expect(iso(nextTimestamps(d('2021-01-07'), 'business-daily', 3)).map((s) => s.slice(0, 10))).toEqual([
      '2021-01-08',
      '2021-01-11',
      '2021-01-12',
    ]);
    expect(iso(nextTimestamps(d('2021-01-01T23:30:00Z'), '30min', 2))).toEqual([
      '2021-01-02T00:00:00.000Z',
      '2021-01-02T00:30:00.000Z',
    ]);
    expect(iso(nextTimestamps(d('2021-01-01T22:00:00Z'), '2h', 2))).toEqual([
      '2021-01-02T00:00:00.000Z',
      '2021-01-02T02:00:00.000Z',
    ]);
    expect(iso(nextTimestamps(d('2020-11-30'), 'quarterly', 2)).map((s) => s.slice(0, 10))).toEqual(['2021-02-28', '2021-05-30']);
    expect(iso(nextTimestamps(d('2020-02-29'), 'yearly', 1)).map((s) => s.slice(0, 10))).toEqual(['2021-02-28']);
    expect(iso(nextTimestamps(d('2020-01-15'), '6mo', 2)).map((s) => s.slice(0, 10))).toEqual(['2020-07-15', '2021-01-15']);
    expect(nextTimestamps(d('2020-01-01'), 'not-a-frequency', 2)).toBeUndefined();
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
  it('accepts quarter and month labels as R, pandas and spreadsheets print them', () => {
    for (const q of ['2020 Q3', '2020-Q3', '2020Q3', 'q3 2020', 'Q3-2020'])
      expect(parseTimestamp(q)).toEqual({ ms: d('2020-07-01'), dateOnly: true });
    for (const m of ['Feb 1949', 'February 1949', 'feb-1949', '1949 Feb', 'Feb. 1949'])
      expect(parseTimestamp(m)).toEqual({ ms: d('1949-02-01'), dateOnly: true });
    expect(['2020 Q5', 'Q0 2020', 'Foo 1949', '1949 Mxz', '49 Feb'].map(parseTimestamp)).toEqual(Array(5).fill(undefined));
  });
  it("reads ISO weeks as tsibble's yearweek prints them (the week's Monday), 1998M01 and Jan-98 months", () => {
    for (const w of ['1991 W06', '1991-W06', '1991W06', '1991-w6', '1991-W06-1'])
      expect(parseTimestamp(w)).toEqual({ ms: d('1991-02-04'), dateOnly: true });
    // Week 1 holds the year's first Thursday: 2021 W01 starts on 4 January, 2020 W01 in 2019.
    expect(parseTimestamp('2021 W01')!.ms).toBe(d('2021-01-04'));
    expect(parseTimestamp('2020 W01')!.ms).toBe(d('2019-12-30'));
    expect(parseTimestamp('2020 W53')!.ms).toBe(d('2020-12-28'));
    expect(parseTimestamp('2020-W53-7')!.ms).toBe(d('2021-01-03'));
    expect(['2021 W53', '2021 W00', '2021 W54'].map(parseTimestamp)).toEqual([undefined, undefined, undefined]);
    expect(parseTimestamp('1998M01')).toEqual({ ms: d('1998-01-01'), dateOnly: true });
    expect(parseTimestamp('1998m12')!.ms).toBe(d('1998-12-01'));
    expect(parseTimestamp('1998M13')).toBeUndefined();
    expect(['Jan-98', 'Feb-05', 'dec-68'].map((t) => parseTimestamp(t)!.ms)).toEqual([
      d('1998-01-01'),
      d('2005-02-01'),
      d('2068-12-01'),
    ]);
    expect(['Jan 05', 'Foo-98', 'Jan-5'].map(parseTimestamp)).toEqual([undefined, undefined, undefined]);
  });
  it('reads month numbers and names (English, and German, French, Spanish, Italian, Dutch, Portuguese)', () => {
    expect(['Jan', 'january', 'SEPT', 'Sep.', '12', '03', 'Mrz', 'März', 'févr.'].map(parseMonth)).toEqual([
      1, 1, 9, 9, 12, 3, 3, 3, 2,
    ]);
    expect(['13', 'Mxz', 'ma', 'marchx', 'jui'].map(parseMonth)).toEqual(Array(5).fill(undefined));
  });
});
