import { foldOrigin, type BacktestConfig } from '@seqcast/core';
import { ParamValidationError, assertParamsFitSeries, type SeriesShape, type TrainingParams } from '@seqcast/forecasting';

/**
 * A backtest must fit the series: its earliest fold (the shortest truncation, n − folds·step points)
 * must still satisfy the run's params, exactly as a run on that truncated series would have to (its
 * test part, window, transform and validation windows). Later folds are longer, so they fit too. The
 * series' min stands for the truncation's (a prefix's min is never smaller). Throws a
 * ParamValidationError naming `backtest`.
 */
export function assertBacktestFits(params: TrainingParams, backtest: BacktestConfig, series: SeriesShape): void {
  const n = series.length;
  const earliest = foldOrigin(n, backtest, 1);
  const span = `${backtest.folds} fold(s) × step ${backtest.step}`;
  if (earliest < 1) {
    throw new ParamValidationError(
      'backtest',
      `backtest: ${span} = ${backtest.folds * backtest.step} points reach back past the start of the series (${n} points); ` +
        'use fewer folds or a smaller step.',
    );
  }
  try {
    assertParamsFitSeries(params, { ...series, length: earliest });
  } catch (error) {
    if (!(error instanceof ParamValidationError)) throw error;
    throw new ParamValidationError(
      'backtest',
      `backtest: the earliest fold uses only the first ${earliest} of the ${n} points (${span} before the end), ` +
        `too few for the run's params: ${error.message} Use fewer folds or a smaller step.`,
    );
  }
}
