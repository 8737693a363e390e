// Automatic ETS (forecast::ets(y, "ZZZ") / statsforecast AutoETS): every admissible combination of
// error (A, M), trend (N, A, Ad) and season (N, A, M) is fitted by maximum likelihood and the
// lowest AICc wins. Restrictions as R's defaults: no multiplicative trend; no multiplicative error
// or season unless all values are > 0; no additive error with multiplicative season (infinite
// variance); a season only when the period is 2..24 and the data hold more than two seasons
// (longer periods are handled by seasonal adjustment, see etsForecast).
import { fitEts, etsFitForecast, type EtsFit } from './fit-ets';
import type { EtsSpec } from './ets-model';

/** R's ets refuses seasonal models above this period ("frequency too high"). */
export const MAX_ETS_SEASON = 24;

/** Longer series choose their model on their most recent SELECTION_WINDOW points (every candidate
 *  fitted there), then fit the chosen one to all points: the cost of 15 fits no longer grows with
 *  the length (a 3000-point seasonal series: ~0.15 s instead of ~0.6 s of CPU), and 500 points
 *  (40 years of months) say as much about which components a series has as 3000. */
export const SELECTION_WINDOW = 500;

/** The chosen model is fitted to at most this many of the latest points: exponential smoothing
 *  forgets geometrically, and a 100,000-point series would otherwise cost seconds. */
export const MAX_FIT_POINTS = 5_000;

export interface AutoEtsResult {
  best: EtsFit;
  /** Every model tried, with its AICc (Infinity when it could not be fitted), best first. */
  candidates: Array<{ name: string; aicc: number }>;
  /** Points the candidates were compared on (the last ones; all unless above SELECTION_WINDOW). */
  selectedOn: number;
}

/** Specs autoEts considers for this series. */
export function etsCandidates(y: ArrayLike<number>, period: number): EtsSpec[] {
  let positive = true;
  for (let i = 0; i < y.length; i++) if (!(y[i] > 0)) positive = false;
  const seasons: EtsSpec['season'][] = ['N'];
  if (period > 1 && period <= MAX_ETS_SEASON && y.length > 2 * period) seasons.push('A', ...(positive ? (['M'] as const) : []));
  const out: EtsSpec[] = [];
  for (const error of positive ? (['A', 'M'] as const) : (['A'] as const)) {
    for (const trend of ['N', 'A', 'Ad'] as const) {
      for (const season of seasons) {
        if (error === 'A' && season === 'M') continue;
        out.push({ error, trend, season });
      }
    }
  }
  return out;
}

/** Fits every candidate and keeps the lowest AICc. Undefined when none could be fitted (e.g. fewer
 *  than 7 points, or a constant series). */
export function autoEts(y: ArrayLike<number>, period: number): AutoEtsResult | undefined {
  const n = y.length;
  const window = n > SELECTION_WINDOW ? Array.prototype.slice.call(y, n - SELECTION_WINDOW) : y;
  const fits = etsCandidates(y, period).map((spec) => ({ spec, fit: fitEts(window, spec, period) }));
  const candidates = fits
    .map(({ spec, fit }) => ({
      name: fit?.name ?? `ETS(${spec.error},${spec.trend},${spec.season})`,
      aicc: fit?.aicc ?? Infinity,
    }))
    .sort((a, b) => a.aicc - b.aicc);
  let chosen: EtsFit | undefined;
  for (const { fit } of fits) if (fit && Number.isFinite(fit.aicc) && (!chosen || fit.aicc < chosen.aicc)) chosen = fit;
  if (!chosen) return undefined;
  const fitted = n > MAX_FIT_POINTS ? Array.prototype.slice.call(y, n - MAX_FIT_POINTS) : y;
  const best = window === y ? chosen : (fitEts(fitted, chosen.spec, period) ?? chosen);
  return { best, candidates, selectedOn: window.length };
}

export { etsFitForecast };
