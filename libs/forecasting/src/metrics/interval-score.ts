// Accuracy of a central prediction interval, as the M4 competition scored them (Makridakis et al.
// 2020): the mean scaled interval score and the share of actuals the interval covers.
//   MSIS = 1/h Σ [(u - l) + 2/α (l - a) 1{a < l} + 2/α (a - u) 1{a > u}] / in-sample seasonal-naive MAE
// A (1 - α) interval is rewarded for being narrow and charged 2/α per unit an actual falls outside,
// so neither an interval too wide nor one too narrow scores well. Lower is better.
import { seasonalNaiveScale } from './forecast-metrics';

/** The MSIS of [lower, upper] as a (1 - `alpha`) interval, scaled as MASE is (NaN for a constant
 *  training part). */
export function msis(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  train: ArrayLike<number>,
  period = 1,
  alpha = 0.2,
): number {
  if (actual.length !== lower.length || actual.length !== upper.length || !actual.length)
    throw new Error(`msis: ${actual.length} actuals, ${lower.length} lower and ${upper.length} upper bounds`);
  const scale = seasonalNaiveScale(train, period);
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const [a, l, u] = [actual[i], lower[i], upper[i]];
    total += u - l + (2 / alpha) * (Math.max(0, l - a) + Math.max(0, a - u));
  }
  return scale > 0 ? total / actual.length / scale : NaN;
}

/** How many actuals lie inside [lower, upper] (bounds included). */
export function covered(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) n += 1;
  return n;
}
