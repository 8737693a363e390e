import { buildForecastSeries, initialViewStart } from './forecast-series';
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
    // No point carries p10/p90: no band, and nothing else changes.
    expect(s.runs[0].holdoutBand).toBeNull();
    expect(s.runs[0].futureBand).toBeNull();
  });

  it("session data (market hours) is laid out by step, with each step's timestamp as its label", () => {
    const bars = {
      values: [1, 2, 3, 4],
      timestamps: [
        '2026-02-13T15:50:00.000Z',
        '2026-02-13T15:55:00.000Z',
        '2026-02-16T09:30:00.000Z',
        '2026-02-16T09:35:00.000Z',
      ],
      frequency: '5min 09:30-16:00 mon-fri',
    };
    const barsForecast = {
      holdout: [{ step: 1, t: '2026-02-16T09:35:00.000Z', actual: 4, forecast: 3.5 }],
      future: [{ step: 1, t: '2026-02-16T09:40:00.000Z', forecast: 5 }],
    };
    const s = buildForecastSeries(bars, [{ label: 'a', forecast: barsForecast }]);
    expect(s.time).toBe(false);
    expect(s.x).toEqual([1, 2, 3, 4, 5]); // Friday's close and Monday's open are neighbours
    expect(s.xLabels).toEqual([...bars.timestamps, '2026-02-16T09:40:00.000Z']);
    expect(s.runs[0].future).toEqual([null, null, null, 4, 5]);
    // Any other frequency keeps clock time.
    expect(buildForecastSeries({ ...bars, frequency: '5min' }, [{ label: 'a', forecast: barsForecast }]).xLabels).toBeUndefined();
  });

  it('lays the p10–p90 interval of the holdout and the future forecast on the same x as their lines', () => {
    const withIntervals = {
      holdout: [
        { step: 1, t: '2020-04-01', actual: 13, forecast: 12.5, p10: 11, p50: 12.4, p90: 14 },
        { step: 2, t: '2020-05-01', actual: 14, forecast: 14.5, p10: 12.5, p50: 14.6, p90: 16 },
      ],
      future: [
        { step: 1, t: '2020-06-01', forecast: 15, p10: 13, p50: 15, p90: 17 },
        { step: 2, t: '2020-07-01', forecast: 16, p10: 13.5, p50: 16.1, p90: 18.5 },
      ],
    };
    const s = buildForecastSeries(dataset, [{ label: 'a', forecast: withIntervals }]);
    expect(s.x).toHaveLength(7);
    expect(s.runs[0].holdoutForecast).toEqual([null, null, null, 12.5, 14.5, null, null]);
    expect(s.runs[0].holdoutBand).toEqual({
      p10: [null, null, null, 11, 12.5, null, null],
      p90: [null, null, null, 14, 16, null, null],
    });
    // The future band opens from the last observed point, where the future line starts.
    expect(s.runs[0].future).toEqual([null, null, null, null, 14, 15, 16]);
    expect(s.runs[0].futureBand).toEqual({
      p10: [null, null, null, null, 14, 13, 13.5],
      p90: [null, null, null, null, 14, 17, 18.5],
    });
  });

  it('follows a re-forecast for the future band and leaves out points without an interval', () => {
    const s = buildForecastSeries({ values: dataset.values, timestamps: [] }, [
      {
        label: 'a',
        forecast: {
          holdout: [
            { step: 1, t: null, actual: 13, forecast: 12.5, p10: null, p50: null, p90: null },
            { step: 2, t: null, actual: 14, forecast: 14.5, p10: 12, p50: 14.5, p90: 16 },
          ],
          future: [{ step: 1, t: null, forecast: 15, p10: 13, p50: 15, p90: 17 }],
        },
        future: [
          { step: 1, t: null, forecast: 1, p10: 0.5, p50: 1, p90: 2 },
          { step: 2, t: null, forecast: 2 },
        ],
      },
    ]);
    expect(s.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.runs[0].holdoutBand).toEqual({
      p10: [null, null, null, null, 12, null, null],
      p90: [null, null, null, null, 16, null, null],
    });
    expect(s.runs[0].futureBand).toEqual({
      p10: [null, null, null, null, 14, 0.5, null],
      p90: [null, null, null, null, 14, 2, null],
    });
  });

  it('gives each of several runs its own bands, null for a run without intervals', () => {
    const withIntervals = {
      holdout: forecast.holdout.map((p) => ({ ...p, p10: p.forecast - 1, p50: p.forecast, p90: p.forecast + 1 })),
      future: [],
    };
    const s = buildForecastSeries(dataset, [
      { label: 'new', forecast: withIntervals },
      { label: 'old', forecast },
    ]);
    expect(s.runs[0].holdoutBand?.p90).toEqual([null, null, null, 13.5, 15.5, null]);
    expect(s.runs[0].futureBand).toBeNull();
    expect(s.runs[1].holdoutBand).toBeNull();
    expect(s.runs[1].futureBand).toBeNull();
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

  it('opens a long history on its recent part: four points of history per point of holdout and future', () => {
    const series = (train: number, holdout: number, ahead: number) =>
      buildForecastSeries({ values: Array.from({ length: train + holdout }, (_, i) => i), timestamps: null }, [
        {
          label: 'a',
          forecast: {
            holdout: Array.from({ length: holdout }, (_, k) => ({
              step: k + 1,
              t: null,
              actual: train + k,
              forecast: train + k,
            })),
            future: Array.from({ length: ahead }, (_, k) => ({ step: k + 1, forecast: train + holdout + k })),
          },
        },
      ]);
    // 8 weeks of 2-hourly points, a day held out and a day ahead: it opens on the last 5 days.
    const long = series(660, 12, 12);
    expect(long.x).toHaveLength(684);
    expect(initialViewStart(long)).toBe(660 - 4 * 24);
    // flights.csv (132 + 12, 12 ahead): it would leave out less than half, so all of it.
    expect(initialViewStart(series(132, 12, 12))).toBe(0);
    // No holdout: the future alone is the focus.
    expect(initialViewStart(series(1000, 0, 10))).toBe(1000 - 40);
  });
});
