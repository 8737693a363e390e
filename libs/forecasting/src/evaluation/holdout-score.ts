// How a run's holdout forecast is scored against the real series' anchors (MASE and the p10-p90
// interval, scaled as anchors.csv scales them), shared by the in-process measurement
// (measure-real.ts) and the one through a running service (score-run-through-api.ts).
import { mase } from '../metrics/forecast-metrics';
import { covered, msis } from '../metrics/interval-score';

/** The p10-p90 interval on the holdout: actuals inside it, of how many, and its MSIS (alpha 0.2). */
export interface HoldoutIntervals {
  covered: number;
  points: number;
  msis: number;
}

/** A run that failed: no interval scored. */
export const NO_INTERVALS: HoldoutIntervals = { covered: 0, points: 0, msis: NaN };

/** A run's holdout MASE, its interval's coverage and MSIS, the members chosen (or `FAILED: …`) and
 *  its wall time. */
export interface RunScore {
  score: number;
  intervals: HoldoutIntervals;
  chosen: string;
  seconds: number;
}

/** A holdout forecast (with its p10/p90, null where absent) scored the anchors' way: MASE and the
 *  interval's MSIS scaled by the training part's naive one `period` back, and its coverage. */
export function scoreHoldout(
  holdout: ReadonlyArray<{ actual: number; forecast: number; p10?: number | null; p90?: number | null }>,
  train: readonly number[],
  period: number,
): Pick<RunScore, 'score' | 'intervals'> {
  const actual = holdout.map((p) => p.actual);
  const [p10, p90] = [holdout.map((p) => p.p10 ?? NaN), holdout.map((p) => p.p90 ?? NaN)];
  return {
    score: mase(
      actual,
      holdout.map((p) => p.forecast),
      train,
      period,
    ),
    intervals: { covered: covered(actual, p10, p90), points: actual.length, msis: msis(actual, p10, p90, train, period) },
  };
}
