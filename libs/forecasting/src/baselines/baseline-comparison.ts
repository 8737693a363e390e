// The model against its baselines on the same holdout, ranked, with a plain-words verdict: a GRU
// that loses to "same month last year" is worse than no model, and the user must be told so.
import { baselineLabel, isIntermittent, rankingMetric, type DemandProfile, type RankingMetric } from '@seqcast/contracts';
import type { ForecastMetrics } from '../metrics/forecast-metrics';
import type { BaselineName } from './baseline-forecasts';

export type Contender = 'model' | BaselineName;

export interface BaselineComparison {
  /** The metric used to rank: MASE (scale-free), else MAPE, else RMSE when the others are undefined;
   *  RMSE where demand is intermittent (rankingMetric). */
  metric: RankingMetric;
  /** Best first. Contenders whose metric is undefined (NaN) are left out. */
  ranking: Array<{ name: Contender; value: number }>;
  /** Baselines that did strictly better than the model. */
  beatenBy: BaselineName[];
  verdict: string;
}

export interface ComparisonContext {
  /** The run's notes.baselineModels: what fitted baselines chose, so the verdict can say "ETS
   *  (ETS(M,Ad,M)) beats the model". */
  models?: Partial<Record<string, string>>;
  /** The run's notes.demand: intermittent demand is ranked by RMSE, and the verdict says why. */
  demand?: DemandProfile | null;
}

export function compareToBaselines(
  model: Pick<ForecastMetrics, 'mase' | 'mape' | 'rmse'>,
  baselines: Partial<Record<BaselineName, Pick<ForecastMetrics, 'mase' | 'mape' | 'rmse'>>>,
  { models = {}, demand }: ComparisonContext = {},
): BaselineComparison {
  // MAE, and so MASE, is smallest for the median, zero on a series mostly without demand: a
  // forecast of nothing would win every ranking by it (contracts/demand.ts).
  const metric = rankingMetric(demand, model);
  const bySquares = isIntermittent(demand) && metric === 'rmse';
  const entries = Object.entries(baselines) as Array<[BaselineName, Pick<ForecastMetrics, 'mase' | 'mape' | 'rmse'>]>;
  const ranking = [
    { name: 'model' as Contender, value: model[metric] },
    ...entries.map(([name, m]) => ({ name, value: m[metric] })),
  ]
    .filter((r) => Number.isFinite(r.value))
    .sort((a, b) => a.value - b.value);
  // Best first, like the ranking.
  const beatenBy = entries
    .filter(([, m]) => m[metric] < model[metric])
    .sort((a, b) => a[1][metric] - b[1][metric])
    .map(([name]) => name);
  const label = metric.toUpperCase();
  // Readable names; ETS's choice says what kind of series this is ("ETS (ETS(M,Ad,M))").
  const named = (name: Contender) => {
    const readable = baselineLabel(name);
    const chosen = models[name];
    return chosen?.startsWith('ETS(') ? `${readable} (${chosen})` : readable;
  };
  // Two values are shown with as many more decimals (up to 3) as it takes to tell them apart: a
  // verdict reading "MASE 0.32 vs 0.32" names a winner the numbers do not show.
  const pair = (a: number, b: number): [string, string] => {
    const base = metric === 'rmse' ? 1 : 2;
    let digits = base;
    while (digits < base + 3 && a !== b && a.toFixed(digits) === b.toFixed(digits)) digits += 1;
    const show = (v: number) => (metric === 'mape' ? `${v.toFixed(digits)} %` : v.toFixed(digits));
    return [show(a), show(b)];
  };
  let verdict: string;
  if (!Number.isFinite(model[metric])) verdict = 'The model has no holdout metrics to compare.';
  else if (beatenBy.length) {
    const best = ranking[0];
    const [bestShown, modelShown] = pair(best.value, model[metric]);
    verdict =
      `${named(best.name)} beats the model on the holdout (${label} ${bestShown} vs ${modelShown})` +
      (beatenBy.length > 1
        ? `, and so ${beatenBy.length > 2 ? 'do' : 'does'} ${beatenBy
            .filter((b) => b !== best.name)
            .map(named)
            .join(', ')}`
        : '') +
      `: for this series the baseline is the better choice unless other params do better.`;
  } else {
    const runnerUp = ranking.find((r) => r.name !== 'model');
    const [modelShown, runnerUpShown] = pair(model[metric], runnerUp?.value ?? model[metric]);
    // Equal to the decimals shown (the model repeated seasonal naive's forecast): no win to claim.
    verdict =
      runnerUp && modelShown === runnerUpShown
        ? `No baseline beats the model on the holdout, but ${named(runnerUp.name)} ties it (${label} ${pair(model[metric], model[metric])[0]}).`
        : `The model beats every baseline on the holdout (${label} ${modelShown}` +
          (runnerUp ? `; best baseline ${named(runnerUp.name)} ${runnerUpShown})` : ')') +
          '.';
  }
  if (bySquares) {
    const zeros = Math.round(100 * demand!.zeroShare);
    verdict =
      `Intermittent demand (${zeros} % of the training part is zero): ranked by RMSE, since MASE would favour ` +
      `forecasting zero. ${verdict}`;
  }
  return { metric, ranking, beatenBy, verdict };
}
