// ETS as a baseline for any season length. Periods R's ets handles (<= 24) go to autoEts; longer
// ones (weekly data's 52, sub-daily cycles) are handled as forecast::stlf does: remove a seasonal
// component (classical additive decomposition here, STL there), forecast the adjusted series with
// a non-seasonal autoEts, and add the last season's component back.
import { decompose } from '../decompose';
import { autoEts, MAX_ETS_SEASON, type AutoEtsResult } from './auto-ets';
import { etsFitForecast } from './fit-ets';

export interface EtsBaselineForecast {
  forecast: number[];
  /** "ETS(M,Ad,M)", "STL-like: ETS(A,N,N) on data adjusted for period 52", or "naive (…)" on fallback. */
  model: string;
  aicc?: number;
  fit?: AutoEtsResult;
}

export function etsForecast(train: ArrayLike<number>, horizon: number, period: number): EtsBaselineForecast {
  const n = train.length;
  if (period > MAX_ETS_SEASON && n >= 2 * period) {
    const d = decompose(train, period, 'additive');
    const adjusted = Array.from(train, (v, t) => v - d.seasonal[t]);
    const fit = autoEts(adjusted, 1);
    if (fit) {
      const f = etsFitForecast(fit.best, horizon).map((v, h) => v + d.figure[(n + h) % period]);
      return {
        forecast: f,
        model: `${fit.best.name} on data seasonally adjusted for period ${period}`,
        aicc: fit.best.aicc,
        fit,
      };
    }
  }
  const fit = autoEts(train, period > MAX_ETS_SEASON ? 1 : period);
  if (!fit) return { forecast: new Array<number>(horizon).fill(train[n - 1]), model: 'naive (too few points for ETS)' };
  return { forecast: etsFitForecast(fit.best, horizon), model: fit.best.name, aicc: fit.best.aicc, fit };
}
