import { modelVersusBaseline, seriesVerdict, summarizePanel } from './panel-run';

describe('summarizePanel', () => {
  it('means, medians, wins against each baseline and the geometric mean MASE ratio over completed series', () => {
    const row = (mase: number, sn: number, coverage = 0.75) => ({
      status: 'completed',
      metrics: { mase, smape: mase * 10, coverage },
      baselines: { seasonalNaive: { mase: sn }, naive: { mase: 2 } },
    });
    const s = summarizePanel([row(0.5, 1), row(1, 0.5), row(2, 4), { status: 'failed', metrics: null, baselines: null }]);
    expect(s).toMatchObject({ series: 4, completed: 3, failed: 1, cancelled: 0, pending: 0 });
    expect(s.mase.mean).toBeCloseTo(3.5 / 3);
    expect(s.mase.median).toBe(1);
    expect(s.beatsBaseline).toEqual({ seasonalNaive: 2 / 3, naive: 2 / 3 });
    expect(s.relativeMaseVsSeasonalNaive).toBeCloseTo(Math.cbrt(0.5 * 2 * 0.5));
    expect(s.coverage).toBeCloseTo(0.75);
  });

  it('leaves series either forecasts exactly out of the ratio: one exactly periodic series does not decide it', () => {
    const row = (mase: number, sn: number) => ({
      status: 'completed',
      metrics: { mase },
      baselines: { seasonalNaive: { mase: sn } },
    });
    // Seasonal naive repeats a periodic series to rounding (MASE 1e-12); the model is exact on a line.
    const s = summarizePanel([row(0.5, 1), row(0.25, 1), row(0.247, 9.4e-13), row(0, 1)]);
    expect(s.relativeMaseVsSeasonalNaive).toBeCloseTo(Math.sqrt(0.5 * 0.25));
    expect(s.beatsBaseline.seasonalNaive).toBe(3 / 4);
  });

  it('is empty but well-formed without completed series', () => {
    expect(summarizePanel([{ status: 'queued', metrics: null, baselines: null }])).toMatchObject({
      pending: 1,
      mase: { mean: null, median: null },
      relativeMaseVsSeasonalNaive: null,
      coverage: null,
    });
  });

  it('counts wins over a baseline by RMSE where the demand of a series is intermittent (MASE would crown zero)', () => {
    const lumpy = { pattern: 'lumpy' as const, zeroShare: 0.8, adi: 5, cv2: 0.7 };
    // The model forecasts the mean rate; naive repeats the last day's zero: better by MASE, worse by RMSE.
    const sparse = { status: 'completed', metrics: { mase: 0.9, rmse: 0.8 }, baselines: { naive: { mase: 0.1, rmse: 1.2 } } };
    expect(summarizePanel([{ ...sparse, demand: lumpy }]).beatsBaseline.naive).toBe(1);
    expect(summarizePanel([{ ...sparse, demand: null }]).beatsBaseline.naive).toBe(0);
    expect(summarizePanel([{ ...sparse, demand: { ...lumpy, pattern: 'erratic', adi: 1.2 } }]).beatsBaseline.naive).toBe(0);
  });

  it('compares a series whose MASE is undefined (a constant training part) by MAPE, else RMSE, as its verdict does', () => {
    // Zero until the holdout, then 10: no naive error to scale MASE by; MAPE is defined.
    const jump = {
      status: 'completed',
      metrics: { mase: NaN, mape: 40, rmse: 4 },
      baselines: { naive: { mape: 100, rmse: 10 } },
    };
    // Zero throughout, forecast exactly by both: a tie, not a win.
    const zeros = { status: 'completed', metrics: { mase: NaN, mape: NaN, rmse: 0 }, baselines: { naive: { rmse: 0 } } };
    expect(modelVersusBaseline(jump, 'naive')).toBe(-60);
    expect(modelVersusBaseline(zeros, 'naive')).toBe(0);
    expect(summarizePanel([jump, zeros]).beatsBaseline.naive).toBe(1 / 2);
  });

  it("gives a series' verdict by its ranking metric, naming it; none without that metric", () => {
    const lumpy = { pattern: 'lumpy' as const, zeroShare: 0.8, adi: 5, cv2: 0.7 };
    const metrics = { mase: 0.9, rmse: 0.8 };
    const baselines = { naive: { mase: 0.1, rmse: 1.2 }, ets: { mase: 0.7, rmse: 0.7 }, theta: { mase: 0.9, rmse: 0.8 } };
    expect(seriesVerdict({ metrics, baselines, demand: lumpy })).toEqual({
      beatsAllBaselines: false,
      beatenBy: ['ets'],
      metric: 'rmse',
    });
    expect(seriesVerdict({ metrics, baselines, demand: null })).toEqual({
      beatsAllBaselines: false,
      beatenBy: ['naive', 'ets'],
      metric: 'mase',
    });
    expect(seriesVerdict({ metrics: { mase: NaN }, baselines, demand: null })).toBeNull();
    expect(seriesVerdict({ metrics, baselines: null, demand: null })).toBeNull();
  });
});
