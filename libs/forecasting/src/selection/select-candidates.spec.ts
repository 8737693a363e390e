// Per-series selection (the `default` preset): the validation plan and candidate set adapt to the
// series length, the shortest accepted length is enforced with a 400-style error naming it, the
// choice is recorded, runs are deterministic, and a stored combination re-forecasts identically.
import { ONE_ORIGIN_SPREAD } from '@seqcast/contracts';
import { initTfBackend } from '../backend/init-tf-backend';
import { ParamValidationError } from '../errors';
import { resolveParams } from '../params/resolve-params';
import { forecastFromArtifacts } from '../pipeline/forecast-from-artifacts';
import { selectionSetup, trainAndForecast, trainedGruImpl } from '../pipeline/train-and-forecast';
import { defaultCandidates, MIN_POINTS_FOR_NETS_WITHOUT_SEASON } from './candidates';
import { fitSmoothing, filterSmoothing, smoothingForecast } from './exponential-smoothing';
import { showsSeason } from './seasonality';
import { candidateForecast, fitCandidate } from './fit-candidate';
import {
  chooseCandidates,
  DOMINANT_SCORE_RATIO,
  MIN_DOMINANCE_ORIGINS,
  MIN_RANKING_ORIGINS,
  MIN_SELECTION_TRAIN_POINTS,
  scoreCandidate,
  selectionPlan,
  validationPlan,
  validationScale,
  validationScore,
} from './select-candidates';

jest.setTimeout(60_000);

beforeAll(async () => {
  await initTfBackend();
});

/** Quarterly revenue-like series: log-linear growth, a small season, seeded noise. */
function quarterly(n: number, seed = 1): { values: number[]; timestamps: string[] } {
  let s = seed;
  const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.01;
  const values = Array.from({ length: n }, (_, t) => Math.exp(2 + 0.02 * t + 0.03 * Math.sin((2 * Math.PI * t) / 4) + noise()));
  const timestamps = values.map((_, t) => `${1960 + Math.floor(t / 4)}-${String(1 + 3 * (t % 4)).padStart(2, '0')}-01`);
  return { values, timestamps };
}

describe('validation plan and candidates', () => {
  it('adapts horizon, origins and windows to a short series', () => {
    const plan = validationPlan(31, 8); // freeny-revenue: 39 quarterly points, holdout 8
    expect(plan.horizon).toBe(7);
    expect(plan.origins).toEqual([17, 20, 24]); // two horizons, origins half a horizon apart
    const candidates = defaultCandidates({ trainPoints: 31, period: 4, seasonal: true }, plan.origins[0]);
    for (const c of candidates) expect(c.window).toBeLessThanOrEqual(plan.origins[0] - 9);
    expect(new Set(candidates.map((c) => c.name)).size).toBe(candidates.length);
  });

  it('keeps a clear season from two seasons on, validating a shorter horizon where two seasons and one do not fit', () => {
    const months = (n: number) =>
      Array.from({ length: n }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + Math.sin(t * 78.233));
    // 30 months and a 6-month horizon: one origin, two seasons in.
    expect(selectionPlan(months(30), 6, 12)).toMatchObject({ shape: { seasonal: true }, plan: { horizon: 6, origins: [24] } });
    // 28 months and a year held out: validated 4 months ahead, from two seasons in.
    expect(selectionPlan(months(28), 12, 12)).toMatchObject({ shape: { seasonal: true }, plan: { horizon: 4, origins: [24] } });
    // 25: one point past two seasons, too few to validate a profile; modelled without the season,
    // which the benchmark member repeats (validated from an origin past one season).
    expect(selectionPlan(months(25), 12, 12)).toMatchObject({ shape: { seasonal: false }, dropped: [12] });
    expect(selectionPlan(months(25), 12, 12).plan.origins[0]).toBeGreaterThan(12);
    const values = months(31);
    const timestamps = values.map((_, t) => `${2020 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`);
    const params = resolveParams('default', { testSize: 6 }, { length: 31, frequency: 'monthly', min: 0 });
    expect(selectionSetup({ values, timestamps }, params).candidates.at(-1)).toMatchObject({ name: 'snaive', window: 12 });
  });

  it('spans five horizons with origins half a horizon apart on a long series, windows of two seasons', () => {
    const plan = validationPlan(132, 12);
    expect(plan).toEqual({ horizon: 12, origins: [72, 78, 84, 90, 96, 102, 108, 114, 120] });
    const names = defaultCandidates({ trainPoints: 132, period: 12, seasonal: true }, 72).map((c) => c.name);
    expect(names).toEqual([
      'gru-w24',
      'gru-diff-w12',
      'es-damped+gru',
      'es-ses+gru',
      'es-theta+gru',
      'ets+gru',
      'nnar',
      'snaive',
    ]);
    // The benchmark member repeats the longest cycle modelled, or the last value without a season;
    // with several cycles modelled, a second one repeats the shortest (yesterday).
    const [week, day] = defaultCandidates({ trainPoints: 2000, period: 48, seasonal: true, longerPeriods: [336] }, 1500).slice(
      -2,
    );
    expect(week).toMatchObject({ name: 'snaive', kind: 'snaive', window: 336 });
    expect(day).toMatchObject({ name: 'snaive-48', kind: 'snaive', window: 48 });
    // Not where the week is repeated only because the data is too short to test it.
    expect(
      defaultCandidates({ trainPoints: 4000, period: 288, seasonal: true, naiveCycle: 2016 }, 3000).map((c) => c.name),
    ).not.toContain('snaive-288');
    expect(defaultCandidates({ trainPoints: 132, period: 12, seasonal: false }, 72).at(-1)).toMatchObject({
      name: 'naive',
      window: 1,
    });
  });

  it('leaves the pure networks out, unfitted, of a short series whose calendar has a season its data does not show', async () => {
    const pureNets = (shape: Parameters<typeof defaultCandidates>[0]) =>
      defaultCandidates(shape, 30)
        .filter((c) => c.leftOut)
        .map((c) => c.kind);
    // Quarterly, 44 points before the holdout, no season shown (seasonally adjusted data): left out.
    expect(pureNets({ trainPoints: 44, period: 1, seasonal: false, calendarPeriod: 4 })).toEqual(['gru', 'gru-diff']);
    expect(
      pureNets({ trainPoints: MIN_POINTS_FOR_NETS_WITHOUT_SEASON - 1, period: 1, seasonal: false, calendarPeriod: 12 }),
    ).toEqual(['gru', 'gru-diff']);
    // Kept: from that many points, where the season shows, and on a calendar without one (yearly).
    expect(pureNets({ trainPoints: MIN_POINTS_FOR_NETS_WITHOUT_SEASON, period: 1, seasonal: false, calendarPeriod: 4 })).toEqual(
      [],
    );
    expect(pureNets({ trainPoints: 44, period: 4, seasonal: true, calendarPeriod: 4 })).toEqual([]);
    expect(pureNets({ trainPoints: 8, period: 4, seasonal: false, naiveCycle: 4, calendarPeriod: 4 })).toEqual([]);
    expect(pureNets({ trainPoints: 30, period: 1, seasonal: false, calendarPeriod: 1 })).toEqual([]);
    expect(pureNets({ trainPoints: 30, period: 1, seasonal: false })).toEqual([]);
    // Every run keeps one slot per candidate: the list is as long either way.
    expect(defaultCandidates({ trainPoints: 44, period: 1, seasonal: false, calendarPeriod: 4 }, 30)).toHaveLength(
      defaultCandidates({ trainPoints: 0, period: 1, seasonal: false }, 0).length,
    );

    // Scored as unfit with the reason, at once, and never chosen.
    const [gru] = defaultCandidates({ trainPoints: 44, period: 1, seasonal: false, calendarPeriod: 4 }, 30);
    const train = Array.from({ length: 44 }, (_, t) => 100 + t + Math.sin(t));
    const score = await scoreCandidate(
      train,
      gru,
      { period: 1, seasonal: false, positive: true, seed: 1 },
      validationPlan(44, 8),
    );
    expect(score).toEqual({
      name: gru.name,
      score: Infinity,
      error: expect.stringMatching(/not fitted: no season shown and 44 points, under the 50/),
    });
  });

  it('runs a short quarterly series without a season on the other members, recording why the networks sat out', async () => {
    // 48 quarters of a smooth trend with persistent noise and no season, 8 held out.
    let s = 7;
    const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
    let level = 0;
    const values = Array.from({ length: 48 }, (_, t) => Math.exp(3 + 0.015 * t + (level = 0.8 * level + noise())));
    const timestamps = values.map((_, t) => `${1980 + Math.floor(t / 4)}-${String(1 + 3 * (t % 4)).padStart(2, '0')}-01`);
    const params = resolveParams('default', { testSize: 8 }, { length: 48, frequency: 'quarterly', min: Math.min(...values) });
    const r = await trainAndForecast({ values, timestamps }, params);
    r.model.dispose();
    const selection = r.notes.selection!;
    const leftOut = selection.candidates.filter((c) => c.error?.startsWith('not fitted'));
    expect(leftOut.map((c) => c.name)).toEqual([expect.stringMatching(/^gru-w\d+$/), expect.stringMatching(/^gru-diff-w\d+$/)]);
    expect(leftOut.every((c) => !c.chosen)).toBe(true);
    expect(selection.chosen.length).toBeGreaterThan(0);
    expect(selection.chosen.some((name) => name.startsWith('gru-'))).toBe(false);
    expect(Number.isFinite(r.metrics.mase)).toBe(true);
  });

  it('chooses the best four finite scores, best first', () => {
    const scores = [
      { name: 'a', score: 0.9 },
      { name: 'b', score: 0.5 },
      { name: 'c', score: Infinity, error: 'too short' },
      { name: 'd', score: 0.7 },
      { name: 'e', score: 1.2 },
    ];
    expect(chooseCandidates(scores)).toEqual({ chosen: ['b', 'd', 'a', 'e'], rule: 'best-few' });
    expect(() => chooseCandidates([{ name: 'c', score: Infinity, error: 'too short' }])).toThrow(/too short/);
  });

  it('combines every candidate within ONE_ORIGIN_SPREAD of the best when validation has one origin, the best four from two', () => {
    const scores = [
      { name: 'a', score: 0.9 },
      { name: 'b', score: 0.1 },
      { name: 'c', score: Infinity, error: 'too short' },
      { name: 'd', score: 0.35 },
      { name: 'e', score: 0.4 },
      { name: 'f', score: 0.3 },
      { name: 'g', score: 0.2 },
    ];
    expect(MIN_RANKING_ORIGINS).toBe(2);
    expect(ONE_ORIGIN_SPREAD).toBe(4);
    // One stretch of a short series ranks only what is far apart: all within 4x of 'b' (0.4 too),
    // however many, and 'b' is not used alone although below half of every other score.
    expect(chooseCandidates(scores, { origins: 1 })).toEqual({ chosen: ['b', 'g', 'f', 'd', 'e'], rule: 'within-spread' });
    expect(chooseCandidates(scores.slice(0, 3), { origins: 1 }).chosen).toEqual(['b']);
    expect(chooseCandidates(scores, { origins: 2 }).chosen).toEqual(['b', 'g', 'f', 'd']);
    // The cycle only the benchmark repeats still goes alone.
    expect(chooseCandidates([...scores, { name: 'snaive', score: 0.05 }], { alone: 'snaive', origins: 1 })).toEqual({
      chosen: ['snaive'],
      rule: 'repeats-cycle',
    });
  });

  it('keeps a candidate alone when it validates below half of every other error', () => {
    const others = [
      { name: 'es-ses+gru', score: 1.26 },
      { name: 'ets+gru', score: 1.49 },
      { name: 'gru-w24', score: 4.02 },
    ];
    expect(chooseCandidates([...others, { name: 'snaive', score: 0.57 }])).toEqual({ chosen: ['snaive'], rule: 'dominant' });
    // At 0.5 × the next it is one of the combined four, not alone.
    expect(chooseCandidates([...others, { name: 'snaive', score: 0.63 }]).chosen).toEqual([
      'snaive',
      'es-ses+gru',
      'ets+gru',
      'gru-w24',
    ]);
    expect(DOMINANT_SCORE_RATIO).toBe(0.5);
    // Validated on fewer than MIN_DOMINANCE_ORIGINS origins, halving the next error is one stretch's luck.
    expect(MIN_DOMINANCE_ORIGINS).toBe(3);
    expect(chooseCandidates([...others, { name: 'snaive', score: 0.57 }], { origins: 3 }).chosen).toEqual(['snaive']);
    expect(chooseCandidates([...others, { name: 'snaive', score: 0.57 }], { origins: 2 }).chosen).toEqual([
      'snaive',
      'es-ses+gru',
      'ets+gru',
      'gru-w24',
    ]);
    // The one candidate that repeats a cycle the others cannot model is alone whenever it is best.
    expect(chooseCandidates([...others, { name: 'snaive', score: 0.9 }], { alone: 'snaive' }).chosen).toEqual(['snaive']);
    expect(chooseCandidates([...others, { name: 'snaive', score: 1.3 }], { alone: 'snaive' }).chosen).toHaveLength(4);
    // A day kept from under two days: the benchmark repeating it goes alone whatever one origin says.
    expect(
      chooseCandidates([...others, { name: 'snaive', score: 1.3 }], { alone: 'snaive', untestedDay: true, origins: 1 }),
    ).toEqual({
      chosen: ['snaive'],
      rule: 'untested-day',
    });
  });

  it('scores by the root mean square of the origins: a steady candidate beats one that fails from one origin', () => {
    const steady = [0.8, 0.8, 0.8, 0.8];
    const erratic = [0.4, 0.4, 0.4, 1.9]; // lower mean (0.775), one bad origin
    expect(validationScore(steady)).toBeCloseTo(0.8, 12);
    expect(validationScore(erratic)).toBeCloseTo(Math.sqrt((3 * 0.16 + 3.61) / 4), 12);
    const scores = [
      { name: 'erratic', score: validationScore(erratic) },
      { name: 'steady', score: validationScore(steady) },
    ];
    expect(chooseCandidates(scores, { count: 1 }).chosen).toEqual(['steady']);
  });

  it('finds a season only where the detrended series shows one', () => {
    const seasonal = Array.from({ length: 96 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12));
    expect(showsSeason(seasonal, 12)).toBe(true);
    let x = 100;
    let s = 7;
    const walk = Array.from({ length: 96 }, () => (x += 1 + ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 4));
    expect(showsSeason(walk, 12)).toBe(false);
    // One outlier of 10× the level does not hide the season.
    const spiked = seasonal.map((v, t) => (t === 50 ? 10 * v : v));
    expect(showsSeason(spiked, 12)).toBe(true);
    // Four seasons of a clear pattern: the autocorrelation test alone is blind there (a sinusoid's
    // Σr_k² is large), the strength test is not.
    const fourYears = seasonal.slice(0, 48).map((v, t) => v + Math.sin(t * 78.233));
    expect(showsSeason(fourYears, 12)).toBe(true);
    // Two to three seasons, too few to detrend: the season's lag must be clearly the closest.
    expect(showsSeason(seasonal.slice(0, 30), 12)).toBe(true);
    expect(showsSeason(walk.slice(0, 30), 12)).toBe(false);
    expect(showsSeason(seasonal.slice(0, 23), 12)).toBe(false);
  });

  it('exponential smoothing follows a straight line', () => {
    const line = Array.from({ length: 40 }, (_, t) => 5 + 0.5 * t);
    const p = fitSmoothing(line, 'damped');
    const { state } = filterSmoothing(line, p);
    expect(smoothingForecast(state, p)).toBeCloseTo(25, 0);
    const theta = fitSmoothing(line, 'theta');
    expect(theta.trend0).toBeCloseTo(0.25, 6); // half the least-squares slope
  });
});

describe('default preset on short series', () => {
  it(`refuses fewer than ${MIN_SELECTION_TRAIN_POINTS} points before the holdout, naming the minimum`, () => {
    const err = (() => {
      try {
        resolveParams('default', { testSize: 8 }, 15);
      } catch (e) {
        return e as ParamValidationError;
      }
    })();
    expect(err).toBeInstanceOf(ParamValidationError);
    expect(err?.message).toMatch(/at least 8 points before the holdout/);
    expect(err?.message).toMatch(/at least 16 points for testSize 8/);
    expect(resolveParams('default', { testSize: 8 }, 16).selection).toBe('auto');
  });

  // n yearly points before a holdout of 6 (M3's yearly series have 14-41): the holdout's error
  // against naive's (the last value repeated) at most `ratio`: on 8 points the one origin forecasts
  // 2 steps, where naive validates as well as the trend; from 11 the trend is followed.
  it.each([
    [8, 1.05],
    [11, 0.5],
    [15, 0.5],
  ])('%i yearly points before a holdout of 6: one origin, the best few combined, error <= %f x naive', async (n, ratio) => {
    const values = Array.from({ length: n + 6 }, (_, t) => 200 + 12 * t + 9 * Math.sin(t * 1.7));
    const timestamps = values.map((_, t) => String(1960 + t));
    const params = resolveParams('default', { testSize: 6, seed: 3 }, { length: n + 6, frequency: 'yearly', min: 1 });
    const r = await trainAndForecast({ values, timestamps, frequency: 'yearly' }, params);
    const selection = r.notes.selection!;
    expect(selection.validation.origins).toHaveLength(1);
    // One origin never makes a candidate dominant.
    expect(selection.chosen.length).toBeGreaterThan(1);
    expect(r.holdout).toHaveLength(6);
    for (const p of [...r.holdout, ...r.future]) expect(Number.isFinite(p.forecast)).toBe(true);
    const mae = r.holdout.reduce((s, p) => s + Math.abs(p.actual - p.forecast), 0);
    const naive = r.holdout.reduce((s, p) => s + Math.abs(p.actual - values[n - 1]), 0);
    expect(mae).toBeLessThanOrEqual(ratio * naive);
    // Too few windows to hold any out: the reported network trained 40 epochs without early
    // stopping, and the run's params say so (not the preset's 150, 12 and 15).
    expect(r.params).toMatchObject({ epochs: 40, validationSize: 0, patience: 0 });
    expect(r.fit.epochsRun).toBe(40);
  });

  it('a 39-point quarterly series with holdout 8 trains, records every candidate and is deterministic', async () => {
    const series = quarterly(39);
    const params = resolveParams('default', { testSize: 8, horizon: 4 }, { length: 39, frequency: 'quarterly', min: 1 });
    const a = await trainAndForecast(series, params);
    const b = await trainAndForecast(series, params);
    const selection = a.notes.selection!;
    expect(selection.candidates).toHaveLength(8);
    // 31 points before the holdout validate on one origin: all within ONE_ORIGIN_SPREAD of the best.
    expect(selection.validation.origins).toHaveLength(1);
    const best = Math.min(...selection.candidates.map((c) => c.score));
    expect(selection.chosen).toEqual(
      [...selection.candidates]
        .filter((c) => c.score <= ONE_ORIGIN_SPREAD * best)
        .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
        .map((c) => c.name),
    );
    expect(selection.chosen.length).toBeGreaterThan(1);
    expect(
      selection.candidates
        .filter((c) => c.chosen)
        .map((c) => c.name)
        .sort(),
    ).toEqual([...selection.chosen].sort());
    for (const c of selection.candidates) expect(Number.isFinite(c.score)).toBe(true);
    expect(a.holdout).toHaveLength(8);
    for (const p of a.holdout) expect(p.p10!).toBeLessThanOrEqual(p.p90!);
    expect(a.future.map((p) => p.t)).toEqual(['1969-10-01', '1970-01-01', '1970-04-01', '1970-07-01']);
    // A smooth trend: clearly better than repeating last year's values.
    expect(a.metrics.mase).toBeLessThan(a.baselines.seasonalNaive.mase);
    expect(b.holdout.map((p) => p.forecast)).toEqual(a.holdout.map((p) => p.forecast));
    expect(b.notes.selection).toEqual(selection);

    // The stored combination re-forecasts the run's future exactly.
    const artifacts = await a.model.save();
    const stored = JSON.parse(JSON.stringify(a.scaler));
    const again = await forecastFromArtifacts(artifacts, stored, series, a.params, 4);
    for (const [i, p] of again.entries()) {
      expect(p.forecast).toBeCloseTo(a.future[i].forecast, 6);
      expect(p.p90!).toBeCloseTo(a.future[i].p90!, 6);
    }
    a.model.dispose();
    b.model.dispose();
  });

  it('a spike in a seasonal training part is clipped before the candidates see it, and a re-forecast clips it too', async () => {
    // Monthly, 10 years: growth, a ±20 % season, 2 % noise; month 100 recorded 10× too high.
    let seed = 3;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.04;
    const clean = Array.from(
      { length: 120 },
      (_, t) => 100 * (1 + 0.005 * t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (1 + noise()),
    );
    const timestamps = clean.map((_, t) => `${2010 + Math.floor(t / 12)}-${String(1 + (t % 12)).padStart(2, '0')}-01`);
    const spiked = clean.map((v, t) => (t === 100 ? 10 * v : v));
    const params = resolveParams('default', { testSize: 12, horizon: 12 }, { length: 120, frequency: 'monthly', min: 1 });
    const setup = selectionSetup({ values: spiked, timestamps }, params);
    expect(setup.outlierPeriod).toBe(12);
    expect(setup.trainRaw[100]).toBe(spiked[100]);
    expect(setup.train[100]).toBeLessThan(1.5 * clean[100]);
    expect(setup.train[99]).toBe(spiked[99]); // only the outlier moves
    const withSpike = await trainAndForecast({ values: spiked, timestamps }, params);
    const without = await trainAndForecast({ values: clean, timestamps }, params);
    // Forecast as if the month had been recorded right (the spike was in the history's last year).
    expect(withSpike.metrics.mase).toBeLessThan(1.25 * without.metrics.mase + 0.05);
    expect(withSpike.scaler.outlierPeriod).toBe(12);
    // The stored combination re-forecasts the run's future exactly: from the clipped history.
    const again = await forecastFromArtifacts(
      await withSpike.model.save(),
      JSON.parse(JSON.stringify(withSpike.scaler)),
      { values: spiked, timestamps },
      withSpike.params,
      12,
    );
    for (const [i, p] of again.entries()) expect(p.forecast).toBeCloseTo(withSpike.future[i].forecast, 6);
    withSpike.model.dispose();
    without.model.dispose();
  });

  it('candidates scored separately (as child jobs would) give the in-process result', async () => {
    const series = quarterly(48, 3);
    const params = resolveParams('default', { testSize: 8, horizon: 4 }, { length: 48, frequency: 'quarterly', min: 1 });
    const inProcess = await trainAndForecast(series, params);
    const { train, candidates, ctx, plan } = selectionSetup(series, params);
    const scores = [];
    for (const c of candidates) scores.push(await scoreCandidate(train, c, ctx, plan)); // one job each
    expect(scores).toEqual(inProcess.notes.selection!.candidates.map(({ chosen: _, ...s }) => s));
    const composed = await trainAndForecast(series, params, { candidateScores: scores });
    expect(composed.holdout).toEqual(inProcess.holdout);
    expect(composed.notes.selection).toEqual(inProcess.notes.selection);
    inProcess.model.dispose();
    composed.model.dispose();
  });

  it('a run whose best member trains no network reports the first GRU-trained member: its implementation, shape and epochs', async () => {
    const series = quarterly(48, 3);
    const params = resolveParams('default', { testSize: 8, horizon: 4 }, { length: 48, frequency: 'quarterly', min: 1 });
    const { train, candidates, ctx, plan } = selectionSetup(series, params);
    const scores = [];
    for (const c of candidates) scores.push(await scoreCandidate(train, c, ctx, plan));
    const best = Math.min(...scores.map((s) => s.score));
    const benchmark = candidates.find((c) => c.kind === 'snaive')!;
    // Ranked first, but not by enough to be used alone (DOMINANT_SCORE_RATIO).
    const ranked = scores.map((s) => (s.name === benchmark.name ? { ...s, score: 0.9 * best } : s));
    const r = await trainAndForecast(series, params, { candidateScores: ranked });
    const chosen = r.notes.selection!.chosen;
    expect(chosen[0]).toBe(benchmark.name);
    const shown = candidates.find((c) => c.name === chosen.find((n) => /gru/.test(n)))!;
    expect(r.fit.epochsRun).toBeGreaterThan(0);
    expect(r.params.window).toBe(shown.window);
    expect(r.fit.epochsRun).toBeLessThanOrEqual(r.params.epochs);
    expect(trainedGruImpl(r)).toBe(r.model.impl);
    expect(r.notes.gruImpl).toBe(r.model.impl);
    expect(['naive', 'mlp']).not.toContain(r.model.impl);
    r.model.dispose();

    // Only members that train no network chosen: no GRU implementation to report.
    const noNets = scores.map((s) =>
      ['snaive', 'nnar'].includes(candidates.find((c) => c.name === s.name)!.kind) ? s : { ...s, score: Infinity },
    );
    const plain = await trainAndForecast(series, params, { candidateScores: noNets });
    expect(plain.notes.selection!.chosen.length).toBeGreaterThan(0);
    expect(plain.fit.epochsRun).toBe(0);
    expect(trainedGruImpl(plain)).toBeNull();
    // The notes say so too (a panel's series stores them as they are; they said 'fused' before).
    expect(plain.notes.gruImpl).toBeNull();
    expect(plain.future).toHaveLength(4);
    plain.model.dispose();
  });

  it("a candidate's score is the root mean square of its per-origin validation MASEs, not their mean", async () => {
    const series = quarterly(48, 5);
    const params = resolveParams('default', { testSize: 8 }, { length: 48, frequency: 'quarterly', min: 1 });
    const { train, candidates, ctx, plan } = selectionSetup(series, params);
    const spec = candidates.find((c) => c.kind === 'hybrid')!;
    const fitted = await fitCandidate(train.slice(0, plan.origins[0]), spec, ctx);
    const scale = validationScale(train, ctx.period);
    const perOrigin = plan.origins.map((o) => {
      const f = candidateForecast(fitted, train.slice(0, o), plan.horizon);
      return f.reduce((s, v, k) => s + Math.abs(train[o + k] - v), 0) / plan.horizon / scale;
    });
    fitted.model.dispose();
    const mean = perOrigin.reduce((s, e) => s + e, 0) / perOrigin.length;
    const rms = Math.sqrt(perOrigin.reduce((s, e) => s + e * e, 0) / perOrigin.length);
    expect(rms).toBeGreaterThan(mean * (1 + 1e-6)); // the origins differ, so the two rules differ
    const { score } = await scoreCandidate(train, spec, ctx, plan);
    expect(score).toBeCloseTo(rms, 10);
  });

  it('half-hourly data with daily and weekly cycles: trains with the daily season and beats seasonal naive', async () => {
    let s = 11;
    const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 6;
    const start = Date.UTC(2026, 0, 5);
    const n = 48 * 7 * 3; // three weeks of half-hours
    const values = Array.from(
      { length: n },
      (_, t) => 200 + 40 * Math.sin((2 * Math.PI * t) / 48) + 15 * Math.sin((2 * Math.PI * t) / 336) + noise(),
    );
    const timestamps = values.map((_, t) => new Date(start + t * 1_800_000).toISOString());
    const params = resolveParams('default', { testSize: 48, horizon: 48 }, { length: n, frequency: '30min', min: 1 });
    const r = await trainAndForecast({ values, timestamps }, params);
    expect(r.notes.period).toBe(48);
    expect(r.notes.selection!.seasonal).toBe(true);
    expect(r.future[0].t).toBe(new Date(start + n * 1_800_000).toISOString());
    expect(r.metrics.mase).toBeLessThan(r.baselines.seasonalNaive.mase);
    r.model.dispose();
  });

  it('an explicit architecture turns selection off', () => {
    expect(resolveParams('default', { window: 12 }, 144).selection).toBe('off');
    expect(resolveParams('default', {}, 144).selection).toBe('auto');
    expect(resolveParams('seed', {}, 144).selection).toBe('off');
  });
});
