import { buildForecastSeries } from './forecast-series';
import { timestampToSeconds } from './time-axis';

const sec = (iso: string) => Date.parse(iso) / 1000;

describe('buildForecastSeries', () => {
  const dataset = {
    values: [10, 11, 12, 13, 14],
    timestamps: ['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01', '2020-05-01'],
  };
  const forecast = {
    holdout: [
      { step: 1, t: '2020-04-01', actual: 13, forecast: 12.5 },
      { step: 2, t: '2020-05-01', actual: 14, forecast: 14.5 },
    ],
    future: [{ step: 1, t: '2020-06-01', forecast: 15 }],
  };

  it('puts history, holdout actuals, forecast and future on one time axis', () => {
    const s = buildForecastSeries(dataset, [{ label: 'a', forecast }]);
    expect(s.time).toBe(true);
    expect(s.x).toEqual(['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01', '2020-05-01', '2020-06-01'].map(sec));
    expect(s.history).toEqual([10, 11, 12, null, null, null]);
    expect(s.holdoutActual).toEqual([null, null, 12, 13, 14, null]); // joined to the last training point
    expect(s.runs[0].holdoutForecast).toEqual([null, null, null, 12.5, 14.5, null]);
    expect(s.runs[0].future).toEqual([null, null, null, null, 14, 15]);
  });

  it('falls back to step indices without timestamps, and a re-forecast replaces the future', () => {
    const s = buildForecastSeries({ values: dataset.values, timestamps: [] }, [
      {
        label: 'a',
        forecast: { ...forecast, future: [] },
        future: [
          { step: 1, t: null, forecast: 1 },
          { step: 2, t: null, forecast: 2 },
        ],
      },
    ]);
    expect(s.time).toBe(false);
    expect(s.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.runs[0].future).toEqual([null, null, null, null, 14, 1, 2]);
  });

  it('reads API timestamps as UTC', () => {
    expect(timestampToSeconds('1960-01-01')).toBe(sec('1960-01-01T00:00:00Z'));
    expect(timestampToSeconds('2020-01-01T06:00:00')).toBe(sec('2020-01-01T06:00:00Z'));
    expect(timestampToSeconds(null)).toBeNull();
  });
});
