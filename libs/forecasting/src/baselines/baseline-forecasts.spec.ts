import { FLIGHTS_CSV } from '../evaluation/flights-path';
import { readFileSync } from 'node:fs';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { mape } from '../metrics/forecast-metrics';
import { driftForecast, naiveForecast, seasonalNaiveForecast, seasonalNaiveGrowthForecast } from './baseline-forecasts';

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
});
