import type { BacktestDto, BacktestFoldDto, BacktestSummary } from '@seqcast/contracts';
import {
  baselinesBeatingText,
  coverageText,
  foldCountsText,
  foldRow,
  formatShare,
  shortTimestamp,
  summaryRow,
} from './backtest-view';

const fold = (over: Partial<BacktestFoldDto> = {}): BacktestFoldDto => ({
  fold: 1,
  origin: 108,
  trainPoints: 96,
  test: { from: 96, to: 108 },
  status: 'completed',
  metrics: { mae: 10, rmse: 12, mape: 3.456, smape: 3.4, mase: 0.8123, coverage: 10 / 12 },
  baselines: { naive: { mase: 2.5 }, seasonalNaive: { mase: 1.25, mape: 5 } },
  epochsRun: 5,
  ms: 1200,
  attempts: 1,
  error: null,
  notes: null,
  startedAt: null,
  finishedAt: null,
  ...over,
});

const summary = (over: Partial<BacktestSummary> = {}): BacktestSummary => ({
  folds: 3,
  completed: 3,
  failed: 0,
  cancelled: 0,
  pending: 0,
  model: { mae: 10, rmse: 12, mape: 4.5, smape: 4.4, mase: 0.9 },
  baselines: { naive: { mase: 2 }, seasonalNaive: { mase: 1.1, mape: 5.1 } },
  baselinesBeatingModel: { mase: [], mape: [] },
  coverage: 0.75,
  ...over,
});

// 144 monthly points from 1949-01.
const timestamps = Array.from({ length: 144 }, (_, i) => {
  const y = 1949 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}-01`;
});

describe('coverageText', () => {
  it('counts the holdout points inside p10–p90', () => {
    expect(coverageText(11 / 12, 12)).toBe('p10–p90 covers 11 of 12 holdout points');
    expect(coverageText(0, 12)).toBe('p10–p90 covers 0 of 12 holdout points');
  });

  it('falls back to a percentage without a point count, and is null without a coverage', () => {
    expect(coverageText(0.75, undefined)).toBe('p10–p90 covers 75 % of the holdout points');
    expect(coverageText(null, 12)).toBeNull();
    expect(coverageText(undefined, 12)).toBeNull();
    expect(coverageText(NaN, 12)).toBeNull();
  });
});

describe('formatShare and shortTimestamp', () => {
  it('formats a share as a count of points, or a percentage', () => {
    expect(formatShare(10 / 12, 12)).toBe('10 of 12');
    expect(formatShare(0.5)).toBe('50 %');
    expect(formatShare(null, 12)).toBe('—');
  });

  it('drops a midnight time', () => {
    expect(shortTimestamp('1957-12-01T00:00:00.000Z')).toBe('1957-12-01');
    expect(shortTimestamp('1957-12-01')).toBe('1957-12-01');
    expect(shortTimestamp('2020-01-01T06:00:00Z')).toBe('2020-01-01T06:00:00Z');
  });
});

describe('foldRow', () => {
  it('names the origin and the test points by their dates', () => {
    expect(foldRow(fold(), timestamps)).toEqual({
      fold: 1,
      origin: '108 points, to 1957-12-01',
      test: '1957-01-01 – 1957-12-01',
      status: 'completed',
      mape: '3.46 %',
      mase: '0.812',
      seasonalNaiveMase: '1.25',
      coverage: '10 of 12',
      error: null,
    });
  });

  it('uses 1-based positions without timestamps and dashes for a fold without metrics', () => {
    const row = foldRow(fold({ status: 'running', metrics: null, baselines: null }));
    expect(row.origin).toBe('108 points, to #108');
    expect(row.test).toBe('#97 – #108');
    expect([row.mape, row.mase, row.seasonalNaiveMase, row.coverage]).toEqual(['—', '—', '—', '—']);
  });

  it('keeps a failed fold’s error', () => {
    expect(foldRow(fold({ status: 'failed', metrics: null, error: 'boom' })).error).toBe('boom');
  });
});

describe('summaryRow', () => {
  it('shows the means over the completed folds, coverage pooled over their points', () => {
    const backtest: Pick<BacktestDto, 'summary' | 'testSize'> = { testSize: 12, summary: summary() };
    expect(summaryRow(backtest)).toEqual({
      label: 'Mean of 3 completed folds',
      mape: '4.50 %',
      mase: '0.9',
      seasonalNaiveMase: '1.1',
      coverage: '27 of 36',
    });
    expect(summaryRow({ testSize: 12, summary: summary({ completed: 1, coverage: null }) }).label).toBe(
      'Mean of 1 completed fold',
    );
  });
});

describe('foldCountsText and baselinesBeatingText', () => {
  it('counts folds by outcome', () => {
    expect(foldCountsText(summary())).toBe('Folds: 3 of 3 completed.');
    expect(foldCountsText(summary({ completed: 1, failed: 1, pending: 1 }))).toBe(
      'Folds: 1 of 3 completed, 1 failed, 1 pending.',
    );
  });

  it('names the baselines that beat the model on mean MASE and MAPE', () => {
    expect(baselinesBeatingText(summary())).toBe('No baseline beats the model on mean MASE or mean MAPE over the folds.');
    expect(
      baselinesBeatingText(
        summary({ baselinesBeatingModel: { mase: ['seasonalNaive', 'seasonalNaiveGrowth'], mape: ['drift'] } }),
      ),
    ).toBe(
      'Baselines that beat the model over the folds on mean MASE: Seasonal naive, Seasonal naive × growth; on mean MAPE: Drift.',
    );
    expect(baselinesBeatingText(summary({ completed: 0 }))).toBe(
      'No completed fold yet to compare the model with its baselines.',
    );
  });
});
