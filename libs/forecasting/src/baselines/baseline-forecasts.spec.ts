import { FLIGHTS_CSV } from '../evaluation/flights-path';
import { readFileSync } from 'node:fs';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { mape } from '../metrics/forecast-metrics';
import {
  BASELINE_NAMES,
  BASELINES,
  driftForecast,
  naiveForecast,
  seasonalNaiveForecast,
  seasonalNaiveGrowthForecast,
} from './baseline-forecasts';
import { scoreBaselines } from './score-baselines';

describe('baselines', () => {
  it('naive, seasonal naive and drift', () => {
    expect(naiveForecast([1, 2, 3], 2)).toEqual([3, 3]);
    expect(seasonalNaiveForecast([1, 2, 3, 4, 5], 5, 2)).toEqual([4, 5, 4, 5, 4]);
    expect(seasonalNaiveForecast([1, 2], 2, 12)).toEqual([2, 2]); // too short -> naive
    expect(driftForecast([1, 3, 5], 2)).toEqual([7, 9]);
  });

  it('seasonal naive x growth compounds per season', () => {
    // seasons [1,1] then [2,2]: growth 2
    expect(seasonalNaiveGrowthForecast([1, 1, 2, 2], 4, 2)).toEqual([4, 4, 8, 8]);
  });

  it('reproduces the reference numbers on flights.csv (1960 holdout)', () => {
    const { values } = parseCsvDataset(readFileSync(FLIGHTS_CSV));
    const train = values.slice(0, 132);
    const test = values.slice(132);
    expect(mape(test, seasonalNaiveForecast(train, 12, 12))).toBeCloseTo(9.99, 2);
    expect(mape(test, seasonalNaiveGrowthForecast(train, 12, 12))).toBeCloseTo(2.95, 2);
  });

  it('every baseline, ETS and Theta included, gives finite forecasts for awkward series', () => {
    const series: Array<[string, number[], number]> = [
      ['constant', new Array(40).fill(5), 12],
      ['three points', [1, 2, 3], 12],
      ['seven points', [3, 1, 4, 1, 5, 9, 2], 4],
      ['negative and zero', Array.from({ length: 60 }, (_, i) => Math.sin(i) * 10 - 2 + (i % 7 === 0 ? 2 : 0)), 12],
      ['zeros', Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 0 : i)), 4],
      ['period 48', Array.from({ length: 48 * 6 }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 48)), 48],
    ];
    for (const [what, train, period] of series) {
      for (const name of BASELINE_NAMES) {
        const f = BASELINES[name](train, 5, period);
        expect([what, name, f.length, f.every(Number.isFinite)]).toEqual([what, name, 5, true]);
      }
    }
  });

  it('scores all six baselines and names what ETS and Theta fitted', () => {
    const y = Array.from({ length: 72 }, (_, i) => (50 + i) * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)));
    const r = scoreBaselines(y.slice(0, 60), y.slice(60), 12);
    expect(Object.keys(r.metrics)).toEqual([...BASELINE_NAMES]);
    expect(r.models.ets).toMatch(/^ETS\(/);
    expect(r.models.theta).toBe('Theta, seasonally adjusted (period 12)');
    // A clean multiplicative season with trend: ETS and Theta both beat seasonal naive.
    expect(r.metrics.ets.mase).toBeLessThan(r.metrics.seasonalNaive.mase);
    expect(r.metrics.theta.mase).toBeLessThan(r.metrics.seasonalNaive.mase);
  });
});
