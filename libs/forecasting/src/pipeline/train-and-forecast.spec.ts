import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from '../backend/init-tf-backend';
import { ParamValidationError } from '../errors';
import { gaussianNoise, mulberry32 } from '../gru/seeded-random';
import { resolveParams } from '../params/resolve-params';
import { forecastFromArtifacts } from './forecast-from-artifacts';
import { trainAndForecast } from './train-and-forecast';

// 5 years of monthly data with trend and multiplicative seasonality.
const values = Array.from({ length: 60 }, (_, i) => (100 + 2 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)));
const timestamps = values.map((_, i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
const series = { values, timestamps };
const small = {
  window: 6,
  hidden: 8,
  epochs: 4,
  batchSize: 16,
  learningRate: 0.01,
  testSize: 6,
  horizon: 4,
  validationSize: 0, // early stopping is tested on its own below
  patience: 0,
};

jest.setTimeout(60_000); // real training; each test is ~1 s on an idle machine

beforeAll(async () => {
  await initTfBackend();
});

describe('trainAndForecast', () => {
  it('splits, forecasts holdout and future with dates, scores baselines, leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const params = resolveParams('default', small, values.length);
    const epochs: number[] = [];
    const r = await trainAndForecast(series, params, { onEpochEnd: (e) => void epochs.push(e.epoch) });
    expect(epochs).toEqual([1, 2, 3, 4]);
    expect(r.fit.stopReason).toBe('completed');
    expect(r.params.seasonalPeriod).toBe(12); // inferred monthly
    // 'auto' with per-window normalisation removes a seasonal profile: no points lost to differencing.
    expect(r.params).toMatchObject({ transform: 'log-deseasonalize', windowNorm: 'mean' });
    expect(r.notes).toMatchObject({ period: 12, frequency: 'monthly', trainPoints: 54, trainWindows: 54 - 6 });
    expect(r.holdout).toHaveLength(6);
    expect(r.holdout[0]).toMatchObject({ step: 1, t: '2019-07-01', actual: values[54] });
    expect(r.future.map((p) => p.t)).toEqual(['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01']);
    for (const p of [...r.holdout, ...r.future]) expect(Number.isFinite(p.forecast)).toBe(true);
    expect(Object.keys(r.baselines).sort()).toEqual(['drift', 'ets', 'naive', 'seasonalNaive', 'seasonalNaiveGrowth', 'theta']);
    expect(r.notes.baselineModels.ets).toMatch(/^ETS\([AM],(N|A|Ad),[NAM]\)$/);
    expect(r.notes).toMatchObject({ scoringPeriod: 12, seasonality: { periods: [12], primary: 12 } });
    expect(r.metrics.mape).toBeGreaterThan(0);
    expect(r.scaler).toMatchObject({ min: expect.any(Number), max: expect.any(Number), lo: -1, hi: 1 });
    expect(r.scaler.seasonalProfile).toHaveLength(12);
    expect(r.scaler.residuals).toHaveLength(48);
    // Every point carries an ordered p10-p50-p90 interval, and the holdout reports its coverage.
    for (const p of [...r.holdout, ...r.future]) {
      expect(p.p10).toBeLessThanOrEqual(p.p50!);
      expect(p.p50).toBeLessThanOrEqual(p.p90!);
    }
    expect(r.metrics.coverage).toBeGreaterThanOrEqual(0);
    expect(r.metrics.coverage).toBeLessThanOrEqual(1);
    r.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['auto', 'layers'] as const)('is deterministic for a seed and leaks no tensors (impl %s)', async (impl) => {
    const before = tf.memory().numTensors;
    const params = resolveParams('seed', { ...small, epochs: 2, impl }, values.length);
    const a = await trainAndForecast(series, params);
    const b = await trainAndForecast(series, params);
    expect(b.fit.epochs.map((e) => e.loss)).toEqual(a.fit.epochs.map((e) => e.loss));
    expect(b.future).toEqual(a.future);
    expect(a.notes.gruImpl).toBe(impl === 'layers' ? 'layers' : 'fused');
    // Only the layers model cannot do reset-after, and says so.
    expect(a.notes.messages.some((m) => m.includes('reset-after'))).toBe(impl === 'layers');
    a.model.dispose();
    b.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('models the seasonal periods detected in the training part; scores with the nominal one', async () => {
    // Half-hourly, four weeks: a daily cycle and quieter weekends.
    const n = 48 * 28;
    const load = Array.from({ length: n }, (_, t) => {
      const weekend = Math.floor(t / 48) % 7 >= 5;
      return 100 + 20 * Math.sin((2 * Math.PI * t) / 48) + (weekend ? -15 : 0) + 2 * Math.sin(t * 12.9898);
    });
    const times = load.map((_, t) => new Date(Date.UTC(2024, 0, 1) + t * 1_800_000).toISOString());
    const params = resolveParams('default', { ...small, testSize: 48, horizon: 2 }, { length: n, frequency: '30min' });
    const r = await trainAndForecast({ values: load, timestamps: times }, params);
    r.model.dispose();
    expect(r.notes).toMatchObject({ frequency: '30min', period: 48, scoringPeriod: 48 });
    expect(r.notes.seasonality).toMatchObject({ periods: [48, 336], primary: 48 });
    expect(r.future.map((p) => p.t)).toEqual(['2024-01-29T00:00:00.000Z', '2024-01-29T00:30:00.000Z']);
    // Monthly data without a season: the model drops it, MASE keeps the monthly period.
    const flat = values.map((_, i) => 100 + i + 5 * Math.sin(i * 78.233));
    const plain = await trainAndForecast({ values: flat, timestamps }, resolveParams('default', small, 60));
    plain.model.dispose();
    expect(plain.notes).toMatchObject({ period: 1, scoringPeriod: 12, seasonality: { periods: [], primary: 1 } });
  });

  it('keeps the season of a monthly series with one outlier and forecasts it (default preset)', async () => {
    // 10 years of 100 + 20·sin(2πt/12) + N(0, 3) with one month recorded as 1000: unclipped, the
    // spike hid the season (period 1) and the holdout MASE was ~0.5, 5× seasonal naive's.
    const gauss = gaussianNoise(mulberry32(1));
    const y = Array.from({ length: 120 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + 3 * gauss());
    y[80] = 1000;
    const dates = y.map((_, i) => `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const params = resolveParams('default', {}, { length: y.length, frequency: 'monthly', min: 0 });
    const r = await trainAndForecast({ values: y, timestamps: dates }, params);
    r.model.dispose();
    expect(r.notes).toMatchObject({ period: 12, frequency: 'monthly', seasonality: { periods: [12] } });
    expect(r.metrics.mase).toBeLessThan(0.3);
  });

  it.each([60, 48, 40])('models the season of a %i-month series with a year held out (default preset)', async (n) => {
    // Growth and a ±20 % season. The selection's own season test used to miss 4 training years (the
    // autocorrelation test is blind over few cycles), and 3 years were too short for its validation
    // plan: every candidate was non-seasonal and the holdout MASE 1.1-1.8 against ETS's 0.2. 28
    // training months (two seasons and 4) validate a 4-month horizon from two seasons in.
    const gauss = gaussianNoise(mulberry32(1));
    const y = Array.from(
      { length: n },
      (_, t) => 100 * (1 + 0.01 * t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) + 3 * gauss(),
    );
    const dates = y.map((_, i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const params = resolveParams('default', { testSize: 12 }, { length: n, frequency: 'monthly', min: 0 });
    const r = await trainAndForecast({ values: y, timestamps: dates }, params);
    r.model.dispose();
    expect(r.notes.selection).toMatchObject({ seasonal: true, periods: [12] });
    expect(r.metrics.mase).toBeLessThan(0.5);
  });

  it('models the year of weekly sales from under three years (default preset)', async () => {
    // 2.75 years of weekly sales with growth, a Christmas peak and a mild yearly swing, a quarter
    // held out. Detection wanted three years: no candidate had the year and the holdout MASE was
    // 2.64 (0.71 now), ETS's (seasonally adjusted, as stlf) 0.79.
    const gauss = gaussianNoise(mulberry32(136));
    let noise = 0;
    const dates: string[] = [];
    const y = Array.from({ length: 156 }, (_, i) => {
      const t = new Date(Date.UTC(2015, 0, 5 + 7 * i));
      dates.push(t.toISOString().slice(0, 10));
      const day = (t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 864e5;
      noise = 0.5 * noise + gauss();
      const season = 1 + 0.6 * Math.exp(-0.5 * ((day - 355) / 8) ** 2) + 0.15 * Math.cos((2 * Math.PI * day) / 365.25);
      return (1000 + 2 * i) * season + 40 * noise;
    });
    const params = resolveParams('default', { testSize: 13, horizon: 13 }, { length: y.length, frequency: 'weekly', min: 0 });
    const r = await trainAndForecast({ values: y, timestamps: dates }, params);
    r.model.dispose();
    expect(r.notes.selection).toMatchObject({ seasonal: true, periods: [52] });
    expect(r.metrics.mase).toBeLessThan(1);
  });

  it('repeats the day of two days of hourly data (default preset), which no member can model', async () => {
    // 60 hours, 12 held out: a morning and an evening peak over a slow rise. Two days leave nothing
    // to validate a daily profile on; every member forecast the peaks as noise (MASE 1.7, seasonal
    // naive 0.40). The benchmark member now repeats the day and validates best, so it is used alone.
    const gauss = gaussianNoise(mulberry32(2));
    let noise = 0;
    const timestamps: string[] = [];
    const y = Array.from({ length: 60 }, (_, i) => {
      timestamps.push(new Date(Date.UTC(2024, 2, 4) + i * 3_600_000).toISOString());
      noise = 0.8 * noise + gauss();
      const hour = i % 24;
      return (
        500 +
        300 * Math.exp(-0.5 * ((hour - 9) / 2) ** 2) +
        400 * Math.exp(-0.5 * ((hour - 19) / 2.5) ** 2) +
        0.3 * i +
        25 * noise
      );
    });
    const params = resolveParams('default', { testSize: 12, horizon: 12 }, { length: 60, frequency: 'hourly', min: 0 });
    const r = await trainAndForecast({ values: y, timestamps }, params);
    r.model.dispose();
    expect(r.notes.selection).toMatchObject({ seasonal: false, chosen: ['snaive'] });
    expect(r.notes.messages.join(' ')).toMatch(/detected seasonal period 24 not modelled/);
    expect(r.metrics.mase).toBeLessThan(0.5);
  });

  it('forecasts demand with zeros (never negative in its history) without negative values or quantiles', async () => {
    // Intermittent monthly demand: mostly 0, an order of 4 every 7 months, of 1 every 11. Unfloored,
    // the combination's p10 was below zero from the first step.
    const y = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? 4 : i % 11 === 0 ? 1 : 0));
    const dates = y.map((_, i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const params = resolveParams('default', { testSize: 12 }, { length: y.length, frequency: 'monthly', min: 0 });
    const r = await trainAndForecast({ values: y, timestamps: dates }, params);
    r.model.dispose();
    const all = [...r.holdout, ...r.future].flatMap((p) => [p.forecast, p.p10!, p.p50!, p.p90!]);
    expect(all.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(r.future.some((p) => p.p90! > 0)).toBe(true);
  });

  it('re-forecasts the same future from stored artifacts', async () => {
    for (const [transform, windowNorm] of [
      ['none', 'none'],
      ['auto', 'none'],
      ['auto', 'mean'],
    ] as const) {
      const params = resolveParams('default', { ...small, transform, windowNorm, seasonalPeriod: 12 }, values.length);
      const r = await trainAndForecast({ values }, params); // no timestamps: no dates, period from params
      const artifacts = await r.model.save();
      const stored = JSON.parse(JSON.stringify({ params: r.params, scaler: r.scaler }));
      // Both the effective params of the result and the params the run was submitted with work.
      for (const runParams of [stored.params, params]) {
        const again = await forecastFromArtifacts(artifacts, stored.scaler, { values }, runParams, 4);
        again.forEach((p, i) => {
          expect(p.forecast).toBeCloseTo(r.future[i].forecast, 4);
          expect(p.p10).toBeCloseTo(r.future[i].p10!, 3); // the same simulated paths
          expect(p.p90).toBeCloseTo(r.future[i].p90!, 3);
        });
        expect(again[0].t).toBeUndefined();
      }
      if (transform === 'none') {
        const simple = await forecastFromArtifacts(artifacts, r.scaler, values.slice(-6), 4);
        simple.forEach((p, i) => expect(p.forecast).toBeCloseTo(r.future[i].forecast, 4));
      }
      r.model.dispose();
    }
    await expect(forecastFromArtifacts({} as never, { min: 0, max: 1, lo: -1, hi: 1 }, [1], 0)).rejects.toThrow(
      ParamValidationError,
    );
  });

  it('stops at an epoch boundary when aborted and returns no forecasts', async () => {
    const controller = new AbortController();
    const params = resolveParams('default', { ...small, epochs: 50 }, values.length);
    const r = await trainAndForecast(series, params, {
      signal: controller.signal,
      onEpochEnd: (e) => {
        if (e.epoch === 2) controller.abort();
      },
    });
    expect(r.fit).toMatchObject({ stopReason: 'aborted', epochsRun: 2 });
    expect(r.future).toEqual([]);
    expect(r.metrics.mae).toBeNaN();
    r.model.dispose();
  });

  it('uses validation + early stopping, and rejects log transforms of non-positive series', async () => {
    const params = resolveParams('default', { ...small, epochs: 30, validationSize: 6, patience: 2, learningRate: 0.3 }, 60);
    const r = await trainAndForecast(series, params);
    expect(r.fit.epochs[0].valLoss).toBeDefined();
    expect(r.notes.validationWindows).toBe(6);
    r.model.dispose();
    const withZero = { values: values.map((v, i) => (i === 3 ? 0 : v)) };
    const logParams = resolveParams('default', { ...small, transform: 'log-seasonal-diff' }, 60);
    await expect(trainAndForecast(withZero, logParams)).rejects.toThrow(/transform/);
    const auto = await trainAndForecast(withZero, resolveParams('default', { ...small, epochs: 1, seasonalPeriod: 12 }, 60));
    expect(auto.params.transform).toBe('deseasonalize'); // 'auto' avoids the log for a series with a 0
    auto.model.dispose();
  });

  it('puts the seasonal profile back at the right phase whatever the series length', async () => {
    // A noise-free seasonal series whose length is not a multiple of the period: a forecast that
    // misplaced the profile by the history's phase would be off by the seasonal amplitude.
    const period = 7;
    const clean = Array.from({ length: 7 * 20 + 3 }, (_, i) => 50 * (1 + 0.3 * Math.sin((2 * Math.PI * i) / period)));
    const params = resolveParams(
      'default',
      { window: 14, testSize: 5, epochs: 5, horizon: 3, seasonalPeriod: period },
      clean.length,
    );
    const r = await trainAndForecast({ values: clean }, params);
    expect(r.params.transform).toBe('log-deseasonalize');
    expect(r.metrics.mape).toBeLessThan(1);
    r.future.forEach((p, i) =>
      expect(p.forecast).toBeCloseTo(50 * (1 + 0.3 * Math.sin((2 * Math.PI * (clean.length + i)) / period)), 0),
    );
    r.model.dispose();
  });
});
