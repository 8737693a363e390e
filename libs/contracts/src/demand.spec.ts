import { describeDemand, isIntermittent, rankingMetric, type DemandProfile } from './demand';

describe('demand patterns', () => {
  const lumpy: DemandProfile = { pattern: 'lumpy', zeroShare: 0.84, adi: 6.25, cv2: 0.6 };

  it('ranks intermittent and lumpy demand by RMSE, the rest (and series without a profile) by MASE', () => {
    const model = { mase: 0.9, mape: 12, rmse: 0.8 };
    expect(rankingMetric(lumpy, model)).toBe('rmse');
    expect(rankingMetric({ ...lumpy, pattern: 'intermittent' }, model)).toBe('rmse');
    expect(rankingMetric({ ...lumpy, pattern: 'erratic' }, model)).toBe('mase');
    expect(rankingMetric({ ...lumpy, pattern: 'smooth' }, model)).toBe('mase');
    expect(rankingMetric(null, model)).toBe('mase');
    expect(rankingMetric(undefined, model)).toBe('mase');
    expect(isIntermittent(undefined)).toBe(false);
  });

  it("falls back to MAPE, then RMSE, where the model's MASE is undefined (a constant training part)", () => {
    expect(rankingMetric(null, { mase: NaN, mape: 133, rmse: 10 })).toBe('mape');
    expect(rankingMetric(null, { mase: null, mape: null, rmse: 0 })).toBe('rmse');
    expect(rankingMetric(lumpy, { mase: 0.9, rmse: NaN })).toBe('mase');
    expect(rankingMetric(null, {})).toBe('mase');
  });

  it('describes a profile in words for the run page', () => {
    expect(describeDemand(lumpy)).toBe('lumpy: 84 % of the training part zero, ADI 6.3, CV² 0.60 (ranked by RMSE)');
    expect(describeDemand({ pattern: 'smooth', zeroShare: 0.1, adi: 1.11, cv2: 0.02 })).toBe(
      'smooth: 10 % of the training part zero, ADI 1.1, CV² 0.02',
    );
  });
});
