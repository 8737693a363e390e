import { summarizeFolds, type FoldOutcome } from './backtest-summary';

const metrics = (mape: number | null, mase: number, extra: Record<string, unknown> = {}) => ({
  mae: mase * 10,
  rmse: mase * 12,
  mape,
  smape: mape ?? 1,
  mase,
  ...extra,
});

describe('summarizeFolds', () => {
  it('averages each metric over the completed folds, for the model and every baseline', () => {
    const rows: FoldOutcome[] = [
      {
        fold: 1,
        status: 'completed',
        metrics: metrics(4, 0.5, { coverage: 0.75 }),
        baselines: { naive: metrics(10, 2), seasonalNaive: metrics(3, 0.4) },
      },
      {
        fold: 2,
        status: 'completed',
        metrics: metrics(6, 0.7, { coverage: 1 }),
        baselines: { naive: metrics(12, 2.2), seasonalNaive: metrics(5, 0.6) },
      },
      { fold: 3, status: 'failed', metrics: null, baselines: null },
    ];
    const s = summarizeFolds(rows);
    expect(s).toMatchObject({ folds: 3, completed: 2, failed: 1, cancelled: 0, pending: 0 });
    expect(s.model.mape).toBeCloseTo(5);
    expect(s.model.mase).toBeCloseTo(0.6);
    expect(s.model.mae).toBeCloseTo(6);
    expect(Object.keys(s.model).sort()).toEqual(['mae', 'mape', 'mase', 'rmse', 'smape']);
    expect(s.coverage).toBeCloseTo(0.875); // the model's p10-p90 coverage over both folds
    expect(s.baselines.naive.mape).toBeCloseTo(11);
    expect(s.baselines.seasonalNaive.mase).toBeCloseTo(0.5);
    expect(s.baselinesBeatingModel).toEqual({ mase: ['seasonalNaive'], mape: ['seasonalNaive'] });
  });

  it('leaves undefined metrics (null/NaN) out of a mean and reports null when none is left', () => {
    const s = summarizeFolds([
      { fold: 1, status: 'completed', metrics: metrics(null, 1), baselines: { naive: metrics(null, 2) } },
      { fold: 2, status: 'completed', metrics: metrics(8, NaN), baselines: { naive: metrics(null, 3) } },
    ]);
    expect(s.model.mape).toBe(8);
    expect(s.model.mase).toBe(1);
    expect(s.baselines.naive.mape).toBeNull();
    expect(s.baselinesBeatingModel).toEqual({ mase: [], mape: [] }); // null never beats anything
  });

  it('counts pending and cancelled folds and has null means without completed folds', () => {
    const s = summarizeFolds([
      { fold: 1, status: 'queued', metrics: null, baselines: null },
      { fold: 2, status: 'running', metrics: null, baselines: null },
      { fold: 3, status: 'cancelled', metrics: null, baselines: null },
    ]);
    expect(s).toMatchObject({ folds: 3, completed: 0, pending: 2, cancelled: 1, baselines: {} });
    expect(s.model.mape).toBeNull();
  });
});
