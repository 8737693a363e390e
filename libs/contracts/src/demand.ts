// How a series' demand occurs (Syntetos, Boylan & Croston 2005, "On the categorization of demand
// patterns"): the average interval between non-zero values (ADI) and the squared coefficient of
// variation of their sizes (CV²) split it into four patterns at ADI 1.32 and CV² 0.49. Where
// demand is intermittent (most periods zero) MAE, and so MASE, is smallest for a forecast of zero
// (the median), which no one can stock by: such series are compared by squared error, as the M5
// competition scored its retail series (RMSSE).

export type DemandPattern = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

/** A training part's demand pattern (runs record it in notes.demand where it is intermittent or lumpy). */
export interface DemandProfile {
  pattern: DemandPattern;
  /** Share of the training part's values that are zero. */
  zeroShare: number;
  /** Average inter-demand interval: points per non-zero point. */
  adi: number;
  /** Squared coefficient of variation of the non-zero values. */
  cv2: number;
}

/** ADI at or above which demand is intermittent (or lumpy). */
export const ADI_CUTOFF = 1.32;
/** CV² at or above which demand sizes are erratic (or lumpy). */
export const CV2_CUTOFF = 0.49;

/** Intermittent or lumpy: periods without demand are the rule rather than the exception. */
export function isIntermittent(demand: DemandProfile | null | undefined): boolean {
  return demand?.pattern === 'intermittent' || demand?.pattern === 'lumpy';
}

export type RankingMetric = 'mase' | 'mape' | 'rmse';

/** The metric a model and its baselines are ranked by on one series: RMSE where demand is
 *  intermittent (MASE would crown the forecast of zero), else MASE (scale-free), else MAPE or RMSE
 *  where the model's MASE is undefined (a constant training part: no naive error to scale by). */
export function rankingMetric(
  demand: DemandProfile | null | undefined,
  model: Partial<Record<RankingMetric, number | null>> = {},
): RankingMetric {
  const defined = (m: RankingMetric) => typeof model[m] === 'number' && Number.isFinite(model[m]);
  if (isIntermittent(demand) && defined('rmse')) return 'rmse';
  return (['mase', 'mape', 'rmse'] as const).find(defined) ?? 'mase';
}

/** The profile in words, e.g. "lumpy: 84 % of the training part zero, ADI 6.3, CV² 0.60". */
export function describeDemand(demand: DemandProfile): string {
  return (
    `${demand.pattern}: ${Math.round(100 * demand.zeroShare)} % of the training part zero, ` +
    `ADI ${demand.adi.toFixed(1)}, CV² ${demand.cv2.toFixed(2)}` +
    (isIntermittent(demand) ? ' (ranked by RMSE)' : '')
  );
}
