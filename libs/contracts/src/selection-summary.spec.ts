import type { CandidateSelection } from './run-notes';
import { ONE_ORIGIN_SPREAD, selectionSummary } from './selection-summary';

function selection(scores: Record<string, number | null>, chosen: string[], origins: number[]): CandidateSelection {
  return {
    candidates: Object.entries(scores).map(([name, score]) => ({ name, score, chosen: chosen.includes(name) })),
    chosen,
    combination: 'median',
    validation: { horizon: 7, origins },
    seasonal: true,
    periods: [4],
  };
}

describe('selectionSummary', () => {
  const scores = { 'gru-w8': 0.16, 'ets+gru': 0.1, nnar: 0.54, snaive: 1.46, 'es-ses+gru': null };

  it('says the candidates within ONE_ORIGIN_SPREAD of the best are combined when validation had one origin', () => {
    expect(ONE_ORIGIN_SPREAD).toBe(4);
    expect(selectionSummary(selection(scores, ['ets+gru', 'gru-w8'], [24]))).toBe(
      'validation MASE forecasting 7 points from 1 origin in the training part; the 2 within 4× of the best error are ' +
        'combined (median): one origin ranks only what is far apart; seasonal cycles 4',
    );
    expect(selectionSummary(selection(scores, ['ets+gru'], [24]))).toMatch(
      /from 1 origin in the training part; the best is used alone: no other came within 4× of its error on the one origin/,
    );
  });

  it('says the best few are combined from several origins, or that one was used alone', () => {
    expect(selectionSummary(selection(scores, ['ets+gru', 'gru-w8'], [17, 20, 24]))).toBe(
      'validation MASE forecasting 7 points from 3 origins in the training part; the 2 best are combined (median); seasonal cycles 4',
    );
    expect(selectionSummary(selection(scores, ['ets+gru'], [17, 20, 24]))).toMatch(
      /from 3 origins in the training part; the best is used alone \(it validated under half of every other error\)/,
    );
  });

  it('says why seasonal naive went alone from the rule the run recorded, and which cycle it repeats', () => {
    const week = { ...selection(scores, ['snaive'], [17, 20, 24]), rule: 'repeats-cycle' as const, repeatedCycle: 672 };
    expect(selectionSummary(week)).toMatch(
      /; the best, seasonal naive 672 steps back, is used alone: it repeats a cycle the data show that no other candidate models;/,
    );
    // Scored worst on its one origin, and still alone: the text must not claim it validated best.
    const day = { ...selection(scores, ['snaive'], [49]), rule: 'untested-day' as const, repeatedCycle: 48 };
    expect(selectionSummary(day)).toMatch(
      /from 1 origin in the training part; seasonal naive 48 steps back is used alone: it repeats the day the data show/,
    );
    expect(selectionSummary({ ...day, rule: 'best-few' })).toMatch(/; the 1 best are combined/);
  });
});
