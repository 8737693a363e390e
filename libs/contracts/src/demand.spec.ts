import { describeDemand, isIntermittent, rankingMetric, type DemandProfile } from './demand';

describe('demand patterns', () => {
  const lumpy: DemandProfile = { pattern: 'lumpy', zeroShare: 0.84, adi: 6.25, cv2: 0.6 };

  it('ranks intermittent and lumpy demand by RMSE, the rest (and series without a profile) by MASE', () => {
    expect(rankingMetric(lumpy)).toBe('rmse');
    expect(rankingMetric({ ...lumpy, pattern: 'intermittent' })).toBe('rmse');
    expect(rankingMetric({ ...lumpy, pattern: 'erratic' })).toBe('mase');
    expect(rankingMetric({ ...lumpy, pattern: 'smooth' })).toBe('mase');
    expect(rankingMetric(null)).toBe('mase');
    expect(rankingMetric(undefined)).toBe('mase');
    expect(isIntermittent(undefined)).toBe(false);
  });

  it('describes a profile in words for the run page', () => {
    expect(describeDemand(lumpy)).toBe('lumpy: 84 % of the training part zero, ADI 6.3, CV² 0.60 (ranked by RMSE)');
    expect(describeDemand({ pattern: 'smooth', zeroShare: 0.1, adi: 1.11, cv2: 0.02 })).toBe(
      'smooth: 10 % of the training part zero, ADI 1.1, CV² 0.02',
    );
  });
});
