import type { ForecastPoint } from '@seqcast/core';
import { toForecastCsv } from './run.mapper';

const point = (p: Partial<ForecastPoint>): ForecastPoint => ({
  runId: 'r',
  kind: 'holdout',
  step: 1,
  t: null,
  actual: null,
  forecast: 0,
  p10: null,
  p50: null,
  p90: null,
  ...p,
});

describe('toForecastCsv', () => {
  it('writes holdout then future rows, numbers as numbers', () => {
    const csv = toForecastCsv([
      point({ kind: 'future', step: 1, t: '1961-01-01', forecast: 450.5 }),
      point({ kind: 'holdout', step: 1, t: '1960-01-01', actual: 417, forecast: -3.25 }),
    ]);
    expect(csv).toBe(
      'kind,step,t,actual,forecast,p10,p50,p90\r\n' +
        'holdout,1,1960-01-01,417,-3.25,,,\r\n' +
        'future,1,1961-01-01,,450.5,,,\r\n',
    );
  });

  it('escapes timestamps that a spreadsheet would run as formulas', () => {
    const csv = toForecastCsv([
      point({ t: '=cmd|"/c calc"!A1' }),
      point({ step: 2, t: '@SUM(1)' }),
      point({ step: 3, t: '-1+1' }),
    ]);
    const cells = csv
      .split('\r\n')
      .slice(1, 4)
      .map((line) => line.split(',')[2]);
    expect(cells).toEqual([`"'=cmd|""/c calc""!A1"`, "'@SUM(1)", "'-1+1"]);
  });
});
