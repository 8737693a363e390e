// Lays a dataset and one or more runs' forecasts onto one shared x axis, the shape uPlot wants:
// x plus one y array per series, null where a series has no point.
import {
  isSessionFrequency,
  recentHistoryStart,
  type DatasetWithValuesDto,
  type ForecastDto,
  type FuturePoint,
  type IntervalFields,
} from '@seqcast/contracts';
import { timestampToSeconds, timestampsToSeconds } from './time-axis';

export interface RunForecastInput {
  label: string;
  forecast: ForecastDto;
  /** Replaces forecast.future (a re-forecast with another horizon). */
  future?: FuturePoint[];
}

/** A p10–p90 prediction interval on the shared x axis: lower and upper edges, null where none. */
export interface IntervalBand {
  p10: (number | null)[];
  p90: (number | null)[];
}

export interface RunForecastSeries {
  label: string;
  holdoutForecast: (number | null)[];
  future: (number | null)[];
  /** The interval around the holdout forecast; null when no holdout point carries p10 and p90. */
  holdoutBand: IntervalBand | null;
  /** The interval around the future forecast (joined to the last observed point, like `future`); null without one. */
  futureBand: IntervalBand | null;
}

export interface ForecastSeries {
  /** True when x holds Unix seconds; false when it holds 1-based step indices. */
  time: boolean;
  x: number[];
  /** Session data (market or office hours): x holds step indices and these are their timestamps
   *  (null where a point has none), so the axis reads as time with the closed hours left out. */
  xLabels?: (string | null)[];
  /** Training part of the series (everything before the holdout). */
  history: (number | null)[];
  /** Actual values over the holdout window. */
  holdoutActual: (number | null)[];
  runs: RunForecastSeries[];
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const hasInterval = (p: IntervalFields) => finite(p.p10) && finite(p.p90);

export function buildForecastSeries(
  dataset: Pick<DatasetWithValuesDto, 'values' | 'timestamps'> & { frequency?: string | null },
  runs: RunForecastInput[],
): ForecastSeries {
  const n = dataset.values.length;
  const datasetSeconds = timestampsToSeconds(dataset.timestamps ?? []);
  const dated = datasetSeconds !== null && datasetSeconds.length === n;
  // Session data is drawn against its steps: on clock time the closed hours (nights, weekends)
  // would fill most of the chart with straight lines between one close and the next open.
  const session = dated && isSessionFrequency(dataset.frequency);
  const time = dated && !session;
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

  const band = (): IntervalBand => ({ p10: empty(), p90: empty() });
  const setBand = (b: IntervalBand, at: number, p: IntervalFields) => {
    if (!hasInterval(p)) return;
    b.p10[at] = p.p10!;
    b.p90[at] = p.p90!;
  };

  const out = runs.map((r): RunForecastSeries => {
    const holdoutForecast = empty();
    const holdoutBand = r.forecast.holdout.some(hasInterval) ? band() : null;
    const start = n - r.forecast.holdout.length;
    for (const p of r.forecast.holdout) {
      const i = start + p.step - 1;
      if (i < 0 || i >= n) continue;
      const at = pos.get(xOfIndex(i))!;
      holdoutForecast[at] = p.forecast;
      if (holdoutBand) setBand(holdoutBand, at, p);
    }
    const future = empty();
    const points = r.future ?? r.forecast.future;
    const futureBand = points.some(hasInterval) ? band() : null;
    // The future line starts at the last observed point so it visibly continues the series; the
    // band opens from that point too.
    if (points.length && n > 0) {
      const at = pos.get(xOfIndex(n - 1))!;
      future[at] = dataset.values[n - 1];
      if (futureBand) setBand(futureBand, at, { p10: dataset.values[n - 1], p90: dataset.values[n - 1] });
    }
    for (const p of points) {
      const at = futureX(p);
      if (at === null) continue;
      future[pos.get(at)!] = p.forecast;
      if (futureBand) setBand(futureBand, pos.get(at)!, p);
    }
    return { label: r.label, holdoutForecast, future, holdoutBand, futureBand };
  });
  if (!session) return { time, x, history, holdoutActual, runs: out };
  const labels = new Map<number, string>();
  for (let i = 0; i < n; i++) labels.set(i + 1, dataset.timestamps![i]!);
  for (const r of runs) for (const p of r.future ?? r.forecast.future) if (p.t) labels.set(n + p.step, p.t);
  return { time, x, xLabels: x.map((v) => labels.get(v) ?? null), history, holdoutActual, runs: out };
}

/**
 * Where a forecast chart opens: the index of `s.x` of the first history point it shows
 * (recentHistoryStart: four history points per point of holdout and future, or all of them).
 */
export function initialViewStart(s: ForecastSeries): number {
  let focus = s.history.length;
  while (focus > 0 && s.history[focus - 1] === null) focus--;
  return recentHistoryStart(focus, s.x.length - focus);
}
