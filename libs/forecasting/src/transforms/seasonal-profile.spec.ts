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

  it('needs two seasons, and is a no-op for period 1', () => {
    expect(() => fitSeasonalProfile([1, 2, 3], 2)).toThrow(/two seasons/);
    expect(fitSeasonalProfile([1, 2, 3], 1)).toEqual([0]);
  });
});
