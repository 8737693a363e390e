import { loadGruModel } from '../gru/create-gru-model';
import { candidateForecast, candidatePaths, fitCandidate } from './fit-candidate';
import { SeasonalNaiveModel } from './seasonal-naive-model';
import { loadMember, storeMember } from './stored-member';

describe('seasonal naive member', () => {
  const series = Array.from({ length: 60 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12) + t);
  const ctx = { period: 12, seasonal: true, positive: true, seed: 1 };

  it('forecasts the last cycle repeated, however many cycles ahead', async () => {
    const fitted = await fitCandidate(series, { name: 'snaive', kind: 'snaive', window: 12, hidden: 0 }, ctx);
    const f = candidateForecast(fitted, series, 30);
    for (let k = 0; k < 30; k++) expect(f[k]).toBeCloseTo(series[48 + (k % 12)], 4);
    // Intervals come from the in-sample errors of repeating the cycle (here the trend: 12 a cycle).
    expect(fitted.state.residuals.every((e) => Math.abs(e - 12) < 1e-9)).toBe(true);
    const paths = candidatePaths(fitted, series, 24, 3, 10);
    expect(paths[0][0]).toBeCloseTo(series[48] + 12, 4);
    expect(paths[0][12]).toBeCloseTo(series[48] + 24, 4);
  });

  it('naive without a season, and survives a save and load (stored runs re-forecast)', async () => {
    const fitted = await fitCandidate(
      series,
      { name: 'naive', kind: 'snaive', window: 1, hidden: 0 },
      { ...ctx, seasonal: false },
    );
    expect(candidateForecast(fitted, series, 3)).toEqual(Array(3).fill(series[59]));
    const loaded = await loadGruModel(await new SeasonalNaiveModel(7).save());
    expect(loaded).toBeInstanceOf(SeasonalNaiveModel);
    expect(Array.from(loaded.predict(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])))).toEqual([1, 8]);
  });

  it('is stored with a selection run and re-forecasts the same from JSON', async () => {
    const fitted = await fitCandidate(series, { name: 'snaive', kind: 'snaive', window: 12, hidden: 0 }, ctx);
    const stored = JSON.parse(JSON.stringify(await storeMember(fitted)));
    const restored = await loadMember(stored);
    expect(candidateForecast(restored, series, 15)).toEqual(candidateForecast(fitted, series, 15));
  });
});
