import { generateSubdailySeries, pointsPerDay, SUBDAILY_SUITE } from '../evaluation/subdaily-series';
import { fillGaps } from './fill-gaps';
import { interpolateAlongCycles } from './interpolate-along-cycles';

const iso = (ms: number) => new Date(ms).toISOString();
const meanAbs = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('gaps filled along the cycles (na.interp)', () => {
  it('a missing day of half-hourly load takes the daily and weekly shape, not a straight line', () => {
    const spec = SUBDAILY_SUITE.find((s) => s.name === 'load-30min-4w')!;
    const s = generateSubdailySeries(spec, 2);
    const day = pointsPerDay(spec);
    const n = s.values.length;
    const missing = (i: number) => i >= n - 2 * day && i < n - day; // the day before the last
    const ms = s.timestamps.map((t) => Date.parse(t)).filter((_, i) => !missing(i));
    const values = s.values.filter((_, i) => !missing(i));
    const r = fillGaps(ms, values, '30min', iso);
    expect(r.filled).toBe(day);
    expect(r.warning).toMatch(/48 missing time steps were filled along the series' cycles of 48 and 336 steps/);
    const truth = s.values.slice(n - 2 * day, n - day);
    const filled = r.values.slice(n - 2 * day, n - day);
    // A straight line between the points either side misses the day's peaks entirely.
    const line = truth.map(
      (_, k) => values[n - 2 * day - 1] + ((values[n - 2 * day] - values[n - 2 * day - 1]) * (k + 1)) / (day + 1),
    );
    expect(meanAbs(filled, truth)).toBeLessThan(0.25 * meanAbs(line, truth));
    // Observed points are untouched.
    expect(r.values.slice(0, n - 2 * day)).toEqual(s.values.slice(0, n - 2 * day));
  });

  it('a missing month of a seasonal monthly series follows the season; without a season, linear', () => {
    const season = [-30, -20, 0, 10, 20, 40, 60, 55, 20, 0, -20, -35];
    const full = Array.from({ length: 72 }, (_, t) => 200 + t + season[t % 12]);
    const ms = full.map((_, t) => Date.UTC(2000, t, 1));
    const gap = 40; // a May
    const r = fillGaps(
      ms.filter((_, t) => t !== gap),
      full.filter((_, t) => t !== gap),
      'monthly',
      iso,
    );
    // The truth is 260; a straight line between April and June gives 265.
    expect(Math.abs(r.values[gap] - full[gap])).toBeLessThanOrEqual(1.5);
    expect(r.warning).toMatch(/1 missing time step was filled along the series' cycle of 12 steps/);
    const ramp = full.map((_, t) => t);
    const flat = fillGaps(
      ms.filter((_, t) => t !== gap),
      ramp.filter((_, t) => t !== gap),
      'monthly',
      iso,
    );
    expect(flat.values[gap]).toBe(gap);
    expect(flat.warning).toMatch(/filled by linear interpolation/);
  });

  it('returns nothing for a series without a cycle', () => {
    const noise = Array.from(
      { length: 200 },
      (_, t) => Math.sin(t * 12.9898) * 43758.5453 - Math.floor(Math.sin(t * 12.9898) * 43758.5453),
    );
    expect(
      interpolateAlongCycles(
        noise,
        noise.map((_, t) => t === 100),
        'hourly',
      ),
    ).toBeUndefined();
  });
});
