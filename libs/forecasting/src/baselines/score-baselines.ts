// Every baseline forecast of the holdout, scored the way the model is.
import { forecastMetrics, type ForecastMetrics } from '../metrics/forecast-metrics';
import { BASELINE_NAMES, DESCRIBED_BASELINES, type BaselineName } from './baseline-forecasts';

export interface BaselineScores {
  metrics: Record<BaselineName, ForecastMetrics>;
  /** What the fitted baselines chose, e.g. { ets: 'ETS(M,Ad,M)', theta: 'Theta' }. */
  models: Partial<Record<BaselineName, string>>;
}

/** `period` is the scoring period: seasonal naive's lag, MASE's scale and ETS/Theta's season. */
export function scoreBaselines(train: readonly number[], test: readonly number[], period: number): BaselineScores {
  const metrics = {} as Record<BaselineName, ForecastMetrics>;
  const models: Partial<Record<BaselineName, string>> = {};
  for (const name of BASELINE_NAMES) {
    const r = DESCRIBED_BASELINES[name](train, test.length, period);
    metrics[name] = forecastMetrics(test, r.forecast, train, period);
    if (r.model) models[name] = r.model;
  }
  return { metrics, models };
}
