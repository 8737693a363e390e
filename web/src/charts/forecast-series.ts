// Lays a dataset and one or more runs' forecasts onto one shared x axis, the shape uPlot wants:
// x plus one y array per series, null where a series has no point.
import type { DatasetWithValues, Forecast, FuturePoint } from '../api/types';
import { timestampToSeconds, timestampsToSeconds } from './time-axis';

export interface RunForecastInput {
  label: string;
  forecast: Forecast;
  /** Replaces forecast.future (a re-forecast with another horizon). */
  future?: FuturePoint[];
}

export interface ForecastSeries {
  /** True when x holds Unix seconds; false when it holds 1-based step indices. */
  time: boolean;
  x: number[];
  /** Training part of the series (everything before the holdout). */
  history: (number | null)[];
  /** Actual values over the holdout window. */
  holdoutActual: (number | null)[];
  runs: { label: string; holdoutForecast: (number | null)[]; future: (number | null)[] }[];
}

export function buildForecastSeries(
  dataset: Pick<DatasetWithValues, 'values' | 'timestamps'>,
  runs: RunForecastInput[],
): ForecastSeries {
  const n = dataset.values.length;
  const datasetSeconds = timestampsToSeconds(dataset.timestamps ?? []);
  const time = datasetSeconds !== null && datasetSeconds.length === n;
  const holdoutLen = Math.max(0, ...runs.map((r) => r.forecast.holdout.length));
  const holdoutStart = n - holdoutLen;

  // x of each point: its timestamp, or its 1-based position (holdout step k is point holdoutStart + k).
  const xOfIndex = (i: number) => (time ? datasetSeconds![i] : i + 1);
  const futureX = (p: FuturePoint) => (time ? timestampToSeconds(p.t) : n + p.step);

  const xs = new Set<number>();
  for (let i = 0; i < n; i++) xs.add(xOfIndex(i));
  for (const r of runs)
    for (const p of r.future ?? r.forecast.future) {
      const x = futureX(p);
      if (x !== null) xs.add(x);
    }
  const x = [...xs].sort((a, b) => a - b);
  const pos = new Map(x.map((v, i) => [v, i]));
  const empty = () => new Array<number | null>(x.length).fill(null);

  const history = empty();
  const holdoutActual = empty();
  for (let i = 0; i < n; i++) {
    const at = pos.get(xOfIndex(i))!;
    if (i < holdoutStart) history[at] = dataset.values[i];
    // The holdout line starts at the last training point so the two read as one series.
    if (i >= holdoutStart - 1 && holdoutLen > 0) holdoutActual[at] = dataset.values[i];
  }
  if (holdoutLen > 0 && holdoutStart - 1 < 0) holdoutActual[0] = dataset.values[0];

  const out = runs.map((r) => {
    const holdoutForecast = empty();
    const start = n - r.forecast.holdout.length;
    for (const p of r.forecast.holdout) {
      const i = start + p.step - 1;
      if (i >= 0 && i < n) holdoutForecast[pos.get(xOfIndex(i))!] = p.forecast;
    }
    const future = empty();
    const points = r.future ?? r.forecast.future;
    // The future line starts at the last observed point so it visibly continues the series.
    if (points.length && n > 0) future[pos.get(xOfIndex(n - 1))!] = dataset.values[n - 1];
    for (const p of points) {
      const at = futureX(p);
      if (at !== null) future[pos.get(at)!] = p.forecast;
    }
    return { label: r.label, holdoutForecast, future };
  });
  return { time, x, history, holdoutActual, runs: out };
}
