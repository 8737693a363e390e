import { forecastMetrics, mae, mape, mase, rmse, smape } from './forecast-metrics';

describe('forecast metrics', () => {
  const a = [100, 200, 300];
  const f = [110, 180, 300];

  it('computes MAE/RMSE', () => {
    expect(mae(a, f)).toBeCloseTo(10);
    expect(rmse(a, f)).toBeCloseTo(Math.sqrt(500 / 3));
  });

  it('computes MAPE and sMAPE in percent', () => {
    expect(mape(a, f)).toBeCloseTo((100 * (0.1 + 0.1 + 0)) / 3);
    expect(smape(a, f)).toBeCloseTo((100 * (20 / 210 + 40 / 380)) / 3);
    expect(mape([0, 1], [1, 1])).toBeNaN();
    expect(smape([0, 0], [0, 0])).toBe(0);
  });

  it('scales MASE by the in-sample seasonal naive error', () => {
    const train = [1, 2, 3, 4, 5, 6]; // lag-2 differences all 2
    expect(mase([7, 8], [8, 8], train, 2)).toBeCloseTo(0.5 / 2);
    expect(mase([7], [8], [3, 3, 3], 1)).toBeNaN();
    expect(mase([7], [8], [1, 2], 12)).toBeCloseTo(1); // period too long -> lag 1
  });

  it('bundles all metrics and rejects mismatched lengths', () => {
    expect(Object.keys(forecastMetrics(a, f, a))).toEqual(['mae', 'rmse', 'mape', 'smape', 'mase']);
    expect(() => mae([1], [1, 2])).toThrow(/1 points, forecast 2/);
  });
});
