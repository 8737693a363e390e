import { loadRealSeries, realDataDir } from '../evaluation/real-series';
import { mase } from '../metrics/forecast-metrics';
import { thetaForecast } from './theta';

describe('thetaForecast', () => {
  it('is SES plus half the regression slope on a straight line', () => {
    const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
    const r = thetaForecast(y, 3, 1);
    expect(r.seasonal).toBe(false);
    expect(r.drift).toBeCloseTo(1, 10);
    // SES on a line tracks the last value (alpha → 1): 63 + 1·(h − 1 + 1) = 64, 65, 66.
    r.forecast.forEach((v, h) => expect(v).toBeCloseTo(63 + (h + 1), 1));
  });

  it('reseasonalises when the lag-m autocorrelation is significant', () => {
    const y = Array.from({ length: 48 }, (_, t) => (100 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));
    const r = thetaForecast(y, 12, 12);
    expect(r.seasonal).toBe(true);
    const peak = r.forecast.indexOf(Math.max(...r.forecast));
    expect(peak).toBe(3); // t = 48 + 3 ≡ 3 (mod 12), where the sine peaks
  });

  (realDataDir() ? it : it.skip)('matches R’s thetaf MASE on all 22 real series (to 0.5 %)', () => {
    for (const s of loadRealSeries()) {
      const train = s.values.slice(0, -s.holdout);
      const test = s.values.slice(-s.holdout);
      const score = mase(test, thetaForecast(train, s.holdout, s.period).forecast, train, s.period);
      expect([s.name, Math.abs(score / s.anchors.theta - 1) < 0.005]).toEqual([s.name, true]);
    }
  });
});
