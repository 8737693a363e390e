// The standard Theta method (Assimakopoulos & Nikolopoulos 2000) as forecast::thetaf computes it
// (Hyndman & Billah 2003: SES with drift): when the lag-m autocorrelation test says seasonal, the
// series is divided by a classical multiplicative decomposition's seasonal indices; simple
// exponential smoothing (ETS(A,N,N) fitted by maximum likelihood) is extrapolated with drift equal
// to half the slope of a straight line fitted to the (adjusted) data; the indices are put back.
import { leastSquaresSlope } from '../series/least-squares-slope';
import { seasonalityTest } from '../time/autocorrelation';
import { decompose } from './decompose';
import { etsFitForecast, fitEts } from './ets/fit-ets';

export interface ThetaForecast {
  forecast: number[];
  /** Whether the seasonality test passed and the forecast was reseasonalised. */
  seasonal: boolean;
  /** SES smoothing parameter. */
  alpha: number;
  /** Drift per step: half the regression slope. */
  drift: number;
}

export function thetaForecast(train: ArrayLike<number>, horizon: number, period: number): ThetaForecast {
  const n = train.length;
  if (n < 1) throw new Error('theta: need at least 1 training value');
  let x = Array.from(train);
  let seasonal = false;
  let figure: number[] | undefined;
  const constant = x.every((v) => v === x[0]);
  if (period > 1 && !constant && n > 2 * period) {
    seasonal = seasonalityTest(x, period)?.seasonal ?? false;
    if (seasonal) {
      const d = decompose(x, period, 'multiplicative');
      // thetaf falls back to the non-seasonal method when an index is ~0.
      if (d.figure.some((v) => !(Math.abs(v) >= 1e-4))) seasonal = false;
      else {
        figure = d.figure;
        x = x.map((v, t) => v / d.figure[t % period]);
      }
    }
  }
  const ses = n >= 7 && !constant ? fitEts(x, { error: 'A', trend: 'N', season: 'N' }, 1) : undefined;
  const alpha = Math.max(1e-10, ses?.params.alpha ?? 1);
  const level = ses ? etsFitForecast(ses, 1)[0] : x[n - 1];
  const drift = n > 1 ? leastSquaresSlope(x) / 2 : 0;
  const offset = (1 - (1 - alpha) ** n) / alpha;
  const forecast = Array.from({ length: horizon }, (_, h) => {
    const f = level + drift * (h + offset);
    return figure ? f * figure[(n + h) % period] : f;
  });
  return { forecast, seasonal: !!figure, alpha, drift };
}
