// The statistical half of the 'arima+gru' hybrid: the automatic ARIMA (baselines/arima, CSS fits
// as R's auto.arima approximation, so a 144-point monthly series costs tens of ms) fitted once,
// then run with fixed coefficients over any longer history of the same series, as rolling-origin
// validation without refitting needs. JSON-safe: stored with the candidate.
import { autoArima } from '../baselines/arima/auto-arima';
import {
  arimaForecastOne,
  arimaPolynomials,
  arimaUpdate,
  filterArima,
  type ArimaFit,
  type ArimaState,
} from '../baselines/arima/arima-model';

export interface ArimaBase {
  fit: ArimaFit;
  /** Leading points the fit skipped (long series are fitted on their latest points). */
  offset: number;
}

export function fitArimaBase(z: readonly number[], period: number): ArimaBase | undefined {
  const auto = autoArima(z, period, true);
  return auto && { fit: auto.best, offset: auto.offset };
}

export function filterArimaBase(b: ArimaBase, z: readonly number[]): { state: ArimaState; innovations: number[] } {
  return filterArima(arimaPolynomials(b.fit), z, b.offset + b.fit.ncond);
}

export function arimaBaseForecast(b: ArimaBase, s: ArimaState): number {
  return arimaForecastOne(arimaPolynomials(b.fit), s);
}

export function arimaBaseUpdate(b: ArimaBase, s: ArimaState, y: number): ArimaState {
  return arimaUpdate(arimaPolynomials(b.fit), s, y);
}
