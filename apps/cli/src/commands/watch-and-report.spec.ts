import type { RunDto as Run } from '@seqcast/contracts';
import type { Terminal } from '../terminal';
import { summary } from './watch-and-report';

const term = { json: false, tty: false, color: false, columns: 100 } as Terminal;

function run(patch: Partial<Run>): Run {
  return {
    id: 'r1',
    status: 'completed',
    params: { epochs: 150 },
    progress: { epoch: 33, epochs: 150, loss: 0.01 },
    epochsRun: 33,
    attempts: 1,
    error: null,
    metrics: { mape: 2.68, mase: 0.398, coverage: 11 / 12 },
    comparison: { metric: 'mase', ranking: [], beatenBy: [], verdict: 'The model beats every baseline on the holdout.' },
    backtest: null,
    timings: { queuedAt: '', startedAt: null, finishedAt: null, trainingMs: 937, msPerEpoch: 7.84 },
    ...patch,
  } as Run;
}

describe('the end of a watched run', () => {
  it('completed: epochs run of the most (early stop), time, holdout scores, verdict, backtest means', () => {
    const lines = summary(
      term,
      run({
        backtest: {
          folds: 3,
          step: 12,
          summary: {
            folds: 3,
            completed: 3,
            failed: 0,
            cancelled: 0,
            pending: 0,
            model: { mape: 4.28, mase: 0.532 },
            baselines: { seasonalNaive: { mase: 1.148 } },
            baselinesBeatingModel: { mase: [], mape: [] },
            coverage: null,
          },
        },
      }),
    );
    expect(lines[0]).toBe(
      '✔ completed: 33/150 epochs in 937 ms (7.84 ms/epoch) · holdout MAPE 2.68 %, MASE 0.398, p10–p90 covers 92 %',
    );
    expect(lines[1]).toBe('✔ The model beats every baseline on the holdout.');
    expect(lines[2]).toBe('backtest, 3/3 folds: mean MAPE 4.28 %, MASE 0.532, better than every baseline');
  });

  it('a selection that kept seasonal naive alone says no network was trained, not 0/150 epochs', () => {
    const alone = run({
      epochsRun: 0,
      progress: { epoch: 0, epochs: 150, loss: null },
      timings: { queuedAt: '', startedAt: null, finishedAt: null, trainingMs: 1200, msPerEpoch: null },
      notes: { selection: { chosen: ['snaive'] } } as Run['notes'],
    });
    expect(summary(term, alone)[0]).toBe(
      '✔ completed: no GRU trained (chosen: snaive) in 1.2 s · holdout MAPE 2.68 %, MASE 0.398, p10–p90 covers 92 %',
    );
  });

  it('failed and cancelled runs say why and how far they got', () => {
    expect(summary(term, run({ status: 'failed', attempts: 3, error: 'dataset gone', metrics: null }))).toEqual([
      '✖ failed after 3 attempts: dataset gone',
    ]);
    expect(summary(term, run({ status: 'cancelled', epochsRun: null, progress: { epoch: 12, epochs: 300, loss: 1 } }))).toEqual([
      '✖ cancelled after 12/300 epochs',
    ]);
  });

  it('a panel run: series finished, time, the aggregate over its series', () => {
    const lines = summary(
      term,
      run({
        panel: {
          mode: 'local',
          seriesCount: 40,
          series: null,
          chunkSize: 25,
          chunks: 2,
          summary: {
            series: 40,
            completed: 39,
            failed: 1,
            cancelled: 0,
            pending: 0,
            relativeMaseVsSeasonalNaive: 0.42,
            mase: { mean: 0.49, median: 0.45 },
            smape: { mean: 2.28, median: 2.02 },
            coverage: 0.69,
            beatsBaseline: { seasonalNaive: 1, seasonalNaiveGrowth: 0.55 },
          },
        },
        progress: { epoch: null, epochs: null, loss: null, series: { done: 39, total: 40, failed: 1, cancelled: 0, running: 0 } },
        timings: {
          queuedAt: '',
          startedAt: '2026-01-01T00:00:00Z',
          finishedAt: '2026-01-01T00:00:18.1Z',
          trainingMs: null,
          msPerEpoch: null,
        },
      }),
    );
    expect(lines.slice(0, 3)).toEqual([
      '✔ local panel run completed: 39/40 series (1 failed) in 18.1 s',
      'median MASE 0.450, mean sMAPE 2.28 %, p10–p90 covers 69 %',
      'the model beats Seasonal naive on 100 %, Seasonal naive × growth on 55 % of the series',
    ]);
  });
});
