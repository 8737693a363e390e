// Several seasonal cycles at once (MSTL-style): the profiles fitSeasonalProfiles recovers, and the
// transforms that remove them (TransformSpec.cycles) invert exactly from any starting position.
import { fitSeasonalProfile, fitSeasonalProfiles } from './seasonal-profile';
import { applyTransform, fitTransform, invertTransform, transformLag } from './series-transform';

// A "day" of 6 steps and a "week" of 7 days in which the last two days have a different shape:
// the week is not the day repeated, as in load and traffic data.
const DAY = 6;
const WEEK = 7 * DAY;
const weekday = [0, 2, 5, 3, -4, -6];
const weekend = [-3, -2, 0, 1, -1, -5];
const cycle = (t: number) => (Math.floor((t % WEEK) / DAY) >= 5 ? weekend : weekday)[t % DAY];

function series(n: number, noise = 0): number[] {
  let s = 5;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2 * noise;
  return Array.from({ length: n }, (_, t) => 100 + 0.05 * t + cycle(t) + random());
}

describe('fitSeasonalProfiles', () => {
  it('splits a daily and a weekly cycle that together reproduce the weekly shape', () => {
    const values = series(WEEK * 6);
    const [day, week] = fitSeasonalProfiles(values, [DAY, WEEK]);
    expect(day).toHaveLength(DAY);
    expect(week).toHaveLength(WEEK);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const truth = Array.from({ length: WEEK }, (_, t) => cycle(t));
    const truthMean = mean(truth);
    for (let t = 0; t < WEEK; t++) expect(day[t % DAY] + week[t]).toBeCloseTo(truth[t] - truthMean, 1);
    // A single cycle cannot: the best daily profile misses weekends by the weekday/weekend difference.
    const [only] = fitSeasonalProfiles(values, [DAY]);
    const miss = Math.max(...truth.map((v, t) => Math.abs(v - truthMean - only[t % DAY])));
    expect(miss).toBeGreaterThan(3);
  });

  it('one period is exactly fitSeasonalProfile', () => {
    const values = series(WEEK * 3, 1);
    expect(fitSeasonalProfiles(values, [DAY])).toEqual([fitSeasonalProfile(values, DAY)]);
  });

  it('needs two of the longest cycle', () => {
    expect(() => fitSeasonalProfiles(series(WEEK + 10), [DAY, WEEK])).toThrow(/two seasons/);
  });
});

describe('transforms with longer cycles', () => {
  const values = series(WEEK * 5, 0.5);
  for (const name of ['log-deseasonalize', 'deseasonalize', 'log-seasonal-diff', 'log', 'none'] as const) {
    it(`${name}: removes the week too, and inverts exactly from any start`, () => {
      const spec = fitTransform(values, name, DAY, [WEEK]);
      expect(spec.cycles?.map((c) => c.period)).toEqual([WEEK]);
      expect(spec.profile !== undefined).toBe(name.endsWith('deseasonalize'));
      const cut = values.length - 10;
      const z = applyTransform(values, spec);
      expect(z).toHaveLength(values.length - transformLag(spec));
      // The tail transformed on its own (positions from `start`) matches the whole series'.
      const start = 17;
      const tail = applyTransform(values.slice(start), spec, start);
      tail.forEach((v, i) => expect(v).toBeCloseTo(z[z.length - tail.length + i], 12));
      const back = invertTransform(values.slice(0, cut), z.slice(cut - transformLag(spec)), spec);
      back.forEach((v, i) => expect(v).toBeCloseTo(values[cut + i], 9));
    });
  }

  it('deseasonalizing with both cycles leaves less seasonal variation than with the day alone', () => {
    const both = applyTransform(values, fitTransform(values, 'deseasonalize', DAY, [WEEK]));
    const day = applyTransform(values, fitTransform(values, 'deseasonalize', DAY));
    const roughness = (z: number[]) => z.slice(1).reduce((a, v, i) => a + (v - z[i]) ** 2, 0);
    expect(roughness(both)).toBeLessThan(0.3 * roughness(day));
  });
});
