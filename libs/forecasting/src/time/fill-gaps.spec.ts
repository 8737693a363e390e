import { fillGaps, MAX_FILLED_SHARE, MAX_SEASONAL_FILLED_SHARE } from './fill-gaps';
import { DAY, HOUR, MINUTE } from './frequency';

const iso = (ms: number) => new Date(ms).toISOString();
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe('fillGaps', () => {
  it('fills a missing month by linear interpolation and says where', () => {
    const ms = ['2020-01-01', '2020-02-01', '2020-04-01', '2020-05-01'].map(day);
    const r = fillGaps(ms, [10, 20, 40, 50], 'monthly', (t) => iso(t).slice(0, 10));
    expect(r.ms.map((t) => iso(t).slice(0, 10))).toEqual(['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01', '2020-05-01']);
    expect(r.values).toEqual([10, 20, 30, 40, 50]);
    expect(r.filled).toBe(1);
    expect(r.warning).toMatch(/1 missing time step was filled .*between 2020-02-01 and 2020-04-01.*monthly grid/);
  });

  it('fills missing bars and a holiday of a session series, never the closed hours', () => {
    // Hourly 09:00-17:00 (8 bars) Monday-Friday, three weeks; Wednesday 10th's 11:00 bar and all of
    // Monday 15th (a holiday) are missing.
    const ms: number[] = [];
    for (let k = 0; k < 21; k++) {
      const d0 = Date.UTC(2024, 0, 8 + k);
      const wd = new Date(d0).getUTCDay();
      if (wd === 0 || wd === 6 || k === 7) continue;
      for (let h = 9; h < 17; h++) if (!(k === 2 && h === 11)) ms.push(d0 + h * HOUR);
    }
    const r = fillGaps(
      ms,
      ms.map((_, i) => i),
      'hourly 09:00-17:00 mon-fri',
      iso,
    );
    expect(r.filled).toBe(1 + 8);
    expect(r.ms).toHaveLength(15 * 8);
    expect(r.ms.filter((t) => iso(t).startsWith('2024-01-15'))).toHaveLength(8);
    expect(r.ms.every((t) => new Date(t).getUTCHours() >= 9 && new Date(t).getUTCHours() < 17)).toBe(true);
    expect(r.warning).toMatch(/9 missing time steps were filled .*in 2 gaps/);
    // New York hours in UTC: 14:30-21:00 in winter, 13:30-20:00 from 11 March. The winter sessions
    // open an hour after the label's 13:30: nothing is invented before them.
    const bars = (from: number, days: number, open: number) =>
      Array.from({ length: days }, (_, k) => from + k * DAY)
        .filter((day) => ![0, 6].includes(new Date(day).getUTCDay()))
        .flatMap((day) => Array.from({ length: 78 }, (_, s) => day + open + s * 5 * MINUTE));
    const dst = [...bars(Date.UTC(2024, 1, 26), 14, 14.5 * HOUR), ...bars(Date.UTC(2024, 2, 11), 14, 13.5 * HOUR)];
    const none = fillGaps(
      dst,
      dst.map((_, i) => i),
      '5min 13:30-20:00 mon-fri',
      iso,
    );
    expect(none.filled).toBe(0);
    expect(none.warning).toBeUndefined();
  });

  it('fills sub-daily and business-day gaps on their grid, keeping the weekday phase', () => {
    const step = 5 * MINUTE;
    const base = Date.UTC(2024, 0, 1);
    const ms = Array.from({ length: 100 }, (_, i) => base + i * step).filter((_, i) => i < 40 || i > 42);
    const r = fillGaps(
      ms,
      ms.map((t) => (t - base) / step),
      '5min',
      iso,
    );
    expect(r.ms).toHaveLength(100);
    expect(r.values[41]).toBeCloseTo(41);
    // Friday 2024-01-05, then Tuesday 2024-01-09: Monday 8th is missing (a holiday), the weekend is not.
    const b = fillGaps(['2024-01-04', '2024-01-05', '2024-01-09', '2024-01-10'].map(day), [1, 2, 4, 5], 'business-daily', iso);
    expect(b.ms.map((t) => iso(t).slice(0, 10))).toEqual(['2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10']);
    expect(b.values[2]).toBeCloseTo(3); // halfway in steps, not 3/4 of the way in days
  });

  it('leaves steps off the grid alone (a local clock change) and series without gaps unchanged', () => {
    // Local midnights converted to UTC across a DST change: a 23-hour and a 25-hour day.
    const ms = [0, DAY, 2 * DAY - HOUR, 3 * DAY, 4 * DAY].map((t) => t + Date.UTC(2024, 2, 1));
    const r = fillGaps(ms, [1, 2, 3, 4, 5], 'daily', iso);
    expect(r).toEqual({ ms, values: [1, 2, 3, 4, 5], filled: 0 });
    expect(fillGaps([1, 2, 3], [1, 2, 3], undefined, iso).filled).toBe(0);
    expect(fillGaps([1, 2, 3], [1, 2, 3], 'irregular', iso).filled).toBe(0);
  });

  it('does not invent a long stretch: too many missing steps keep the series as observed, with a warning', () => {
    const n = 50;
    const ms = Array.from({ length: n }, (_, i) => Date.UTC(2000, i + (i >= 25 ? 24 : 0), 1));
    const r = fillGaps(
      ms,
      Array.from({ length: n }, (_, i) => i),
      'monthly',
      iso,
    );
    expect(r.filled).toBe(0);
    expect(r.ms).toEqual(ms);
    expect(r.warning).toMatch(new RegExp(`More than ${Math.floor(MAX_SEASONAL_FILLED_SHARE * n)} time steps are missing .*25 %`));
  });

  it('fills up to a quarter of a seasonal series along its cycles, a tenth of one without', () => {
    // Three weeks of half-hours with three whole days missing (a sixth as many as were observed).
    const day = 48;
    const all = Array.from({ length: 21 * day }, (_, t) => Date.UTC(2024, 0, 1) + t * 30 * MINUTE);
    const missing = (t: number) => [4, 10, 16].includes(Math.floor(t / day));
    const ms = all.filter((_, t) => !missing(t));
    const load = all.map((_, t) => 100 + 30 * Math.sin((2 * Math.PI * t) / day) + ((t * 7919) % 13) / 13);
    const r = fillGaps(
      ms,
      load.filter((_, t) => !missing(t)),
      '30min',
      iso,
    );
    expect(r.filled).toBe(3 * day);
    expect(r.warning).toMatch(/144 missing time steps were filled along the series' cycle of 48 steps/);
    const err = all.reduce((s, _, t) => s + (missing(t) ? Math.abs(r.values[t] - load[t]) : 0), 0) / (3 * day);
    expect(err).toBeLessThan(1);
    // The same gaps in a series without a cycle: not invented.
    const ramp = fillGaps(
      ms,
      ms.map((_, i) => i),
      '30min',
      iso,
    );
    expect(ramp.filled).toBe(0);
    expect(ramp.warning).toMatch(
      new RegExp(
        `More than ${Math.floor(MAX_FILLED_SHARE * ms.length)} time steps are missing .*too many to fill without seasonal cycles`,
      ),
    );
  });
});
