import { readFileSync } from 'node:fs';
import { FLIGHTS_CSV } from '../../evaluation/flights-path';
import { parseCsvDataset } from '../../csv/parse-csv-dataset';
import { arimaForecast, arimaName, arimaPolynomials, filterArima, fitArima, rootsOutside, arFromUnconstrained } from './arima-model';
import { autoArima } from './auto-arima';
import { kpssStatistic, ndiffs, nsdiffs } from './unit-root-tests';

// R datasets WWWusage and lh; AirPassengers is flights.csv.
const WWW = [
  88, 84, 85, 85, 84, 85, 83, 85, 88, 89, 91, 99, 104, 112, 126, 138, 146, 151, 150, 148, 147, 149, 143, 132, 131, 139, 147, 150, 148, 145,
  140, 134, 131, 131, 129, 126, 126, 132, 137, 140, 142, 150, 159, 167, 170, 171, 172, 172, 174, 175, 172, 172, 174, 174, 169, 165, 156, 142,
  131, 121, 112, 104, 102, 99, 99, 95, 88, 84, 84, 87, 89, 88, 85, 86, 89, 91, 91, 94, 101, 110, 121, 135, 145, 149, 156, 165, 171, 175, 177,
  182, 193, 204, 208, 210, 215, 222, 228, 226, 222, 220,
];
const LH = [
  2.4, 2.4, 2.4, 2.2, 2.1, 1.5, 2.3, 2.3, 2.5, 2.0, 1.9, 1.7, 2.2, 1.8, 3.2, 3.2, 2.7, 2.2, 2.2, 1.9, 1.9, 1.8, 2.7, 3.0, 2.3, 2.0, 2.0, 2.9,
  2.9, 2.7, 2.7, 2.3, 2.6, 2.4, 1.8, 1.7, 1.5, 1.4, 2.1, 3.3, 3.5, 3.5, 3.1, 2.6, 2.1, 3.4, 3.0, 2.9,
];
const AIR = parseCsvDataset(readFileSync(FLIGHTS_CSV)).values;

describe('autoArima against R forecast::auto.arima', () => {
  it('WWWusage: ARIMA(1,1,1), ar1 0.6504, ma1 0.5256, AICc 514.55', () => {
    const r = autoArima(WWW, 1)!;
    expect(arimaName(r.best.order)).toBe('ARIMA(1,1,1)');
    expect(r.best.ar[0]).toBeCloseTo(0.6504, 2);
    expect(r.best.ma[0]).toBeCloseTo(0.5256, 2);
    expect(r.best.aicc).toBeCloseTo(514.55, 0);
  });

  it('lh: ARIMA(1,0,0) with non-zero mean, ar1 0.5739, mean 2.4133, σ² 0.1975', () => {
    const r = autoArima(LH, 1)!;
    expect(arimaName(r.best.order)).toBe('ARIMA(1,0,0) with non-zero mean');
    expect(r.best.ar[0]).toBeCloseTo(0.5739, 2);
    expect(r.best.mean).toBeCloseTo(2.4133, 2);
    expect(r.best.sigma2).toBeCloseTo(0.1975, 3);
  });

  it('AirPassengers: ARIMA(2,1,1)(0,1,0)[12], ar 0.5960 0.2143, ma1 -0.9819, AICc 1018.17', () => {
    expect(nsdiffs(AIR, 12)).toBe(1);
    const r = autoArima(AIR, 12)!;
    expect(arimaName(r.best.order)).toBe('ARIMA(2,1,1)(0,1,0)[12]');
    expect(r.best.ar[0]).toBeCloseTo(0.596, 2);
    expect(r.best.ar[1]).toBeCloseTo(0.2143, 2);
    expect(r.best.ma[0]).toBeCloseTo(-0.9819, 2);
    expect(r.best.aicc).toBeCloseTo(1018.17, 0);
    expect(r.tried.length).toBeLessThanOrEqual(94);
  });
});

describe('ARIMA building blocks', () => {
  it('KPSS: white noise is level-stationary, a random walk needs one difference', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
    const noise = Array.from({ length: 200 }, rand);
    let s = 0;
    const walk = noise.map((v) => (s += v));
    expect(kpssStatistic(noise)).toBeLessThan(0.463);
    expect(ndiffs(noise)).toBe(0);
    expect(ndiffs(walk)).toBe(1);
  });

  it('partial-autocorrelation parametrisation is stationary; the root test agrees', () => {
    expect(rootsOutside(arFromUnconstrained([3, -2, 1.5]))).toBe(true);
    expect(rootsOutside([1.01])).toBe(false); // x_t = 1.01 x_{t-1}
    expect(rootsOutside([0.5, 0.3])).toBe(true);
    expect(rootsOutside([0.5], 2.5)).toBe(false); // root 2 is inside radius 2.5
  });

  it('forecasts continue the fitted recursion: an AR(1) decays to its mean', () => {
    const fit = fitArima(LH, { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: true })!;
    const poly = arimaPolynomials(fit);
    const { state, innovations } = filterArima(poly, LH, fit.ncond);
    expect(innovations).toHaveLength(LH.length - 1);
    const f = arimaForecast(poly, state, 30);
    expect(f[0]).toBeCloseTo(fit.mean + fit.ar[0] * (LH[LH.length - 1] - fit.mean), 10);
    expect(f[29]).toBeCloseTo(fit.mean, 3);
  });
});
