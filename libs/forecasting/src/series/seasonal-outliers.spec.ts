import { gaussianNoise, mulberry32 } from '../gru/seeded-random';
import { clipSeasonalOutliers } from './seasonal-outliers';

const normal = (seed: number) => gaussianNoise(mulberry32(seed));

// 100 + 20·sin(2πt/12) + N(0, 3), monthly, with a trend so the robust level has to follow one.
function seasonal(length: number, seed: number): number[] {
  const gauss = normal(seed);
  return Array.from({ length }, (_, t) => 100 + 0.3 * t + 20 * Math.sin((2 * Math.PI * t) / 12) + 3 * gauss());
}

describe('clipSeasonalOutliers', () => {
  it('clips one spike to a few noise deviations of its month and leaves its neighbours alone', () => {
    for (const seed of [1, 2, 3]) {
      const clean = seasonal(120, seed);
      const spiked = clean.map((v, t) => (t === 80 ? 1000 : v));
      const clipped = clipSeasonalOutliers(spiked, 12);
      expect(Math.abs(clipped[80] - clean[80])).toBeLessThan(30); // 4.5 noise sd (13.5) + its own noise
      // The spike drags no fit: the points around it (and all others) are untouched.
      clipped.forEach((v, t) => t !== 80 && expect(v).toBe(spiked[t]));
    }
  });

  it('leaves clean Gaussian data and a sharp seasonal peak essentially untouched', () => {
    let changed = 0;
    let total = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const gauss = normal(seed);
      // A December peak 15 noise sd above the other months: the season, not an outlier.
      const peaked = Array.from({ length: 120 }, (_, t) => 50 + (t % 12 === 11 ? 45 : 0) + 3 * gauss());
      for (const y of [seasonal(120, seed), peaked]) {
        const clipped = clipSeasonalOutliers(y, 12);
        clipped.forEach((v, t) => {
          total++;
          if (v !== y[t]) changed++;
          expect(Math.abs(v - y[t])).toBeLessThan(3); // at most a nudge of the odd extreme point
        });
      }
      const peaks = clipSeasonalOutliers(peaked, 12).filter((_, t) => t % 12 === 11);
      expect(Math.min(...peaks)).toBeGreaterThan(80);
    }
    expect(changed / total).toBeLessThan(0.005);
  });

  it("leaves a solar series' days alone: its nights' exact zeros are no measure of its noise", () => {
    // 15-minute output: zero at night (42 % of the points), each day's bell scaled by its weather.
    const weather = mulberry32(7);
    const gauss = normal(8);
    const days = Array.from({ length: 28 }, () => 0.4 + 0.6 * weather());
    const solar = Array.from({ length: 28 * 96 }, (_, t) => {
      const hour = (t % 96) / 4;
      const bell = hour < 6 || hour > 20 ? 0 : 500 * Math.sin((Math.PI * (hour - 6)) / 14);
      return bell * days[Math.floor(t / 96)] * (1 + 0.05 * gauss());
    });
    // Counted, the zeros' seasonal differences made the noise scale small enough to pull most
    // cloudy and sunny days toward their phase's median week (a third of the points).
    const clipped = clipSeasonalOutliers(solar, 672);
    expect(clipped.filter((v, t) => v !== solar[t]).length / solar.length).toBeLessThan(0.005);
  });

  it('leaves intermittent data (70 % zeros), short series and period 1 unchanged', () => {
    const rnd = mulberry32(5);
    const intermittent = Array.from({ length: 120 }, () => (rnd() < 0.7 ? 0 : 1 + Math.floor(20 * rnd())));
    expect(clipSeasonalOutliers(intermittent, 12)).toEqual(intermittent);
    const short = seasonal(35, 1).map((v, t) => (t === 20 ? 1000 : v)); // under three cycles
    expect(clipSeasonalOutliers(short, 12)).toEqual(short);
    expect(clipSeasonalOutliers([1, 2, 1000, 3], 1)).toEqual([1, 2, 1000, 3]);
    const constant = new Array<number>(48).fill(7);
    expect(clipSeasonalOutliers(constant, 12)).toEqual(constant);
  });
});
