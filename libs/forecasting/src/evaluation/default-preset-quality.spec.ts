// Pins what the README claims for the default preset: on flights.csv (1960 holdout) a median MAPE
// of at most 2.5 % over 5 seeds, no seed above 3.5 %, and a p10-p90 interval covering at least 8
// of the 12 months; on generated series with known structure it beats seasonal naive on MASE for
// the large majority. Deterministic: fixed model seeds, fixed noise seeds, the wasm backend.
import { readFileSync } from 'node:fs';
import { initTfBackend } from '../backend/init-tf-backend';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { FLIGHTS_CSV } from './flights-path';
import { GENERATED_SUITE, generateSeries } from './generated-series';

jest.setTimeout(120_000);

beforeAll(async () => {
  await initTfBackend();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('default preset quality', () => {
  it('flights.csv: median MAPE <= 2.5 % over seeds 1-5, none above 3.5 %, p10-p90 covers >= 8 of 12 months', async () => {
    const ds = parseCsvDataset(readFileSync(FLIGHTS_CSV));
    const runs = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const params = resolveParams('default', { seed }, { length: ds.values.length, frequency: ds.frequency });
      const r = await trainAndForecast(ds, params);
      runs.push({ seed, mape: r.metrics.mape, covered: Math.round(r.metrics.coverage * 12) });
      // The baselines the README compares against, on the same holdout.
      expect(r.baselines.seasonalNaive.mape).toBeCloseTo(9.99, 2);
      expect(r.metrics.mape).toBeLessThan(r.baselines.seasonalNaiveGrowth.mape);
      r.model.dispose();
    }
    expect(median(runs.map((r) => r.mape))).toBeLessThanOrEqual(2.5);
    for (const r of runs) {
      expect(r.mape).toBeLessThanOrEqual(3.5);
      expect(r.covered).toBeGreaterThanOrEqual(8);
    }
  });

  it('generated series: beats seasonal naive on MASE for at least 80 % of the suite (noise seeds 1, 2)', async () => {
    const outcomes: Array<{ name: string; model: number; seasonalNaive: number }> = [];
    for (const seed of [1, 2]) {
      for (const spec of GENERATED_SUITE) {
        const series = generateSeries(spec, seed);
        const min = series.values.reduce((m, v) => Math.min(m, v), Infinity);
        const params = resolveParams('default', {}, { length: spec.length, frequency: spec.frequency, min });
        const r = await trainAndForecast(series, params);
        outcomes.push({ name: `${spec.name}#${seed}`, model: r.metrics.mase, seasonalNaive: r.baselines.seasonalNaive.mase });
        r.model.dispose();
      }
    }
    const wins = outcomes.filter((o) => o.model < o.seasonalNaive);
    expect(wins.length / outcomes.length).toBeGreaterThanOrEqual(0.8);
    // Where it wins it is not by a hair: the geometric mean of model / seasonal naive MASE.
    const ratio = Math.exp(outcomes.reduce((s, o) => s + Math.log(o.model / o.seasonalNaive), 0) / outcomes.length);
    expect(ratio).toBeLessThan(0.75);
    // Strong multiplicative seasonality with growth, the flights-like case, is always a win.
    for (const o of outcomes.filter((x) => x.name.startsWith('monthly-growth') || x.name.startsWith('monthly-short'))) {
      expect(o.model).toBeLessThan(o.seasonalNaive);
    }
  });
});
