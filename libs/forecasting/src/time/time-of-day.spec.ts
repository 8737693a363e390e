import { clockColumnOfHead, dayPeriodsInStandardTime } from './time-of-day';

const DAY = 86_400_000;
const HALF_HOUR = 1_800_000;

describe('clockColumnOfHead', () => {
  const rows = (n: number, cell: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => [`2024-01-0${1 + Math.floor(i / 24)}`, cell(i), String(i)]);

  it('finds clock times, hours numbered 0–23 or ending 1–24, and settlement half-hours, each by its reading', () => {
    const clock = clockColumnOfHead(
      ['date', 'time', 'v'],
      rows(48, (i) => `${i % 24}:00`),
      0,
    )!;
    expect([clock.index, clock.read('13:30'), clock.note]).toEqual([1, 48_600_000, undefined]);
    const hour = clockColumnOfHead(
      ['date', 'hour', 'v'],
      rows(48, (i) => String(i % 24)),
      0,
    )!;
    expect([hour.read('0'), hour.read('23'), hour.read('24'), hour.note]).toEqual([0, 82_800_000, undefined, undefined]);
    const he = clockColumnOfHead(
      ['date', 'Hour Ending', 'v'],
      rows(48, (i) => String((i % 24) + 1)),
      0,
    )!;
    expect([he.read('1'), he.read('24'), he.read('0')]).toEqual([0, 82_800_000, undefined]);
    expect(he.note).toMatch(/numbers the hours ending 1–24/);
    const sp = clockColumnOfHead(
      ['date', 'SETTLEMENT_PERIOD', 'v'],
      rows(96, (i) => String((i % 48) + 1)),
      0,
    )!;
    expect([sp.read('1'), sp.read('48'), sp.read('50'), sp.read('51'), sp.periods]).toEqual([
      0,
      47 * HALF_HOUR,
      49 * HALF_HOUR,
      undefined,
      { perDay: 48, stepMs: HALF_HOUR },
    ]);
  });

  it('reads a year of settlement periods (no spread of every cell onto the call stack)', () => {
    const year = Array.from({ length: 366 * 48 * 20 }, (_, i) => ['2024-01-01', String((i % 48) + 1), '1']);
    expect(clockColumnOfHead(['date', 'settlement_period', 'v'], year, 0)?.periods).toEqual({ perDay: 48, stepMs: HALF_HOUR });
  });

  it('leaves numbers in a column not named as hours or periods, and dates that carry a time, alone', () => {
    expect(
      clockColumnOfHead(
        ['date', 'visits', 'v'],
        rows(48, (i) => String(i % 24)),
        0,
      ),
    ).toBeUndefined();
    const timed = rows(48, (i) => String(i % 24)).map((r) => [`${r[0]} 10:00`, r[1], r[2]]);
    expect(clockColumnOfHead(['date', 'hour', 'v'], timed, 0)).toBeUndefined();
  });
});

describe('dayPeriodsInStandardTime', () => {
  // GB half-hours: 46 on the day the clocks go forward, 50 on the day they go back.
  const days = (from: number, counts: number[]) => {
    const dates: number[] = [];
    const offsets: number[] = [];
    counts.forEach((n, d) => {
      for (let k = 0; k < n; k++) {
        dates.push(from + d * DAY);
        offsets.push(k * HALF_HOUR);
      }
    });
    return { dates, offsets };
  };
  const periods = { perDay: 48, stepMs: HALF_HOUR };
  const consecutive = (ms: number[]) => ms.every((t, i) => i === 0 || t - ms[i - 1] === HALF_HOUR);

  it('reads the periods as consecutive half-hours across both changes, summer days an hour earlier', () => {
    const from = Date.UTC(2024, 2, 30);
    const spring = days(from, [48, 46, 48]);
    const read = dayPeriodsInStandardTime(spring.dates, spring.offsets, periods)!;
    expect(read.changes).toBe(1);
    expect(consecutive(read.ms)).toBe(true);
    expect(read.ms[0]).toBe(from); // winter: midnight is midnight
    expect(read.ms[48 + 46]).toBe(from + 2 * DAY - 3_600_000); // the day after: midnight BST is 23:00 GMT
    const autumn = days(Date.UTC(2024, 9, 26), [48, 50, 48]);
    const back = dayPeriodsInStandardTime(autumn.dates, autumn.offsets, periods)!;
    expect(consecutive(back.ms)).toBe(true);
    expect(back.ms[0]).toBe(Date.UTC(2024, 9, 25, 23)); // before the change back: summer
    expect(back.ms.at(-1)).toBe(Date.UTC(2024, 9, 28, 23, 30));
  });

  it('is undefined where no day has more or fewer periods', () => {
    const plain = days(Date.UTC(2024, 5, 1), [48, 48]);
    expect(dayPeriodsInStandardTime(plain.dates, plain.offsets, periods)).toBeUndefined();
  });
});
