import type { GruModel } from '../gru/types';
import { autoregressiveForecast } from './autoregressive-forecast';
import {
  floorAtZeroWhenNeverNegative,
  intervalCoverage,
  pathQuantiles,
  quantileOfSorted,
  simulatePaths,
} from './forecast-intervals';

/** A stand-in network: predicts the mean of its window (plus nothing learned). */
const meanModel = (window: number): GruModel =>
  ({
    spec: { window },
    predict: (xs: Float32Array) => {
      const out = new Float32Array(xs.length / window);
      for (let i = 0; i < out.length; i++) {
        let s = 0;
        for (let t = 0; t < window; t++) s += xs[i * window + t];
        out[i] = s / window + 0.1;
      }
      return out;
    },
  }) as unknown as GruModel;

describe('forecast intervals', () => {
  it('with zero residuals every path is the point forecast', () => {
    const model = meanModel(3);
    const paths = simulatePaths(model, [1, 2, 3], 5, 'mean', [0], { paths: 4 });
    const point = autoregressiveForecast(model, [1, 2, 3], 5, 'mean');
    for (const path of paths) Array.from(path).forEach((v, k) => expect(v).toBeCloseTo(point[k], 5));
  });

  it('widens with the horizon as errors compound, and is deterministic for a seed', () => {
    const model = meanModel(2);
    const residuals = [-1, -0.5, 0, 0.5, 1];
    const paths = simulatePaths(model, [0, 0], 6, 'none', residuals, { paths: 2000, seed: 7 });
    const q = pathQuantiles(paths, 6);
    const width = q.p90.map((hi, k) => hi - q.p10[k]);
    expect(width[5]).toBeGreaterThan(width[0]);
    for (let k = 0; k < 6; k++) expect(q.p10[k]).toBeLessThan(q.p50[k]);
    expect(simulatePaths(model, [0, 0], 6, 'none', residuals, { paths: 2000, seed: 7 })).toEqual(paths);
  });

  it('computes quantiles by interpolation and coverage as the share inside', () => {
    expect(quantileOfSorted([0, 10], 0.1)).toBeCloseTo(1);
    expect(quantileOfSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(intervalCoverage([1, 5, 9], [0, 6, 8], [2, 7, 9])).toBeCloseTo(2 / 3);
  });

  it('floors forecasts and quantiles at zero only for a series never below zero', () => {
    const f = { forecast: [-1, 2], p10: [-3, 0.5], p50: [-1, 2], p90: [1, 4] };
    expect(floorAtZeroWhenNeverNegative(f, [0, 3, 0, 1])).toEqual({ forecast: [0, 2], p10: [0, 0.5], p50: [0, 2], p90: [1, 4] });
    expect(floorAtZeroWhenNeverNegative(f, [0, 3, -0.5, 1])).toBe(f);
  });
});
