// Automatic ARIMA (Hyndman & Khandakar 2008; forecast::auto.arima, statsforecast AutoARIMA):
// D from the seasonal strength, d from KPSS on the seasonally differenced series, then R's
// stepwise search over (p, q, P, Q) and the constant by AICc: four starting models, then moves of
// one order (or two together, or the constant) from the best, until none improves. Bounded as R:
// p, q <= 5, P, Q <= 2, p + q + P + Q <= 5, at most 94 models. Every fit is by conditional sums
// of squares (R's approximation, which auto.arima itself uses above 150 points or m > 12).
import { arimaName, fitArima, type ArimaFit, type ArimaOrder } from './arima-model';
import { ndiffs, nsdiffs, difference } from './unit-root-tests';

export const MAX_ARIMA = { p: 5, q: 5, P: 2, Q: 2, order: 5, models: 94 } as const;
/** Longer series are fitted on their latest points (CSS cost is linear in the length). */
export const ARIMA_MAX_POINTS = 500;

export interface AutoArimaResult {
  best: ArimaFit;
  /** Leading points skipped (series longer than ARIMA_MAX_POINTS). */
  offset: number;
  /** Every model tried with its AICc (Infinity when rejected), in search order. */
  tried: Array<{ name: string; aicc: number }>;
}

/** `approximation`: CSS fits throughout (default: R's rule, above 150 points or m > 12); exact
 *  likelihood costs ~10x on seasonal models (a 27-state Kalman filter per evaluation). */
export function autoArima(y: readonly number[], period: number, approximation?: boolean): AutoArimaResult | undefined {
  const offset = Math.max(0, y.length - ARIMA_MAX_POINTS);
  const x = y.slice(offset);
  if (x.length < 4 || x.every((v) => v === x[0])) return undefined;
  const m = period > 1 && x.length > 2 * period + 1 ? period : 1;
  const D = m > 1 ? nsdiffs(x, m) : 0;
  const d = ndiffs(D ? difference(x, m) : x);
  const seasonalRoom = m > 1 && x.length - d - D * m > 2 * m;
  const allowConstant = d + D <= 1;
  // R's approximation: CSS fits on long or finely seasonal series, exact likelihood otherwise.
  const method = (approximation ?? (x.length > 150 || m > 12)) ? 'css' : 'ml';
  const tried: AutoArimaResult['tried'] = [];
  const seen = new Map<string, ArimaFit | undefined>();
  let best: ArimaFit | undefined;
  const consider = (p: number, q: number, P: number, Q: number, constant: boolean): boolean => {
    if (p < 0 || q < 0 || P < 0 || Q < 0 || p > MAX_ARIMA.p || q > MAX_ARIMA.q || P > MAX_ARIMA.P || Q > MAX_ARIMA.Q) return false;
    if (p + q + P + Q > MAX_ARIMA.order || (!seasonalRoom && (P || Q)) || (constant && !allowConstant)) return false;
    const order: ArimaOrder = { p, d, q, P, D, Q, m, constant };
    const name = arimaName(order);
    if (seen.has(name) || seen.size >= MAX_ARIMA.models) return false;
    const fit = fitArima(x, order, method);
    seen.set(name, fit);
    tried.push({ name, aicc: fit?.aicc ?? Infinity });
    if (fit && (!best || fit.aicc < best.aicc)) {
      best = fit;
      return true;
    }
    return false;
  };
  const s = seasonalRoom ? 1 : 0;
  consider(2, 2, s, s, allowConstant);
  consider(0, 0, 0, 0, allowConstant);
  consider(1, 0, s, 0, allowConstant);
  consider(0, 1, 0, s, allowConstant);
  if (allowConstant) consider(0, 0, 0, 0, false);
  for (let improved = true; improved && best; ) {
    improved = false;
    const { p, q, P, Q, constant } = best.order;
    const moves: Array<[number, number, number, number, boolean]> = [
      [p, q, P - 1, Q, constant],
      [p, q, P, Q - 1, constant],
      [p, q, P + 1, Q, constant],
      [p, q, P, Q + 1, constant],
      [p, q, P - 1, Q - 1, constant],
      [p, q, P - 1, Q + 1, constant],
      [p, q, P + 1, Q - 1, constant],
      [p, q, P + 1, Q + 1, constant],
      [p - 1, q, P, Q, constant],
      [p, q - 1, P, Q, constant],
      [p + 1, q, P, Q, constant],
      [p, q + 1, P, Q, constant],
      [p - 1, q - 1, P, Q, constant],
      [p - 1, q + 1, P, Q, constant],
      [p + 1, q - 1, P, Q, constant],
      [p + 1, q + 1, P, Q, constant],
      [p, q, P, Q, !constant],
    ];
    for (const mv of moves) {
      if (consider(...mv)) {
        improved = true;
        break;
      }
    }
  }
  return best ? { best, offset, tried } : undefined;
}
