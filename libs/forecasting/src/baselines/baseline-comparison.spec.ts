import { compareToBaselines } from './baseline-comparison';

const m = (mase: number, mape = mase * 3, rmse = mase * 10) => ({ mase, mape, rmse });

describe('compareToBaselines', () => {
  it('says plainly when the model wins, naming the runner-up', () => {
    const c = compareToBaselines(m(0.5), { naive: m(2), seasonalNaive: m(1), seasonalNaiveGrowth: m(0.6), drift: m(1.8) });
    expect(c.metric).toBe('mase');
    expect(c.beatenBy).toEqual([]);
    expect(c.ranking.map((r) => r.name)).toEqual(['model', 'seasonalNaiveGrowth', 'seasonalNaive', 'drift', 'naive']);
    expect(c.verdict).toBe(
      'The model beats every baseline on the holdout (MASE 0.50; best baseline Seasonal naive × growth 0.60).',
    );
  });

  it('says plainly when a baseline wins, and lists every baseline that did', () => {
    const c = compareToBaselines(m(0.9), { naive: m(2), seasonalNaive: m(0.8), seasonalNaiveGrowth: m(0.7), drift: m(1.8) });
    expect(c.beatenBy).toEqual(['seasonalNaiveGrowth', 'seasonalNaive']); // best first
    expect(c.ranking[0].name).toBe('seasonalNaiveGrowth');
    expect(c.verdict).toMatch(
      /^Seasonal naive × growth beats the model on the holdout \(MASE 0\.70 vs 0\.90\), and so does Seasonal naive: /,
    );
  });

  it('names the model a fitted baseline chose, ETS and Theta included', () => {
    const baselines = { naive: m(2), seasonalNaive: m(1), ets: m(0.6), theta: m(0.7) };
    const models = { ets: 'ETS(M,Ad,M)', theta: 'Theta' };
    const lost = compareToBaselines(m(0.8), baselines, { models });
    expect(lost.ranking.map((r) => r.name)).toEqual(['ets', 'theta', 'model', 'seasonalNaive', 'naive']);
    expect(lost.verdict).toMatch(
      /^ETS \(ETS\(M,Ad,M\)\) beats the model on the holdout \(MASE 0\.60 vs 0\.80\), and so does Theta: /,
    );
    expect(compareToBaselines(m(0.5), baselines, { models }).verdict).toBe(
      'The model beats every baseline on the holdout (MASE 0.50; best baseline ETS (ETS(M,Ad,M)) 0.60).',
    );
  });

  it('shows close values with the decimals that tell them apart', () => {
    // min15's holdout: ETS 0.3229 against the model's 0.3241 read "MASE 0.32 vs 0.32".
    expect(compareToBaselines(m(0.3241), { ets: m(0.3229), naive: m(2) }).verdict).toMatch(
      /^ETS beats the model on the holdout \(MASE 0\.323 vs 0\.324\)/,
    );
    expect(compareToBaselines(m(0.50123), { theta: m(0.50161) }).verdict).toBe(
      'The model beats every baseline on the holdout (MASE 0.501; best baseline Theta 0.502).',
    );
    // MAPE keeps its unit; values that differ only past 3 more decimals stay at 5.
    expect(compareToBaselines(m(NaN, 3.4912), { naive: m(NaN, 3.4871) }).verdict).toMatch(/\(MAPE 3\.487 % vs 3\.491 %\)/);
    expect(compareToBaselines(m(1.0000001), { naive: m(1) }).verdict).toMatch(/\(MASE 1\.00000 vs 1\.00000\)/);
  });

  it('claims no win where a baseline ties the model (a run that chose to repeat seasonal naive)', () => {
    // 84 half-hours whose run kept `snaive` alone read "beats every baseline (MASE 0.55629; best
    // baseline Seasonal naive 0.55629)".
    const c = compareToBaselines(m(0.5562912), { seasonalNaive: m(0.5562912), naive: m(1.4) });
    expect(c.beatenBy).toEqual([]);
    expect(c.verdict).toBe('No baseline beats the model on the holdout, but Seasonal naive ties it (MASE 0.56).');
  });

  it('falls back to MAPE when MASE is undefined (constant training part) and skips undefined contenders', () => {
    const c = compareToBaselines(m(NaN, 4), { naive: m(NaN, 5), seasonalNaive: m(NaN, NaN) });
    expect(c.metric).toBe('mape');
    expect(c.ranking).toEqual([
      { name: 'model', value: 4 },
      { name: 'naive', value: 5 },
    ]);
    expect(c.verdict).toContain('MAPE 4.00 %');
  });

  it('ranks intermittent demand by RMSE and says why: MASE would crown the forecast of zero', () => {
    // 730 days of sales, 86 % without any: naive repeats the last day's zero and wins by MASE (0.08
    // against the model's 0.89), the mean the model forecasts wins by RMSE.
    const lumpy = { pattern: 'lumpy' as const, zeroShare: 0.857, adi: 7, cv2: 0.6 };
    const model = { mase: 0.89, mape: NaN, rmse: 0.8 };
    const baselines = { naive: { mase: 0.08, mape: NaN, rmse: 1.3 }, ets: { mase: 0.57, mape: NaN, rmse: 0.82 } };
    const c = compareToBaselines(model, baselines, { demand: lumpy });
    expect(c.metric).toBe('rmse');
    expect(c.beatenBy).toEqual([]);
    expect(c.ranking.map((r) => r.name)).toEqual(['model', 'ets', 'naive']);
    expect(c.verdict).toBe(
      'Intermittent demand (86 % of the training part is zero): ranked by RMSE, since MASE would favour forecasting ' +
        'zero. The model beats every baseline on the holdout (RMSE 0.80; best baseline ETS 0.82).',
    );
    // Smooth demand with a few zeros keeps MASE, and the same numbers lose to naive.
    const smooth = compareToBaselines(model, baselines, { demand: { ...lumpy, pattern: 'smooth', zeroShare: 0.1, adi: 1.1 } });
    expect(smooth.metric).toBe('mase');
    expect(smooth.beatenBy).toEqual(['naive', 'ets']);
  });
});
