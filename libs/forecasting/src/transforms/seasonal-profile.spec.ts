import { gaussianNoise, mulberry32 } from '../gru/seeded-random';
import { fitSeasonalProfile } from './seasonal-profile';

const shape = [3, 1, -2, -2];

describe('fitSeasonalProfile', () => {
  it('recovers a seasonal shape under a linear trend, centred to mean 0, indexed from the first point', () => {
    const values = Array.from({ length: 4 * 10 }, (_, i) => 100 + 0.5 * i + shape[i % 4]);
    fitSeasonalProfile(values, 4).forEach((v, p) => expect(v).toBeCloseTo(shape[p], 9));
    // A series starting one step later has the same profile, rotated to its own first point.
    fitSeasonalProfile(values.slice(1), 4).forEach((v, p) => expect(v).toBeCloseTo(shape[(p + 1) % 4], 9));
  });

  it('averages only the most recent seasons, so a shape that changed is followed', () => {
    const old = [5, -5, 5, -5];
    const values = Array.from({ length: 4 * 12 }, (_, i) => (i < 4 * 6 ? old : shape)[i % 4]);
    fitSeasonalProfile(values, 4, 4).forEach((v, p) => expect(v).toBeCloseTo(shape[p], 9));
    fitSeasonalProfile(values, 4, 12).forEach((v, p) => expect(Math.abs(v - shape[p])).toBeGreaterThan(0.5));
  });

  it('is barely moved by one spike inside the seasons it averages', () => {
    for (const seed of [1, 2, 3]) {
      const gauss = gaussianNoise(mulberry32(seed));
      const clean = Array.from({ length: 120 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + 3 * gauss());
      const spiked = clean.map((v, t) => (t === 100 ? 1000 : v)); // in the last 4 seasons
      const a = fitSeasonalProfile(clean, 12);
      const b = fitSeasonalProfile(spiked, 12);
      // Unclipped, the spike's month would move by ~900/4; clipped to 4.5 noise sd, by a few units.
      b.forEach((v, p) => expect(Math.abs(v - a[p])).toBeLessThan(6));
    }
  });

  it("smoothed: a year of daily data's profile averages neighbouring days, much nearer the true cycle under noise", () => {
    const gauss = gaussianNoise(mulberry32(11));
    const year = (d: number) => 10 * Math.sin((2 * Math.PI * d) / 365);
    const values = Array.from({ length: 3 * 365 + 100 }, (_, t) => 50 + year(t) + 3 * gauss());
    const rmse = (profile: number[]) => Math.sqrt(profile.reduce((s, v, d) => s + (v - year(d)) ** 2, 0) / profile.length);
    const raw = fitSeasonalProfile(values, 365);
    const smooth = fitSeasonalProfile(values, 365, undefined, true);
    // Each day is the mean of about two detrended values: their noise, √2 of 3, stays in the raw profile.
    expect(rmse(raw)).toBeGreaterThan(1.5);
    expect(rmse(smooth)).toBeLessThan(0.7);
    expect(smooth.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    // A cycle shorter than the smoothing window (a week) is left as estimated.
    const week = Array.from({ length: 70 }, (_, i) => 100 + shape[i % 4] + (i % 7));
    expect(fitSeasonalProfile(week, 7, undefined, true)).toEqual(fitSeasonalProfile(week, 7));
  });

  it('needs two seasons, and is a no-op for period 1', () => {
    expect(() => fitSeasonalProfile([1, 2, 3], 2)).toThrow(/two seasons/);
    expect(fitSeasonalProfile([1, 2, 3], 1)).toEqual([0]);
  });
});
